import { describe, expect, it } from 'vitest';
import type { ActionType } from '../../types.js';
import { candidate, context, settings, situation } from '../fixtures.testkit.js';
import { blockedDomainRule, matchBlockedDomain, normalizeDomain } from './blockedDomainRule.js';

function check(counterpartDomain: string | undefined, blockedDomains: string[], type: ActionType = 'archive') {
  const ctx = context({ settings: settings({ blockedDomains }), situation: situation({ facts: { counterpartDomain } }) });
  return blockedDomainRule.check({ candidate: candidate({ type }), tier: 'high', ctx });
}

describe('normalizeDomain / matchBlockedDomain', () => {
  it.each([
    ['acme.com', 'acme.com'],
    [' @Acme.COM ', 'acme.com'],
    ['*.acme.com', 'acme.com'],
    ['.acme.com.', 'acme.com'],
  ])('%j → %s', (raw, normal) => {
    expect(normalizeDomain(raw)).toBe(normal);
  });

  it.each<[string | undefined, string[], string | null]>([
    ['acme.com', ['acme.com'], 'acme.com'],
    ['news.acme.com', ['acme.com'], 'acme.com'],
    ['a.b.acme.com', ['other.org', 'ACME.com'], 'acme.com'],
    ['notacme.com', ['acme.com'], null],
    ['acme.com.evil.io', ['acme.com'], null],
    ['acme.com', ['news.acme.com'], null],
    ['acme.com', [''], null],
    [undefined, ['acme.com'], null],
    ['', ['acme.com'], null],
  ])('%s against %o → %s', (domain, blocked, match) => {
    expect(matchBlockedDomain(domain, blocked)).toBe(match);
  });
});

describe('blockedDomainRule', () => {
  it('denies an action on a blocked counterpart', () => {
    expect(check('acme.com', ['acme.com'])).toEqual([{ verdict: 'denied', code: 'blocked_domain', message: 'acme.com is blocked' }]);
    expect(check('news.acme.com', ['acme.com'])[0]?.message).toBe('news.acme.com is blocked (you blocked acme.com)');
  });

  it.each<ActionType>(['archive', 'label', 'mark_read', 'draft_reply', 'rsvp', 'approve_renewal', 'send_email', 'delete_permanently'])(
    'denies %s',
    (type) => {
      expect(check('acme.com', ['acme.com'], type)[0]?.verdict).toBe('denied');
    },
  );

  it('lets do_nothing and flag_for_review through', () => {
    expect(check('acme.com', ['acme.com'], 'do_nothing')).toEqual([]);
    expect(check('acme.com', ['acme.com'], 'flag_for_review')).toEqual([]);
  });

  it('says nothing about unblocked counterparts', () => {
    expect(check('example.org', ['acme.com'])).toEqual([]);
    expect(check(undefined, ['acme.com'])).toEqual([]);
  });
});
