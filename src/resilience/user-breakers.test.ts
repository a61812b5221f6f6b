import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UserBreakers } from './user-breakers.js';

const MIN = 60_000;
const fail = async () => {
  throw new Error('poll failed');
};
const succeed = async () => undefined;

describe('per-user circuit breakers', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-25T10:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('opens after 3 failed cycles, skips 5, 10, then 20 minutes while probes fail, and closes on success', async () => {
    const warnings: string[] = [];
    const breakers = new UserBreakers(undefined, (line) => warnings.push(line));
    for (let i = 0; i < 3; i++) await expect(breakers.run('u1', fail)).rejects.toThrow('poll failed');
    expect(warnings).toEqual([expect.stringMatching(/opened for user u1 after 3 failed poll cycles/)]);
    expect(breakers.report('u1')).toMatchObject({ state: 'open', consecutiveFailures: 3, openUntil: '2026-11-25T10:05:00.000Z' });
    const cycle = vi.fn(succeed);
    expect(await breakers.run('u1', cycle)).toBe('skipped');
    expect(cycle).not.toHaveBeenCalled();
    expect(await breakers.run('u2', cycle)).toBe('ran');

    const waits: number[] = [];
    for (const minutes of [5, 10, 20, 20]) {
      vi.advanceTimersByTime(minutes * MIN - 1);
      expect(await breakers.run('u1', cycle)).toBe('skipped');
      vi.advanceTimersByTime(1);
      const opened = Date.now();
      await expect(breakers.run('u1', fail)).rejects.toThrow('poll failed');
      const until = breakers.report('u1').openUntil;
      waits.push((Date.parse(until ?? '') - opened) / MIN);
    }
    expect(waits).toEqual([10, 20, 20, 20]);
    vi.advanceTimersByTime(20 * MIN);
    expect(await breakers.run('u1', succeed)).toBe('ran');
    expect(breakers.report('u1')).toMatchObject({ state: 'closed', consecutiveFailures: 0, openUntil: null });
    expect(warnings.at(-1)).toMatch(/closed for user u1/);
    expect(cycle).toHaveBeenCalledTimes(1);
  });

  it('keeps skipping a user after a restart from the reported state', async () => {
    const before = new UserBreakers();
    for (let i = 0; i < 3; i++) await expect(before.run('u1', fail)).rejects.toThrow();
    const report = JSON.parse(JSON.stringify(before.report('u1'))) as ReturnType<UserBreakers['report']>;

    const after = new UserBreakers();
    after.restore('u1', report);
    vi.advanceTimersByTime(4 * MIN);
    const cycle = vi.fn(succeed);
    expect(await after.run('u1', cycle)).toBe('skipped');
    expect(after.report('u1')).toMatchObject({ state: 'open', consecutiveFailures: 3, openUntil: '2026-11-25T10:05:00.000Z' });
    vi.advanceTimersByTime(MIN);
    expect(await after.run('u1', cycle)).toBe('ran');
    expect(cycle).toHaveBeenCalledTimes(1);
  });

  it('forgets a user on reset, and a failure below the threshold leaves it closed', async () => {
    const breakers = new UserBreakers();
    await expect(breakers.run('u1', fail)).rejects.toThrow();
    await expect(breakers.run('u1', fail)).rejects.toThrow();
    expect(breakers.report('u1')).toMatchObject({ state: 'closed', consecutiveFailures: 2 });
    await breakers.run('u1', succeed);
    expect(breakers.report('u1').consecutiveFailures).toBe(0);
    for (let i = 0; i < 3; i++) await expect(breakers.run('u1', fail)).rejects.toThrow();
    breakers.reset('u1');
    expect(await breakers.run('u1', succeed)).toBe('ran');
  });
});
