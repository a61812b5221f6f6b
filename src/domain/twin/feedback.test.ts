import { describe, expect, it } from 'vitest';
import type { FeedbackInput, FeedbackKind, TwinProfile } from '../types.js';
import { applyFeedback } from './feedback.js';
import {
  ARCHIVE,
  action,
  feedback,
  hoursAfter,
  PROGRESSION,
  situation,
  T0,
  TIERS,
  train,
} from './fixtures.testkit.js';
import { predict } from './predict.js';
import { emptyTwin } from './profile.js';

const NEWSLETTER = situation({ counterpart: 'news@acme.com' });
const LABEL = action('label', { label: 'Reading' });

function find(twin: TwinProfile, key: string) {
  return twin.preferences.find((p) => p.key === key);
}

describe('a simulated user teaching "archive" for one newsletter sender', () => {
  it('is learned within 5 approvals, and one undo afterwards makes the twin ask again', () => {
    let twin = emptyTwin('u1');
    let now = T0;
    let learnedAfter: number | null = null;
    for (let i = 1; i <= 5 && learnedAfter === null; i++) {
      const p = predict(twin, NEWSLETTER, ARCHIVE, now);
      const input = feedback('approve', { decisionId: `d${i}`, situation: NEWSLETTER, preferenceKeys: p.preferenceKeys });
      twin = applyFeedback(twin, input, TIERS, PROGRESSION, now).twin;
      now = hoursAfter(now, 24);
      const after = predict(twin, NEWSLETTER, ARCHIVE, now);
      if (after.score >= 0.7 && after.confidence >= 0.6) learnedAfter = i;
    }
    expect(learnedAfter).not.toBeNull();
    expect(learnedAfter ?? 99).toBeLessThanOrEqual(5);
    expect(learnedAfter ?? 0).toBeGreaterThan(1); // one approval is not a habit

    // Top up to five approvals, the worst case for an undo to have an effect.
    for (let i = (learnedAfter ?? 5) + 1; i <= 5; i++) {
      const p = predict(twin, NEWSLETTER, ARCHIVE, now);
      twin = applyFeedback(twin, feedback('approve', { decisionId: `d${i}`, situation: NEWSLETTER, preferenceKeys: p.preferenceKeys }), TIERS, PROGRESSION, now).twin;
      now = hoursAfter(now, 24);
    }
    const before = predict(twin, NEWSLETTER, ARCHIVE, now);
    expect(before.score).toBeGreaterThanOrEqual(0.7);
    expect(before.confidence).toBeGreaterThanOrEqual(0.6);

    const undo = feedback('undo', { decisionId: 'd6', situation: NEWSLETTER, preferenceKeys: before.preferenceKeys, wasAutomatic: true });
    twin = applyFeedback(twin, undo, TIERS, PROGRESSION, now).twin;
    const after = predict(twin, NEWSLETTER, ARCHIVE, hoursAfter(now, 1));
    expect(after.score < 0.7 || after.confidence < 0.6).toBe(true);
    expect(after.confidence).toBeLessThan(0.6);
  });

  it('the same holds after a long history of approvals', () => {
    let twin = train(emptyTwin('u1'), NEWSLETTER, ARCHIVE, 30);
    const now = hoursAfter(T0, 40);
    const p = predict(twin, NEWSLETTER, ARCHIVE, now);
    twin = applyFeedback(twin, feedback('undo', { situation: NEWSLETTER, preferenceKeys: p.preferenceKeys, wasAutomatic: true }), TIERS, PROGRESSION, now).twin;
    expect(predict(twin, NEWSLETTER, ARCHIVE, now).confidence).toBeLessThan(0.6);
  });
});

describe('applyFeedback', () => {
  it('creates the situation keys as inferred preferences on first feedback', () => {
    const r = applyFeedback(emptyTwin('u'), feedback('approve'), TIERS, PROGRESSION, T0);
    expect(r.twin.version).toBe(1);
    expect(r.twin.preferences.map((p) => [p.key, p.value, p.source])).toEqual([
      ['email.sender:news@acme.com', 'archive', 'inferred'],
      ['email.domain:acme.com', 'archive', 'inferred'],
      ['email.situation:newsletter', 'archive', 'inferred'],
    ]);
    expect(r.changes).toEqual([
      'email.sender:news@acme.com: learned "archive" from your approval (confidence 0.40)',
      'email.domain:acme.com: learned "archive" from your approval (confidence 0.40)',
      'email.situation:newsletter: learned "archive" from your approval (confidence 0.40)',
    ]);
    const e = r.twin.preferences[0]?.evidence[0];
    expect(e).toEqual({ kind: 'approve', weight: 1, decisionId: 'd-1', at: T0.toISOString(), note: 'approved "archive"', about: { value: 'archive', weight: 1 } });
  });

  it('gives evidence only to the named keys and to keys that did not exist', () => {
    let twin = train(emptyTwin('u'), NEWSLETTER, ARCHIVE, 3);
    const other = situation({ counterpart: 'deals@shop.com', kind: 'promotion' });
    twin = train(twin, other, ARCHIVE, 2, 'approve', hoursAfter(T0, 10), 'o');
    const before = structuredClone(twin);
    const r = applyFeedback(twin, feedback('reject', { preferenceKeys: ['email.domain:acme.com'] }), TIERS, PROGRESSION, hoursAfter(T0, 20));
    for (const p of before.preferences) {
      if (p.key === 'email.domain:acme.com') expect(find(r.twin, p.key)).not.toEqual(p);
      else expect(find(r.twin, p.key)).toEqual(p);
    }
    expect(r.changes).toHaveLength(1);
  });

  it('a rejection on a new key remembers it with confidence 0', () => {
    const r = applyFeedback(emptyTwin('u'), feedback('reject'), TIERS, PROGRESSION, T0);
    expect(r.twin.preferences.every((p) => p.confidence === 0 && p.value === 'archive')).toBe(true);
    expect(r.changes[0]).toBe('email.sender:news@acme.com: remembered your rejection of "archive" (confidence 0.00)');
  });

  it('edits to another action switch the value once that is better supported, keeping the evidence', () => {
    let twin = train(emptyTwin('u'), NEWSLETTER, ARCHIVE, 5);
    const key = 'email.sender:news@acme.com';
    const values: string[] = [];
    for (let i = 0; i < 4; i++) {
      const now = hoursAfter(T0, 10 + i);
      const input = feedback('edit', { decisionId: `e${i}`, correctedAction: LABEL, preferenceKeys: [key] });
      const r = applyFeedback(twin, input, TIERS, PROGRESSION, now);
      twin = r.twin;
      const previous = values.at(-1) ?? 'archive';
      values.push(find(twin, key)?.value ?? '');
      if (previous === 'archive' && values.at(-1) === 'label:Reading') {
        expect(r.changes[0]).toMatch(/now "label:Reading" instead of "archive"/);
      }
    }
    expect(values[0]).toBe('archive');
    expect(values.at(-1)).toBe('label:Reading');
    const pref = find(twin, key);
    expect(pref?.evidence).toHaveLength(5 + 4 * 2);
    // Weights are now relative to the new value: the old approvals of archive speak against it.
    expect(pref?.evidence.slice(0, 5).every((e) => e.weight === -1 && e.about?.value === 'archive')).toBe(true);
    expect(predict(twin, NEWSLETTER, LABEL, hoursAfter(T0, 20)).score).toBeGreaterThan(0.5);
  });

  it('an edit that keeps the action value supports it', () => {
    const draft = action('draft_reply', { body: 'Thanks!' });
    const edited = action('draft_reply', { body: 'Thank you, see you Monday.' });
    const r = applyFeedback(emptyTwin('u'), feedback('edit', { action: draft, correctedAction: edited }), TIERS, PROGRESSION, T0);
    expect(r.twin.preferences.every((p) => p.value === 'draft_reply' && p.confidence > 0)).toBe(true);
    expect(r.twin.trust.email).toEqual({ approvals: 1, rejections: 0, undos: 0, streak: 0, recent: [true] });
  });

  it('a correction weighs double for the corrected value', () => {
    const r = applyFeedback(emptyTwin('u'), feedback('correct', { correctedAction: LABEL }), TIERS, PROGRESSION, T0);
    const p = find(r.twin, 'email.sender:news@acme.com');
    expect(p?.value).toBe('label:Reading');
    expect(p?.evidence.map((e) => e.about)).toEqual([
      { value: 'archive', weight: -2 },
      { value: 'label:Reading', weight: 2 },
    ]);
    expect(r.twin.trust.email.rejections).toBe(1);
  });

  it('keeps at most 50 evidence entries per preference', () => {
    const twin = train(emptyTwin('u'), NEWSLETTER, ARCHIVE, 60);
    for (const p of twin.preferences) {
      expect(p.evidence).toHaveLength(50);
      expect(p.evidence.at(-1)?.decisionId).toBe('d-59');
    }
  });

  it.each<[FeedbackKind, Partial<FeedbackInput>, object]>([
    ['approve', {}, { approvals: 3, rejections: 1, undos: 0, streak: 3, recent: [true, false, true, true] }],
    ['confirm', {}, { approvals: 3, rejections: 1, undos: 0, streak: 3, recent: [true, false, true, true] }],
    ['reject', {}, { approvals: 2, rejections: 2, undos: 0, streak: 0, recent: [true, false, true, false] }],
    ['undo', {}, { approvals: 2, rejections: 1, undos: 1, streak: 0, recent: [true, false, true, false] }],
    ['edit', { correctedAction: LABEL }, { approvals: 3, rejections: 1, undos: 0, streak: 2, recent: [true, false, true, true] }],
  ])('%s moves the trust counters of the situation domain', (kind, over, expected) => {
    const twin: TwinProfile = {
      ...emptyTwin('u'),
      trust: { ...emptyTwin('u').trust, email: { approvals: 2, rejections: 1, undos: 0, streak: 2, recent: [true, false, true] } },
    };
    const r = applyFeedback(twin, feedback(kind, over), TIERS, PROGRESSION, T0);
    expect(r.twin.trust.email).toEqual(expected);
    expect(r.twin.trust.calendar).toEqual(twin.trust.calendar);
  });

  it('keeps recent to the newest 20 and fills tierChange on promotion and demotion', () => {
    const settings = { ...PROGRESSION, promoteAfterApprovals: 25 };
    const trained = train(emptyTwin('u'), NEWSLETTER, ARCHIVE, 24);
    expect(trained.trust.email.recent).toHaveLength(20);
    const twin: TwinProfile = {
      ...trained,
      trust: { ...trained.trust, email: { approvals: 24, rejections: 0, undos: 0, streak: 24, recent: Array<boolean>(20).fill(true) } },
    };
    const up = applyFeedback(twin, feedback('approve'), TIERS, settings, T0);
    expect(up.tierChange).toEqual({ domain: 'email', from: 'observer', to: 'suggest', reason: 'promoted email to suggest after 25 approvals in a row (100% approved)' });
    expect(up.changes.at(-1)).toBe(up.tierChange?.reason);
    expect(up.twin.trust.email.streak).toBe(0);

    // One undo lowers trust in its scope only: the domain keeps its tier (see scope.test.ts for demotion).
    const down = applyFeedback(up.twin, feedback('undo', { wasAutomatic: true }), { ...TIERS, email: 'low' }, settings, T0);
    expect(down.tierChange).toBeNull();
    expect(down.twin.trust.email.recent.at(-1)).toBe(false);
  });

  it('restate goes through setExplicitPreference', () => {
    const r = applyFeedback(emptyTwin('u'), feedback('restate', { correctedAction: LABEL }), TIERS, PROGRESSION, T0);
    expect(r.twin.preferences).toHaveLength(1);
    expect(r.twin.preferences[0]).toMatchObject({ key: 'email.sender:news@acme.com', value: 'label:Reading', source: 'explicit' });
    expect(r.twin.trust).toEqual(emptyTwin('u').trust);
  });
});
