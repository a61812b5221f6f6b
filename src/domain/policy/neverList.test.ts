import { describe, expect, it } from 'vitest';
import { candidate } from './fixtures.testkit.js';
import { neverListReason } from './neverList.js';
import { countRecipients } from '../mail-facts.js';

describe('countRecipients', () => {
  it.each([
    [{}, 0],
    [{ to: ['a@x.com'] }, 1],
    [{ to: ['a@x.com', 'b@x.com'], cc: ['c@x.com'], bcc: ['d@x.com', 'e@x.com'] }, 5],
    [{ to: 'a@x.com' }, 1],
    [{ to: 'a@x.com, b@x.com,,' }, 2],
    [{ to: 42, cc: null }, 0],
  ])('%o → %d', (parameters, count) => {
    expect(countRecipients(parameters)).toBe(count);
  });
});

describe('neverListReason', () => {
  const addresses = (n: number): string[] => Array.from({ length: n }, (_, i) => `p${i}@x.com`);

  it.each([
    ['delete_permanently', /permanent deletion/],
    ['accept_terms', /legal terms/],
    ['share_credentials', /credentials/],
    ['change_security_settings', /security settings/],
  ] as const)('%s is always on the list', (type, message) => {
    expect(neverListReason(candidate({ type }).action)).toMatch(message);
  });

  it('lists mail to more than 10 recipients across to, cc and bcc', () => {
    const ten = candidate({ type: 'send_email', parameters: { to: addresses(4), cc: addresses(3), bcc: addresses(3) } });
    const eleven = candidate({ type: 'send_email', parameters: { to: addresses(4), cc: addresses(3), bcc: addresses(4) } });
    expect(neverListReason(ten.action)).toBeNull();
    expect(neverListReason(eleven.action)).toBe('mail to 11 recipients (more than 10) always needs your approval');
  });

  it('leaves ordinary actions alone', () => {
    for (const type of ['archive', 'label', 'mark_read', 'draft_reply', 'rsvp', 'approve_renewal', 'do_nothing'] as const) {
      expect(neverListReason(candidate({ type, parameters: { to: addresses(20) } }).action)).toBeNull();
    }
  });
});
