import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { backoffDelay, decideRestart, formatDuration } from './restart-policy.js';
import type { RestartOptions } from './types.js';

const policy: RestartOptions = { maxRestarts: 5, windowMs: 300_000, delayMs: 250, maxDelayMs: 2_000 };

/** Feeds crash times through the policy the way a child does; stops at the first give-up. */
function replay(times: number[], options: RestartOptions) {
  let crashTimes: number[] = [];
  const decisions = [];
  for (const at of times) {
    const verdict = decideRestart(crashTimes, at, options);
    crashTimes = verdict.crashTimes;
    decisions.push(verdict.decision);
    if (verdict.decision.kind === 'give-up') break;
  }
  return decisions;
}

describe('decideRestart', () => {
  it('allows five restarts within five minutes and gives up on the sixth crash', () => {
    const decisions = replay([0, 1_000, 2_000, 3_000, 4_000, 5_000], policy);
    expect(decisions.map((d) => d.kind)).toEqual(['restart', 'restart', 'restart', 'restart', 'restart', 'give-up']);
    expect(decisions[4]).toEqual({ kind: 'restart', attempt: 5, delayMs: 2_000 });
    expect(decisions[5]).toEqual({ kind: 'give-up', crashes: 6 });
  });

  it('forgets crashes once they are older than the window', () => {
    // Five crashes early on, then one just after the first fell out of the window.
    const decisions = replay([0, 10, 20, 30, 40, 300_000], policy);
    expect(decisions.at(-1)).toEqual({ kind: 'restart', attempt: 5, delayMs: 2_000 });
    // ...but one more inside the window still trips the cap.
    const tripped = replay([0, 10, 20, 30, 40, 299_999], policy);
    expect(tripped.at(-1)).toEqual({ kind: 'give-up', crashes: 6 });
  });

  it('does not mutate the history it is given', () => {
    const history = [1, 2, 3];
    decideRestart(history, 4, policy);
    expect(history).toEqual([1, 2, 3]);
  });

  it('with maxRestarts 0 gives up on the first crash', () => {
    expect(decideRestart([], 0, { ...policy, maxRestarts: 0 }).decision).toEqual({ kind: 'give-up', crashes: 1 });
  });

  it('never allows more than maxRestarts crashes inside any window (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20_000 }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 10_000 }),
        (gaps, maxRestarts, windowMs) => {
          const options = { ...policy, maxRestarts, windowMs };
          let at = 0;
          const times = gaps.map((gap) => (at += gap));
          const decisions = replay(times, options);
          const restartedAt = times.slice(0, decisions.length).filter((_, i) => decisions[i]?.kind === 'restart');
          for (const end of restartedAt) {
            const inWindow = restartedAt.filter((t) => t <= end && end - t < windowMs).length;
            expect(inWindow).toBeLessThanOrEqual(maxRestarts);
          }
          // A give-up only happens with more than maxRestarts crashes inside the window.
          const last = decisions.at(-1);
          if (last?.kind === 'give-up') {
            const end = times[decisions.length - 1] ?? 0;
            const crashes = times.slice(0, decisions.length).filter((t) => end - t < windowMs).length;
            expect(crashes).toBe(last.crashes);
            expect(crashes).toBeGreaterThan(maxRestarts);
          }
        },
      ),
    );
  });

  it('never gives up on crashes spaced further apart than the window (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 300_000, max: 10_000_000 }), { maxLength: 30 }), (gaps) => {
        let at = 0;
        const decisions = replay(gaps.map((gap) => (at += gap)), policy);
        expect(decisions.every((d) => d.kind === 'restart' && d.attempt === 1 && d.delayMs === 250)).toBe(true);
      }),
    );
  });
});

describe('backoffDelay', () => {
  it('doubles from delayMs and stops at maxDelayMs', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map((n) => backoffDelay(n, policy))).toEqual([250, 500, 1000, 2000, 2000, 2000, 2000]);
  });

  it('stays within [delayMs, maxDelayMs] and never shrinks as attempts grow (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 10_000 }), (attempt, delayMs, extra) => {
        const options = { delayMs, maxDelayMs: delayMs + extra };
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
