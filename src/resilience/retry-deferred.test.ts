import { describe, expect, it } from 'vitest';
import { retryPolicy, type RetryInfo } from './retry-policy.js';
import { RetryDeferredError, isRetryDeferred } from './retry-deferred.js';

class Flaky extends Error {}
const isFlaky = (error: unknown) => error instanceof Flaky;

/**
 * A long wait handed back to the caller and resumed later: over the pieces, the operation still
 * makes 3 retries at 1 s, 2 s and 4 s. Waits of 1 s or less are slept (timeScale 0 here); longer
 * ones are deferred, the way the worker frees its lane.
 */
describe('deferred retries', () => {
  function run(firstRetry: number, waits: RetryInfo[]) {
    let calls = 0;
    let deferred: RetryInfo | null = null;
    const policy = retryPolicy({
      isRetryable: isFlaky,
      timeScale: 0,
      firstRetry,
      onRetry: (info) => waits.push(info),
      defer: (info) => {
        if (info.delayMs <= 1_000) return false;
        deferred = info;
        return true;
      },
    });
    return policy
      .execute(async () => {
        if (deferred) throw new RetryDeferredError('op', new Date(0), deferred.attempt);
        calls += 1;
        throw new Flaky('down');
      })
      .catch((error: unknown) => ({ error, calls }));
  }

  it('keeps 3 retries at 1 s, 2 s, 4 s across two deferrals, then gives up', async () => {
    const waits: RetryInfo[] = [];
    const first = await run(0, waits);
    expect(first.calls).toBe(2);
    expect(isRetryDeferred(first.error)).toBe(true);
    const spent = (first.error as RetryDeferredError).retriesSpent;
    expect(spent).toBe(2);
    const second = await run(spent, waits);
    expect(second.calls).toBe(1);
    expect((second.error as RetryDeferredError).retriesSpent).toBe(3);
    const third = await run(3, waits);
    expect(third.calls).toBe(1);
    expect(third.error).toBeInstanceOf(Flaky);
    expect(waits.map((info) => [info.attempt, info.delayMs])).toEqual([
      [1, 1_000],
      [2, 2_000],
      [3, 4_000],
    ]);
  });

  it('refuses a resumed count that is not a whole number, and caps one beyond the retries', async () => {
    expect(() => retryPolicy({ isRetryable: isFlaky, firstRetry: -1 })).toThrow(/firstRetry/);
    const waits: RetryInfo[] = [];
    const done = await run(7, waits);
    expect(done.calls).toBe(1);
    expect(done.error).toBeInstanceOf(Flaky);
    expect(waits).toEqual([]);
  });
});
