import { describe, expect, it } from 'vitest';
import type { Evidence, Preference } from '../types.js';
import { trustOutlook } from './outlook.js';
import { diffPreferences, evidenceLines, preferenceOrigin, preferenceSummary } from './readable.js';

const evidence = (at: string, extra: Partial<Evidence> = {}): Evidence => ({ kind: 'approve', weight: 1, decisionId: `d-${at}`, at, note: 'approved "archive"', ...extra });
const preference = (extra: Partial<Preference> = {}): Preference => ({
  key: 'email.sender:news@acme.com',
  domain: 'email',
  value: 'archive',
  confidence: 0.8,
  source: 'inferred',
  evidence: [],
  updatedAt: '2026-11-09T10:00:00.000Z',
  ...extra,
});
const progression = { enabled: true, maxAutoTier: 'low' as const, promoteAfterApprovals: 5, minApprovalRate: 0.9, demoteAfterRejections: 2, demoteOnUndo: true, newDomainApprovals: 0 };

describe('the twin in words', () => {
  it('groups evidence by what it said, with the days it spans', () => {
    const lines = evidenceLines([
      evidence('2026-11-02T09:00:00.000Z'),
      evidence('2026-11-09T09:00:00.000Z'),
      evidence('2026-11-05T09:00:00.000Z'),
      evidence('2026-12-01T09:00:00.000Z', { kind: 'undo', weight: -1, note: 'undid "archive"' }),
    ]);
    expect(lines.map((line) => line.text)).toEqual(['undid "archive" on 1 Dec', 'approved "archive" 3 times between 2 and 9 Nov']);
    expect(lines[1]).toMatchObject({ count: 3, supports: true, firstAt: '2026-11-02T09:00:00.000Z', lastAt: '2026-11-09T09:00:00.000Z' });
  });

  it('says what a preference means and where it came from', () => {
    expect(preferenceSummary(preference())).toBe('archive: mail from news@acme.com');
    expect(preferenceSummary(preference({ key: 'email.situation:newsletter', value: 'mark_read' }))).toBe('mark as read: newsletters');
    expect(preferenceOrigin(preference({ evidence: [evidence('2026-11-02T09:00:00.000Z'), evidence('2026-11-03T09:00:00.000Z')] }))).toBe('Inferred: learned from 2 of your answers.');
    expect(preferenceOrigin(preference({ source: 'explicit', evidence: [evidence('2026-11-03T09:00:00.000Z', { decisionId: null, kind: 'restate', weight: 3 })] }))).toBe('You said so on 3 Nov.');
  });

  it('diffs preferences before and after', () => {
    const before = [preference(), preference({ key: 'email.domain:acme.com' })];
    const after = [preference({ value: 'mark_read', confidence: 0.456 }), preference({ key: 'email.situation:newsletter' })];
    expect(diffPreferences(before, after)).toEqual([
      { kind: 'preference', key: 'email.sender:news@acme.com', before: { value: 'archive', confidence: 0.8, source: 'inferred' }, after: { value: 'mark_read', confidence: 0.46, source: 'inferred' } },
      { kind: 'preference', key: 'email.situation:newsletter', before: null, after: { value: 'archive', confidence: 0.8, source: 'inferred' } },
      { kind: 'preference', key: 'email.domain:acme.com', before: { value: 'archive', confidence: 0.8, source: 'inferred' }, after: null },
    ]);
  });

  it('tells how far a domain is from its next tier', () => {
    const progress = { approvals: 4, rejections: 1, undos: 0, streak: 2, recent: [true, true, false, true, true] };
    const outlook = trustOutlook('email', 'suggest', progress, progression);
    expect(outlook).toMatchObject({ nextTier: 'low', approvalsToNext: 3, streakNeeded: 5, approvalRate: 0.8, progress: 0.4 });
    expect(outlook.sentence).toBe('3 more approvals in a row without a rejection or undo and at least 90% of recent answers approved (now 80%) to reach low in email.');
    expect(trustOutlook('email', 'low', progress, progression).sentence).toMatch(/^Email is at low, as high as you let SkyTwin promote itself/);
    expect(trustOutlook('email', 'high', progress, progression).sentence).toBe('At high in email, the top tier.');
    expect(trustOutlook('email', 'moderate', progress, progression).sentence).toBe('At moderate in email, set by you; SkyTwin promotes itself only up to low.');
  });
});
