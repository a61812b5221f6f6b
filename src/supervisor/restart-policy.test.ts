import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { backoffDelay, decideRestart, formatDuration, NO_CRASHES, type RestartDecision, type RestartHistory } from './restart-policy.js';
import type { RestartOptions } from './types.js';

const policy: RestartOptions = { maxRestarts: 5, windowMs: 300_000, firstDelayMs: 0, delayMs: 100, maxDelayMs: 15_000, stableMs: 30_000 };

/**
 * Feeds crashes through the policy the way a child does: each run starts when the previous
 * restart's delay is over and lasts `uptimes[i]`; stops at the first give-up. Returns each crash's
 * time and decision.
 */
function replay(uptimes: number[], options: RestartOptions): { at: number; decision: RestartDecision }[] {
  let history: RestartHistory = NO_CRASHES;
  let startedAt = 0;
  const out = [];
  for (const uptime of uptimes) {
    const at = startedAt + uptime;
    const verdict = decideRestart(history, { atMs: at, startedAtMs: startedAt }, options);
    history = verdict.history;
    out.push({ at, decision: verdict.decision });
    if (verdict.decision.kind === 'give-up') break;
    startedAt = at + verdict.decision.delayMs;
  }
  return out;
}

const delays = (decisions: { decision: RestartDecision }[]) =>
  decisions.map(({ decision }) => (decision.kind === 'restart' ? decision.delayMs : 'give-up'));

describe('decideRestart', () => {
  it('allows five restarts within five minutes and gives up on the sixth crash', () => {
    const decisions = replay([1_000, 1_000, 1_000, 1_000, 1_000, 1_000], policy);
    expect(decisions.map((d) => d.decision.kind)).toEqual(['restart', 'restart', 'restart', 'restart', 'restart', 'give-up']);
    expect(decisions[4]?.decision).toEqual({ kind: 'restart', crashesInWindow: 5, streak: 5, delayMs: 800 });
    expect(decisions[5]?.decision).toEqual({ kind: 'give-up', crashes: 6 });
  });

  it('restarts the first crash at once, then waits 100 ms and doubles the wait per further quick crash in a row', () => {
    const options = { ...policy, maxRestarts: 20 };
    expect(delays(replay(Array.from({ length: 11 }, () => 10), options))).toEqual([
      0, 100, 200, 400, 800, 1_600, 3_200, 6_400, 12_800, 15_000, 15_000,
    ]);
    expect(delays(replay([10, 10, 10], { ...options, firstDelayMs: 250 }))).toEqual([250, 100, 200]);
  });

  it('starts the delay over once a run lasted 30 s, while the crash still counts against the cap', () => {
    const decisions = replay([10, 10, 10, 30_000, 10, 29_999, 10], { ...policy, maxRestarts: 10 });
    expect(delays(decisions)).toEqual([0, 100, 200, 0, 100, 200, 400]);
    expect(decisions.map((d) => (d.decision.kind === 'restart' ? d.decision.crashesInWindow : 0))).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('forgets crashes once they are older than the window', () => {
    // Five quick crashes, then a run that lasts until the first has left the window.
    const early = replay([0, 0, 0, 0, 0], { ...policy, firstDelayMs: 50 });
    const first = early[0]?.at ?? 0;
    let history: RestartHistory = NO_CRASHES;
    for (const { at } of early) history = decideRestart(history, { atMs: at, startedAtMs: at }, policy).history;
    const late = decideRestart(history, { atMs: first + 300_000, startedAtMs: first + 299_000 }, policy);
    expect(late.decision).toEqual({ kind: 'restart', crashesInWindow: 5, streak: 6, delayMs: 1_600 });
    // ...but one more inside the window still trips the cap.
    const tripped = decideRestart(history, { atMs: first + 299_999, startedAtMs: first + 299_000 }, policy);
    expect(tripped.decision).toEqual({ kind: 'give-up', crashes: 6 });
  });

  it('does not mutate the history it is given', () => {
    const history: RestartHistory = { crashTimes: [1, 2, 3], streak: 3 };
    decideRestart(history, { atMs: 4, startedAtMs: 4 }, policy);
    expect(history).toEqual({ crashTimes: [1, 2, 3], streak: 3 });
  });

  it('with maxRestarts 0 gives up on the first crash', () => {
    expect(decideRestart(NO_CRASHES, { atMs: 0, startedAtMs: 0 }, { ...policy, maxRestarts: 0 }).decision).toEqual({ kind: 'give-up', crashes: 1 });
  });

  it('never allows more than maxRestarts crashes inside any window (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20_000 }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 10_000 }),
        (uptimes, maxRestarts, windowMs) => {
          const options = { ...policy, maxRestarts, windowMs };
          const decisions = replay(uptimes, options);
          const restartedAt = decisions.filter((d) => d.decision.kind === 'restart').map((d) => d.at);
          for (const end of restartedAt) {
            const inWindow = restartedAt.filter((t) => t <= end && end - t < windowMs).length;
            expect(inWindow).toBeLessThanOrEqual(maxRestarts);
          }
          // A give-up only happens with more than maxRestarts crashes inside the window.
          const last = decisions.at(-1);
          if (last?.decision.kind === 'give-up') {
            const crashes = decisions.filter((d) => last.at - d.at < windowMs).length;
            expect(crashes).toBe(last.decision.crashes);
            expect(crashes).toBeGreaterThan(maxRestarts);
          }
        },
      ),
    );
  });

  it('never gives up on, nor slows down for, crashes after stable runs (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 300_000, max: 10_000_000 }), { maxLength: 30 }), (uptimes) => {
        const decisions = replay(uptimes, policy);
        for (const { decision } of decisions) expect(decision).toEqual({ kind: 'restart', crashesInWindow: 1, streak: 1, delayMs: policy.firstDelayMs });
      }),
    );
  });

  it('restarts a first crash after firstDelayMs and keeps later delays within [delayMs, maxDelayMs], growing only while the crashes come quickly (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60_000 }), { maxLength: 40 }), (uptimes) => {
        const decisions = replay(uptimes, { ...policy, maxRestarts: 1_000 });
        decisions.forEach(({ decision }, i) => {
          if (decision.kind !== 'restart') return;
          const before = decisions[i - 1]?.decision;
          if (i === 0 || (uptimes[i] ?? 0) >= policy.stableMs) {
            expect(decision.delayMs).toBe(policy.firstDelayMs);
            return;
          }
          expect(decision.delayMs).toBeGreaterThanOrEqual(policy.delayMs);
          expect(decision.delayMs).toBeLessThanOrEqual(policy.maxDelayMs);
          if (before?.kind === 'restart' && before.streak >= 2) expect(decision.delayMs).toBe(Math.min(before.delayMs * 2, policy.maxDelayMs));
          else expect(decision.delayMs).toBe(policy.delayMs);
        });
      }),
    );
  });
});

describe('backoffDelay', () => {
  it('gives firstDelayMs for the first crash in a row, then doubles from delayMs and stops at maxDelayMs', () => {
    const options = { firstDelayMs: 0, delayMs: 250, maxDelayMs: 2_000 };
    expect([0, 1, 2, 3, 4, 5, 6, 50].map((n) => backoffDelay(n, options))).toEqual([0, 0, 250, 500, 1000, 2000, 2000, 2000]);
    expect(backoffDelay(1, { ...options, firstDelayMs: 5_000 })).toBe(2_000);
  });

  it('from the second crash in a row stays within [delayMs, maxDelayMs] and never shrinks as attempts grow (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 1_000 }), fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 10_000 }), (attempt, delayMs, extra) => {
        const options = { firstDelayMs: 0, delayMs, maxDelayMs: delayMs + extra };
        const delay = backoffDelay(attempt, options);
        expect(delay).toBeGreaterThanOrEqual(delayMs);
        expect(delay).toBeLessThanOrEqual(options.maxDelayMs);
        expect(backoffDelay(attempt + 1, options)).toBeGreaterThanOrEqual(delay);
      }),
    );
  });
});

describe('formatDuration', () => {
  it('uses the largest whole unit', () => {
    expect(formatDuration(300_000)).toBe('5 min');
    expect(formatDuration(30_000)).toBe('30 s');
    expect(formatDuration(90_000)).toBe('90 s');
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(1_500)).toBe('1500 ms');
  });
});
