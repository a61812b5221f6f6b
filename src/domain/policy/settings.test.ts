import { describe, expect, it } from 'vitest';
import { defaultSettings, spendLimitsFor } from './settings.js';

describe('defaultSettings', () => {
  it('starts a new user at observer in every domain with the documented limits', () => {
    const settings = defaultSettings();
    expect(settings.trustTiers).toEqual({ email: 'observer', calendar: 'observer', finance: 'observer' });
    expect(settings.spendLimits).toEqual({ perActionCents: 2000, dailyCents: 5000 });
    expect(settings.quietHours).toBeNull();
    expect(settings.blockedDomains).toEqual([]);
    expect(settings.domainOverrides).toEqual({});
    expect(settings.trustProgression).toEqual({
      enabled: true,
      maxAutoTier: 'low',
      promoteAfterApprovals: 10,
      minApprovalRate: 0.9,
      demoteAfterRejections: 2,
      demoteOnUndo: true,
      newDomainApprovals: 10,
      scopeMinAnswers: 5,
      scopeMinAccuracy: 0.85,
      scopeWindowDays: 14,
      demoteAfterFailingScopes: 3,
    });
  });

  it('returns a fresh object each time, so callers can mutate theirs', () => {
    const first = defaultSettings();
    first.blockedDomains.push('acme.com');
    first.trustTiers.email = 'high';
    expect(defaultSettings().blockedDomains).toEqual([]);
    expect(defaultSettings().trustTiers.email).toBe('observer');
  });
});

describe('spendLimitsFor', () => {
  it('uses the global limits without an override', () => {
    expect(spendLimitsFor(defaultSettings(), 'finance')).toEqual({ perActionCents: 2000, dailyCents: 5000 });
  });

  it('replaces each limit a domain overrides, and only in that domain', () => {
    const settings = { ...defaultSettings(), domainOverrides: { finance: { perActionCents: 3000 } } };
    expect(spendLimitsFor(settings, 'finance')).toEqual({ perActionCents: 3000, dailyCents: 5000 });
    expect(spendLimitsFor(settings, 'email')).toEqual({ perActionCents: 2000, dailyCents: 5000 });
  });

  it('honours an override of zero (spending nothing alone)', () => {
    const settings = { ...defaultSettings(), domainOverrides: { finance: { perActionCents: 0, dailyCents: 0 } } };
    expect(spendLimitsFor(settings, 'finance')).toEqual({ perActionCents: 0, dailyCents: 0 });
  });
});
