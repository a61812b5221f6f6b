import { describe, expect, it } from 'vitest';
import type { FeedbackKind, TrustProgress, TrustProgressionSettings, TrustTier } from '../types.js';
import { PROGRESSION } from './fixtures.testkit.js';
import { progressTrust } from './trust.js';

function progress(streak: number, recent: boolean[]): TrustProgress {
  const approvals = recent.filter(Boolean).length;
  return { approvals, rejections: recent.length - approvals, undos: 0, streak, recent };
}
const ok = (n: number): boolean[] => Array<boolean>(n).fill(true);
const settings = (over: Partial<TrustProgressionSettings> = {}): TrustProgressionSettings => ({ ...PROGRESSION, ...over });

describe('progressTrust promotion', () => {
  it.each<[string, TrustTier, TrustProgress, Partial<TrustProgressionSettings>, FeedbackKind, TrustTier]>([
    ['observer → suggest after 10 in a row', 'observer', progress(10, ok(10)), {}, 'approve', 'suggest'],
    ['suggest → low on confirmations', 'suggest', progress(10, ok(12)), {}, 'confirm', 'low'],
    ['low → moderate', 'low', progress(12, ok(20)), {}, 'approve', 'moderate'],
    ['not with a streak one short', 'observer', progress(9, ok(9)), {}, 'approve', 'observer'],
    ['not below the approval rate', 'observer', progress(10, [false, false, ...ok(10)]), {}, 'approve', 'observer'],
    ['rate exactly at the minimum is enough', 'observer', progress(9, [false, ...ok(9)]), { promoteAfterApprovals: 9 }, 'approve', 'suggest'],
    ['not when disabled', 'observer', progress(10, ok(10)), { enabled: false }, 'approve', 'observer'],
    ['not above maxAutoTier (moderate)', 'moderate', progress(30, ok(20)), {}, 'approve', 'moderate'],
    ['not above maxAutoTier (low)', 'low', progress(30, ok(20)), { maxAutoTier: 'low' }, 'approve', 'low'],
    ['up to maxAutoTier high', 'moderate', progress(10, ok(10)), { maxAutoTier: 'high' }, 'approve', 'high'],
    ['never above high', 'high', progress(50, ok(20)), { maxAutoTier: 'high' }, 'approve', 'high'],
    ['a cap of observer freezes promotion', 'observer', progress(50, ok(20)), { maxAutoTier: 'observer' }, 'approve', 'observer'],
    ['an edit can complete a run', 'observer', progress(10, ok(10)), {}, 'edit', 'suggest'],
    ['a restatement never promotes', 'observer', progress(10, ok(10)), {}, 'restate', 'observer'],
  ])('%s', (_name, tier, p, over, kind, expected) => {
    const step = progressTrust(p, tier, settings(over), kind, false, 'email');
    expect(step.tier).toBe(expected);
    if (expected === tier) {
      expect(step.reason).toBeNull();
      expect(step.progress).toEqual(p);
    } else {
      expect(step.reason).toMatch(new RegExp(`^promoted email to ${expected} after \\d+ approvals in a row \\(\\d+% approved\\)$`));
      expect(step.progress.streak).toBe(0);
    }
  });

  it('reads like the dashboard expects', () => {
    const step = progressTrust(progress(10, ok(10)), 'observer', settings(), 'approve', false, 'email');
    expect(step.reason).toBe('promoted email to suggest after 10 approvals in a row (100% approved)');
  });

  it('needs a fresh run for the next step', () => {
    const first = progressTrust(progress(10, ok(10)), 'observer', settings(), 'approve', false);
    expect(first.tier).toBe('suggest');
    const next = progressTrust({ ...first.progress, streak: first.progress.streak + 1, recent: ok(11) }, first.tier, settings(), 'approve', false);
    expect(next.tier).toBe('suggest');
  });
});

describe('progressTrust never demotes a domain on one answer', () => {
  const three = [...ok(5), false, true, false, false];
  it.each<[string, TrustTier, TrustProgress, FeedbackKind, boolean]>([
    ['3 rejections in the last 10', 'moderate', progress(0, three), 'reject', false],
    ['an undo of an automatic action', 'high', progress(0, [...ok(10), false]), 'undo', true],
    ['a correction', 'suggest', progress(0, three), 'correct', false],
    ['at observer', 'observer', progress(0, [false, false, false]), 'reject', false],
  ])('%s leaves the tier to the scopes', (_name, tier, p, kind, automatic) => {
    const step = progressTrust(p, tier, settings(), kind, automatic, 'email');
    expect(step).toEqual({ tier, reason: null, progress: p });
  });

  it('approvals after rejections still need a fresh streak to promote', () => {
    expect(progressTrust(progress(1, [...three, true]), 'low', settings(), 'approve', false, 'email').tier).toBe('low');
  });
});
