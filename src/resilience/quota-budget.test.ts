import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QuotaBudget, type QuotaSpend } from './quota-budget.js';
import { QuotaLedger } from './quota-ledger.js';

describe('QuotaLedger', () => {
  const window = { units: 100, windowMs: 60_000 };

  it('lets spends in while they fit and counts calls in flight', () => {
    const ledger = new QuotaLedger(window);
    expect(ledger.waitMs(0, 100)).toBe(0);
    ledger.spend(60);
    expect(ledger.used(0)).toBe(60);
    expect(ledger.waitMs(0, 40)).toBe(0);
    // 60 in flight: nothing can age out until that call is answered.
    expect(ledger.waitMs(0, 41)).toBeNull();
  });

  it('dates a spend at its answer and lets it age out strictly after a whole window', () => {
    const ledger = new QuotaLedger(window);
    const first = ledger.spend(60);
    ledger.settle(first, 1_000);
    const second = ledger.spend(30);
    ledger.settle(second, 5_000);
    // 90 used: 20 more must wait for the first spend to leave, just after 61 000.
    expect(ledger.waitMs(10_000, 20)).toBe(51_001);
    expect(ledger.used(61_000)).toBe(90);
    expect(ledger.used(61_001)).toBe(30);
    expect(ledger.waitMs(61_001, 20)).toBe(0);
    // 71 more needs both gone.
    expect(ledger.waitMs(10_000, 71)).toBe(55_001);
  });

  it('lets a spend dearer than the whole budget through an empty window, and only then', () => {
    const ledger = new QuotaLedger(window);
    ledger.settle(ledger.spend(1), 0);
    expect(ledger.waitMs(0, 250)).toBe(60_001);
    expect(ledger.waitMs(60_001, 250)).toBe(0);
  });

  it('refuses a budget that cannot be kept', () => {
    expect(() => new QuotaLedger({ units: 0, windowMs: 60_000 })).toThrow(RangeError);
    expect(() => new QuotaLedger({ units: 1.5, windowMs: 60_000 })).toThrow(RangeError);
    expect(() => new QuotaLedger({ units: 10, windowMs: 0 })).toThrow(RangeError);
  });
});

describe('QuotaBudget with fake time', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const budget = (units = 100, windowMs = 60_000) => new QuotaBudget({ units, windowMs, now: () => Date.now() });

  it('grants at once while the budget lasts, then waits for the window to turn instead of failing', async () => {
    const quota = budget();
    const granted: number[] = [];
    for (let n = 0; n < 5; n++) {
      const spend = await quota.spend(20);
      spend.settle();
      granted.push(Date.now());
    }
    expect(granted).toEqual([0, 0, 0, 0, 0]);
    let sixth: QuotaSpend | null = null;
    void quota.spend(20).then((spend) => (sixth = spend));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sixth).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(sixth).not.toBeNull();
    expect(sixth!.waitedMs).toBe(60_001);
  });

  it('serves waiters in arrival order: a dear call is not overtaken by cheap ones', async () => {
    const quota = budget();
    (await quota.spend(90)).settle();
    const order: string[] = [];
    const dear = quota.spend(50).then((spend) => {
      order.push('dear');
      spend.settle();
    });
    const cheap = quota.spend(5).then((spend) => {
      order.push('cheap');
      spend.settle();
    });
    await vi.advanceTimersByTimeAsync(30_000);
    // 5 would fit now, but it queues behind the call that came first.
    expect(order).toEqual([]);
    await vi.advanceTimersByTimeAsync(30_001);
    await Promise.all([dear, cheap]);
    expect(order).toEqual(['dear', 'cheap']);
  });

  it('waits for a call in flight to be answered before counting it out', async () => {
    const quota = budget();
    const inFlight = await quota.spend(100);
    let next = false;
    void quota.spend(1).then(() => (next = true));
    await vi.advanceTimersByTimeAsync(120_000);
    expect(next).toBe(false);
    inFlight.settle();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(next).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(next).toBe(true);
  });

  it('keeps parallel callers within the budget in every window', async () => {
    const quota = budget(100, 10_000);
    const grants: { at: number; units: number }[] = [];
    const caller = async (calls: number) => {
      for (let n = 0; n < calls; n++) {
        const spend = await quota.spend(20);
        grants.push({ at: Date.now(), units: 20 });
        // The call's answer arrives 50 ms later (fake time); meanwhile the caller queues its next.
        setTimeout(() => spend.settle(), 50);
      }
    };
    const all = Promise.all([caller(10), caller(10), caller(10), caller(10)]);
    await vi.advanceTimersByTimeAsync(200_000);
    await all;
    expect(grants).toHaveLength(40);
    for (const grant of grants) {
      const inWindow = grants.filter((other) => other.at <= grant.at && other.at > grant.at - 10_000).reduce((sum, other) => sum + other.units, 0);
      expect(inWindow).toBeLessThanOrEqual(100);
    }
    // 800 units at 100 per 10 s: the last grant cannot come before 70 s.
    expect(grants.at(-1)!.at).toBeGreaterThanOrEqual(70_000);
  });

  it('gives up a wait when the caller stops, and lets the next waiter on', async () => {
    const quota = budget();
    (await quota.spend(100)).settle();
    const controller = new AbortController();
    const stopped = quota.spend(50, controller.signal);
    let after = false;
    void quota.spend(10).then(() => (after = true));
    controller.abort(new Error('worker stopping'));
    await expect(stopped).rejects.toThrow('worker stopping');
    await vi.advanceTimersByTimeAsync(60_001);
    expect(after).toBe(true);
    expect(quota.used()).toBe(10);
    await expect(quota.spend(1, controller.signal)).rejects.toThrow('worker stopping');
  });

  it('refuses a negative or fractional spend', async () => {
    await expect(budget().spend(-1)).rejects.toThrow(RangeError);
    await expect(budget().spend(0.5)).rejects.toThrow(RangeError);
  });
});
