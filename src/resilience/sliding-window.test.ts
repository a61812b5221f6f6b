import { describe, expect, it } from 'vitest';
import { judge, windowsAt } from './sliding-window.js';

const policy = { limit: 60, windowMs: 60_000 };
const at = (seconds: number) => 6_000_000 * 60_000 + seconds * 1000;

describe('sliding-window rate limit', () => {
  it('places an instant in its fixed window and the one before', () => {
    expect(windowsAt(at(37), 60_000)).toEqual({ currentStartMs: at(0), previousStartMs: at(-60) });
  });

  it('counts down within one window and refuses the request past the limit', () => {
    expect(judge(policy, at(23), { current: 56, previous: 0 })).toMatchObject({ allowed: true, remaining: 4, resetSeconds: 37, retryAfterSeconds: 0 });
    expect(judge(policy, at(23), { current: 60, previous: 0 })).toMatchObject({ allowed: true, remaining: 0 });
    const refused = judge(policy, at(23), { current: 61, previous: 0 });
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    // This window's 61 must fade to 59 in the next: 37 s to the boundary, then 2/61 of a minute.
    expect(refused.retryAfterSeconds).toBe(Math.ceil(37 + (60 * 2) / 61));
  });

  it("weighs the previous window by how much of it still overlaps", () => {
    // 45 s into the window, a quarter of the previous window's 40 still counts: 10 + 20 = 30.
    expect(judge(policy, at(45), { current: 20, previous: 40 })).toMatchObject({ allowed: true, remaining: 30 });
    // 61 requests just before the boundary are still nearly all there just after it.
    expect(judge(policy, at(1), { current: 1, previous: 61 }).allowed).toBe(false);
  });

  it('waits only for the previous window to fade when that is enough', () => {
    // At 6 s, 0.9 * 60 + 7 = 61 > 60; 59 needs the previous share at 52, i.e. 60 * (1 - 52/60) = 8 s: 2 s more.
    const verdict = judge(policy, at(6), { current: 7, previous: 60 });
    expect(verdict.allowed).toBe(false);
    expect(verdict.retryAfterSeconds).toBe(2);
  });

  it('never answers a retry of zero seconds when refused', () => {
    for (let second = 0; second < 60; second++) {
      const verdict = judge(policy, at(second), { current: 61, previous: 61 });
      expect(verdict.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
  });
});
