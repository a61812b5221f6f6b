import { describe, expect, it } from 'vitest';
import type { ActionSpec, Domain, FeedbackKind, Situation, TrustProgressionSettings, TrustTier, TwinProfile } from '../types.js';
import { setExplicitPreference } from './explicit.js';
import { applyFeedback } from './feedback.js';
import { action, ARCHIVE, feedback, hoursAfter, PROGRESSION, situation } from './fixtures.testkit.js';
import { emptyTwin } from './profile.js';
import { scopeKeysFor, scopeSettings, SCOPE_DEFAULTS, wilsonLowerBound } from './scope.js';
import { scopeGate } from './scopeStanding.js';

const DEC2 = new Date('2026-12-02T09:00:00.000Z');
const SETTINGS: TrustProgressionSettings = { ...PROGRESSION, demoteAfterRejections: 2 };
const LOW: Record<Domain, TrustTier> = { email: 'low', calendar: 'low', finance: 'observer' };
const digest = situation({ counterpart: 'digest@compilerweekly.example' });
const other = situation({ counterpart: 'news@acme.com' });

let seq = 0;
/** One answer on `sit`, as the pipeline would feed it back. */
function answer(twin: TwinProfile, sit: Situation, kind: FeedbackKind, at: Date, more: { act?: ActionSpec; wasAutomatic?: boolean; cancelled?: boolean; tiers?: Record<Domain, TrustTier>; progression?: TrustProgressionSettings } = {}) {
  seq++;
  return applyFeedback(
    twin,
    feedback(kind, { decisionId: `d-${seq}`, situation: sit, action: more.act ?? ARCHIVE, wasAutomatic: more.wasAutomatic ?? false, cancelledBeforeRun: more.cancelled ?? false }),
    more.tiers ?? LOW,
    more.progression ?? SETTINGS,
    at,
  );
}

function approveMany(twin: TwinProfile, sits: Situation[], n: number, start: Date): TwinProfile {
  let t = twin;
  for (let i = 0; i < n; i++) t = answer(t, sits[i % sits.length] as Situation, 'approve', hoursAfter(start, i)).twin;
  return t;
}

function runs(twin: TwinProfile, sit: Situation, now: Date, progression = SETTINGS): boolean {
  return scopeGate(twin, sit, scopeSettings(progression), now).runs;
}

describe('wilsonLowerBound', () => {
  it.each([
    [0, 0, 0],
    [5, 5, 0.5655],
    [21, 21, 0.8455],
    [22, 22, 0.8514],
    [95, 100, 0.8882],
    [0, 10, 0],
  ])('%d of %d → %f', (agree, n, bound) => {
    expect(wilsonLowerBound(agree, n)).toBeCloseTo(bound, 3);
  });
});

describe('scopeKeysFor', () => {
  it('narrows (domain, kind) to the sender and the sender\'s domain, most specific first', () => {
    expect(scopeKeysFor(digest)).toEqual([
      'email/newsletter/sender:digest@compilerweekly.example',
      'email/newsletter/domain:compilerweekly.example',
      'email/newsletter',
    ]);
  });
  it('gives webmail no domain scope, and a situation without a counterpart only its kind', () => {
    expect(scopeKeysFor(situation({ counterpart: 'ann@gmail.com' }))).toEqual(['email/newsletter/sender:ann@gmail.com', 'email/newsletter']);
    expect(scopeKeysFor({ ...digest, facts: {} })).toEqual(['email/newsletter']);
  });
});

describe('earning autonomy in a scope', () => {
  it('needs the Wilson lower bound over the bar: 21 agreeing answers are not enough, 22 are', () => {
    const sits = [digest, other, situation({ counterpart: 'a@b.org' })];
    const t21 = approveMany(emptyTwin('u'), sits, 21, DEC2);
    expect(runs(t21, situation({ counterpart: 'new@never.example' }), DEC2)).toBe(false);
    const t22 = approveMany(t21, sits, 1, hoursAfter(DEC2, 30));
    expect(runs(t22, situation({ counterpart: 'new@never.example' }), hoursAfter(DEC2, 31))).toBe(true);
    const gate = scopeGate(t22, digest, scopeSettings(SETTINGS), DEC2);
    expect(gate.message).toMatch(/^SkyTwin has earned newsletters: 22 of 22 answers agreed \(at least 85 % right; needs 85 % and 5 answers\)$/);
  });

  it('counts shadow confirmations and edits as agreement, corrections to another action as disagreement', () => {
    let t = emptyTwin('u');
    for (let i = 0; i < 30; i++) t = answer(t, digest, i % 2 === 0 ? 'confirm' : 'edit', hoursAfter(DEC2, i)).twin;
    expect(t.scopes?.scopes['email/newsletter']).toMatchObject({ agree: 30, disagree: 0 });
    const corrected = applyFeedback(t, feedback('correct', { situation: digest, action: ARCHIVE, correctedAction: action('label', { label: 'Reading' }) }), LOW, SETTINGS, DEC2);
    expect(corrected.twin.scopes?.scopes['email/newsletter']).toMatchObject({ agree: 30, disagree: 1 });
  });

  it('honours the configured bar and answer count', () => {
    const t = approveMany(emptyTwin('u'), [digest], 6, DEC2);
    expect(runs(t, digest, DEC2)).toBe(false);
    expect(runs(t, digest, DEC2, { ...SETTINGS, scopeMinAnswers: 6, scopeMinAccuracy: 0.6 })).toBe(true);
    expect(runs(t, digest, DEC2, { ...SETTINGS, scopeMinAnswers: 7, scopeMinAccuracy: 0.6 })).toBe(false);
  });

  it('falls back to the defaults on malformed settings, towards asking', () => {
    const bad = { ...SETTINGS, scopeMinAnswers: -3, scopeMinAccuracy: 7, scopeWindowDays: 0.5, demoteAfterFailingScopes: Number.NaN };
    expect(scopeSettings(bad)).toMatchObject({
      minAnswers: SCOPE_DEFAULTS.scopeMinAnswers,
      minAccuracy: SCOPE_DEFAULTS.scopeMinAccuracy,
      windowDays: SCOPE_DEFAULTS.scopeWindowDays,
      failingScopes: SCOPE_DEFAULTS.demoteAfterFailingScopes,
    });
  });
});

describe('losing trust where it belongs', () => {
  const earned = approveMany(emptyTwin('u'), [digest, other, situation({ counterpart: 'x@y.org' })], 40, new Date('2026-11-20T08:00:00Z'));

  it('one undo of one newsletter archive makes that sender ask, not newsletters, not the domain', () => {
    expect(runs(earned, digest, DEC2)).toBe(true);
    const undone = answer(earned, digest, 'undo', DEC2, { wasAutomatic: true });
    expect(undone.tierChange).toBeNull();
    expect(undone.scopeChange).toBe('archiving newsletters from digest@compilerweekly.example now asks first: you undid it on 2 Dec');
    expect(undone.changes).toContain(undone.scopeChange);
    expect(runs(undone.twin, digest, DEC2)).toBe(false);
    expect(runs(undone.twin, other, DEC2)).toBe(true);
    expect(runs(undone.twin, situation({ counterpart: 'first@time.example' }), DEC2)).toBe(true);
    // Once the undo is older than the window, the sender borrows the wider scope's standing again.
    expect(runs(undone.twin, digest, hoursAfter(DEC2, 24 * 15))).toBe(true);
    // Or sooner, once the sender agreed scopeMinAnswers (5) times since.
    let t = undone.twin;
    for (let i = 1; i <= 4; i++) t = answer(t, digest, 'approve', hoursAfter(DEC2, i)).twin;
    expect(scopeGate(t, digest, scopeSettings(SETTINGS), hoursAfter(DEC2, 5)).message).toMatch(/ask first: you undid it on 2 Dec; 1 more approval there will lift this$/);
    t = answer(t, digest, 'approve', hoursAfter(DEC2, 5)).twin;
    expect(runs(t, digest, hoursAfter(DEC2, 6))).toBe(true);
  });

  it('a miss counts against wider scopes only when the prediction relied on them', () => {
    const known = applyFeedback(earned, feedback('undo', { situation: digest, preferenceKeys: ['email.sender:digest@compilerweekly.example'], wasAutomatic: true }), LOW, SETTINGS, DEC2).twin;
    expect(known.scopes?.scopes['email/newsletter']).toEqual(earned.scopes?.scopes['email/newsletter']);
    expect(known.scopes?.scopes['email/newsletter/sender:digest@compilerweekly.example']?.disagree).toBe(1);
    const guessed = applyFeedback(earned, feedback('undo', { situation: digest, preferenceKeys: ['email.situation:newsletter'], wasAutomatic: true }), LOW, SETTINGS, DEC2).twin;
    expect(guessed.scopes?.scopes['email/newsletter']?.disagree).toBe(1);
  });

  it('cancelling a queued action is a correction: the sender asks, but it never counts towards demoting the domain', () => {
    let t = earned;
    const senders = ['a@one.example', 'b@two.example', 'c@three.example'].map((c) => situation({ counterpart: c }));
    for (const [i, sit] of senders.entries()) {
      for (let k = 0; k < 2; k++) {
        const r = answer(t, sit, 'undo', hoursAfter(DEC2, i * 2 + k), { wasAutomatic: true, cancelled: true });
        expect(r.tierChange).toBeNull();
        t = r.twin;
      }
      expect(t.scopes?.scopes[scopeKeysFor(sit)[0] ?? '']?.misses.at(-1)?.kind).toBe('cancel');
    }
    expect(runs(t, senders[0] as Situation, hoursAfter(DEC2, 7))).toBe(false);
    const words = answer(earned, digest, 'undo', DEC2, { wasAutomatic: true, cancelled: true }).scopeChange;
    expect(words).toBe('archiving newsletters from digest@compilerweekly.example now asks first: you cancelled it before it ran on 2 Dec');
  });

  it('demotes the domain only when several scopes go wrong within the window', () => {
    let t = earned;
    const senders = ['a@one.example', 'b@two.example', 'c@three.example'].map((c) => situation({ counterpart: c }));
    const changes: (string | null)[] = [];
    senders.forEach((sit, i) => {
      for (let k = 0; k < 2; k++) {
        const r = answer(t, sit, 'undo', hoursAfter(DEC2, i * 2 + k), { wasAutomatic: true });
        changes.push(r.tierChange?.reason ?? null);
        t = r.twin;
      }
    });
    expect(changes.slice(0, 5)).toEqual([null, null, null, null, null]);
    expect(changes[5]).toBe(
      'demoted email to suggest: 3 scopes went wrong since 2 Dec (newsletters from a@one.example; newsletters from b@two.example; newsletters from c@three.example)',
    );
    // The same misses do not demote twice.
    expect(answer(t, senders[0] as Situation, 'undo', hoursAfter(DEC2, 8), { wasAutomatic: true, tiers: { ...LOW, email: 'suggest' } }).tierChange).toBeNull();
    // Switched off with 0.
    const never = { ...SETTINGS, demoteAfterFailingScopes: 0 };
    let u = earned;
    const tierChanges: unknown[] = [];
    for (const sit of senders) {
      for (let k = 0; k < 2; k++) {
        const r = answer(u, sit, 'undo', DEC2, { wasAutomatic: true, progression: never });
        tierChanges.push(r.tierChange);
        u = r.twin;
      }
    }
    expect(tierChanges).toEqual([null, null, null, null, null, null]);
  });

  it('rejections and corrections while SkyTwin asked are lessons, not failures of autonomy: they never demote', () => {
    let t = earned;
    const senders = ['a@one.example', 'b@two.example', 'c@three.example', 'd@four.example'].map((c) => situation({ counterpart: c }));
    const tierChanges: unknown[] = [];
    senders.forEach((sit, i) => {
      for (let k = 0; k < 3; k++) {
        const r = answer(t, sit, k === 2 ? 'correct' : 'reject', hoursAfter(DEC2, i * 3 + k));
        tierChanges.push(r.tierChange);
        t = r.twin;
      }
    });
    expect(tierChanges.every((c) => c === null)).toBe(true);
    expect(runs(t, senders[0] as Situation, hoursAfter(DEC2, 13))).toBe(false);
  });

  it('spreads misses over a long time without demoting: older than the window, they do not count', () => {
    let t = earned;
    const senders = ['a@one.example', 'b@two.example', 'c@three.example'].map((c) => situation({ counterpart: c }));
    let demoted = false;
    senders.forEach((sit, i) => {
      for (let k = 0; k < 2; k++) {
        const r = answer(t, sit, 'undo', hoursAfter(DEC2, 24 * 20 * i + k), { wasAutomatic: true });
        demoted ||= r.tierChange !== null;
        t = r.twin;
      }
    });
    expect(demoted).toBe(false);
  });
});

describe('a preference the user stated', () => {
  const NOTIFY = situation({ counterpart: 'alerts@status.example', kind: 'notification' });
  const MARK_READ = action('mark_read');
  const stated = setExplicitPreference(emptyTwin('u'), 'email.sender:alerts@status.example', 'email', 'mark_read', hoursAfter(DEC2, -48)).twin;

  function gateFor(t: TwinProfile, now = DEC2) {
    const gate = scopeGate(t, NOTIFY, scopeSettings(SETTINGS), now);
    return gate.explicit !== null && gate.explicit.value === 'mark_read' ? gate.explicit : gate;
  }

  it('runs without the scope having earned it, and outweighs a single contrary signal but not two', () => {
    expect(gateFor(stated)).toMatchObject({ runs: true, code: 'scope_stated' });
    const once = answer(stated, NOTIFY, 'undo', DEC2, { act: MARK_READ, wasAutomatic: true });
    expect(gateFor(once.twin).runs).toBe(true);
    expect(gateFor(once.twin).message).toMatch(/outweighs the one contrary answer since \(you undid it on 2 Dec\)/);
    expect(once.scopeChange).toMatch(/^marking as read notifications from alerts@status\.example still runs alone: you asked for "mark_read"/);
    const twice = answer(once.twin, NOTIFY, 'undo', hoursAfter(DEC2, 1), { act: MARK_READ, wasAutomatic: true });
    expect(gateFor(twice.twin).runs).toBe(false);
  });

  it('is untouched by an undo in another scope', () => {
    const unrelated = answer(stated, digest, 'undo', DEC2, { wasAutomatic: true });
    expect(gateFor(unrelated.twin)).toMatchObject({ runs: true, code: 'scope_stated' });
  });
});

describe('a severe undo (others had seen the action)', () => {
  const INVITE = situation({ counterpart: 'boss@corp.example', kind: 'calendar_invitation', domain: 'calendar', facts: { counterpart: 'boss@corp.example' } });
  const ACCEPT = action('rsvp', { response: 'accepted' }, 'calendar');
  const earnedCalendar = approveMany(emptyTwin('u'), [INVITE, situation({ kind: 'calendar_invitation', domain: 'calendar', facts: { counterpart: 'b@c.example' } })], 40, new Date('2026-11-01T08:00:00Z'));

  it('drops the scope to asking, even over a stated preference, until it earns its way back', () => {
    const withRule = setExplicitPreference(earnedCalendar, 'calendar.organizer:boss@corp.example', 'calendar', 'rsvp:accepted', new Date('2026-11-30T08:00:00Z')).twin;
    const undone = answer(withRule, INVITE, 'undo', DEC2, { act: ACCEPT, wasAutomatic: true });
    expect(undone.scopeChange).toBe('accepting invitations from boss@corp.example now asks first: you undid it on 2 Dec, after others had seen it');
    const gate = scopeGate(undone.twin, INVITE, scopeSettings(SETTINGS), DEC2);
    expect(gate).toMatchObject({ runs: false, code: 'scope_held' });
    expect(gate.explicit).toMatchObject({ runs: false, code: 'scope_held' });
    // Five approvals lift the hold; the window still keeps the sender asking on its own record until the undo is old.
    let t = undone.twin;
    for (let i = 1; i <= 5; i++) t = answer(t, INVITE, 'approve', hoursAfter(DEC2, i), { act: ACCEPT }).twin;
    expect(t.scopes?.scopes[scopeKeysFor(INVITE)[0] ?? '']?.hold).toBeNull();
    expect(scopeGate(t, INVITE, scopeSettings(SETTINGS), hoursAfter(DEC2, 24 * 15)).runs).toBe(true);
  });

  it('counts alone as a scope gone wrong', () => {
    const demoteOnOne = { ...SETTINGS, demoteAfterFailingScopes: 1 };
    const r = answer(earnedCalendar, INVITE, 'undo', DEC2, { act: ACCEPT, wasAutomatic: true, progression: demoteOnOne });
    expect(r.tierChange).toMatchObject({ domain: 'calendar', from: 'low', to: 'suggest' });
  });

  it('is an ordinary miss when demoteOnUndo is off', () => {
    const off = { ...SETTINGS, demoteOnUndo: false };
    const r = answer(earnedCalendar, INVITE, 'undo', DEC2, { act: ACCEPT, wasAutomatic: true, progression: off });
    expect(r.twin.scopes?.scopes[scopeKeysFor(INVITE)[0] ?? '']?.hold).toBeNull();
  });
});
