import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelayMs, retryPolicy, type RetryInfo } from './retry-policy.js';

class Flaky extends Error {
  constructor(readonly retryAfter: number | null = null) {
    super('flaky');
  }
}

function failingTimes(failures: number, error: () => Error = () => new Flaky()) {
  let calls = 0;
  const fn = async () => {
    calls += 1;
    if (calls <= failures) throw error();
    return 'done';
  };
  return { fn, calls: () => calls };
}

const isFlaky = (error: unknown) => error instanceof Flaky;
const retryAfter = (error: unknown) => (error instanceof Flaky ? error.retryAfter : null);

afterEach(() => {
  vi.useRealTimers();
});

describe('backoffDelayMs', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelayMs(attempt, 1000, 30_000))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000]);
  });
});

describe('retryPolicy', () => {
  it('waits 1 s, 2 s, 4 s in real time by default', async () => {
    vi.useFakeTimers();
    const waits: RetryInfo[] = [];
    const policy = retryPolicy({ isRetryable: isFlaky, onRetry: (info) => waits.push(info) });
    const flaky = failingTimes(3);
    const result = policy.execute(flaky.fn);

    await vi.advanceTimersByTimeAsync(0);
    expect(flaky.calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(flaky.calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(flaky.calls()).toBe(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(flaky.calls()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(flaky.calls()).toBe(3);
    await vi.advanceTimersByTimeAsync(4000);
    await expect(result).resolves.toBe('done');
    expect(flaky.calls()).toBe(4);
    expect(waits.map((w) => [w.attempt, w.delayMs])).toEqual([
      [1, 1000],
      [2, 2000],
      [3, 4000],
    ]);
    expect(waits[0]?.error).toBeInstanceOf(Flaky);
  });

  it('gives up after maxRetries and surfaces the last error', async () => {
    const flaky = failingTimes(10);
    const policy = retryPolicy({ isRetryable: isFlaky, timeScale: 0 });
    await expect(policy.execute(flaky.fn)).rejects.toBeInstanceOf(Flaky);
    expect(flaky.calls()).toBe(4);
  });

  it('does not retry errors it is told are permanent', async () => {
    const flaky = failingTimes(1, () => new Error('bad request'));
    const onRetry = vi.fn();
    const policy = retryPolicy({ isRetryable: isFlaky, onRetry, timeScale: 0 });
    await expect(policy.execute(flaky.fn)).rejects.toThrow('bad request');
    expect(flaky.calls()).toBe(1);
    expect(onRetry).not.toHaveBeenCalled();
  });

  it('caps the exponential backoff at maxDelayMs', async () => {
    const delays: number[] = [];
    const policy = retryPolicy({
      isRetryable: isFlaky,
      maxRetries: 5,
      baseDelayMs: 500,
      maxDelayMs: 3000,
      timeScale: 0,
      onRetry: (info) => delays.push(info.delayMs),
    });
    await policy.execute(failingTimes(5).fn);
    expect(delays).toEqual([500, 1000, 2000, 3000, 3000]);
  });

  it('waits exactly what the server asked, beyond maxDelayMs but not beyond maxRetryAfterMs', async () => {
    vi.useFakeTimers();
    const delays: number[] = [];
    const asks = [45_000, 0, 3_600_000];
    const policy = retryPolicy({
      isRetryable: isFlaky,
      retryAfterMs: retryAfter,
      maxDelayMs: 30_000,
      onRetry: (info) => delays.push(info.delayMs),
    });
    const flaky = failingTimes(3, () => new Flaky(asks.shift() ?? null));
    const result = policy.execute(flaky.fn);
    await vi.advanceTimersByTimeAsync(44_999);
    expect(flaky.calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(flaky.calls()).toBe(2);
    // The second wait is 0 ms (the fake clock runs a 0 ms timer on the next tick).
    await vi.advanceTimersByTimeAsync(1);
    expect(flaky.calls()).toBe(3);
    await vi.advanceTimersByTimeAsync(299_999);
    expect(flaky.calls()).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toBe('done');
    expect(delays).toEqual([45_000, 0, 300_000]);
  });

  it('falls back to the backoff when no wait was requested', async () => {
    const delays: number[] = [];
    const asks = [null, 7000, null];
    const policy = retryPolicy({
      isRetryable: isFlaky,
      retryAfterMs: retryAfter,
      timeScale: 0,
      onRetry: (info) => delays.push(info.delayMs),
    });
    await policy.execute(failingTimes(3, () => new Flaky(asks.shift() ?? null)).fn);
    expect(delays).toEqual([1000, 7000, 4000]);
  });

  it('scales real waits but reports unscaled ones', async () => {
    const delays: number[] = [];
    const policy = retryPolicy({ isRetryable: isFlaky, timeScale: 0.001, onRetry: (info) => delays.push(info.delayMs) });
    const started = performance.now();
    await policy.execute(failingTimes(3).fn);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(delays).toEqual([1000, 2000, 4000]);
  });

  it('rejects nonsensical settings', () => {
    expect(() => retryPolicy({ isRetryable: isFlaky, maxRetries: -1 })).toThrow(RangeError);
    expect(() => retryPolicy({ isRetryable: isFlaky, baseDelayMs: 1.5 })).toThrow(RangeError);
    expect(() => retryPolicy({ isRetryable: isFlaky, timeScale: Number.NaN })).toThrow(RangeError);
  });
});
