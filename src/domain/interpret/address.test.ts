import { describe, expect, it } from 'vitest';
import { parseAddress, senderRoles } from './address.js';

describe('parseAddress', () => {
  it.each([
    ['Bob <bob@example.com>', 'bob@example.com', 'Bob'],
    ['"Doe, Jane" <Jane.Doe@Example.COM>', 'jane.doe@example.com', 'Doe, Jane'],
    ['bob@example.com', 'bob@example.com', ''],
    ['  <alerts+id@mail.bank.co.uk> ', 'alerts+id@mail.bank.co.uk', ''],
  ])('parses %s', (raw, address, name) => {
    expect(parseAddress(raw)).toMatchObject({ address, name });
  });

  it.each(['', 'not an address', 'bob@', '@example.com', 'Bob <bob at example.com>', 'a@b', 'x@-bad.com'])('rejects %j', (raw) => {
    expect(parseAddress(raw)).toBeNull();
  });

  it('rejects values that are not strings', () => {
    expect(parseAddress(42)).toBeNull();
    expect(parseAddress(null)).toBeNull();
  });
});

describe('senderRoles', () => {
  it.each([
    ['noreply', ['noreply']],
    ['no-reply', ['noreply']],
    ['do_not_reply', ['noreply']],
    ['security-noreply', ['noreply', 'security']],
    ['billing', ['billing']],
    ['receipts', ['billing']],
    ['notifications', ['notifications']],
    ['alerts+abc', ['notifications']],
    ['newsletter', ['newsletter']],
    ['marketing.team', ['marketing']],
    ['bob', []],
    ['billy', []],
  ])('%s → %j', (local, roles) => {
    expect(senderRoles(local)).toEqual(roles);
  });
});
