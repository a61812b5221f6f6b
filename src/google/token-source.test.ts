import { describe, expect, it } from 'vitest';
import { singleFlightTokens, type IssuedToken } from './token-source.js';

function issuer(now: () => Date) {
  let issued = 0;
  const waiting: Array<() => void> = [];
  let hold = false;
  const fetchNew = async (): Promise<IssuedToken> => {
    issued += 1;
    const token = `tok-${issued}`;
    if (hold) await new Promise<void>((resolve) => waiting.push(resolve));
    return { token, expiresAt: new Date(now().getTime() + 3_600_000) };
  };
  return {
    fetchNew,
    count: () => issued,
    hold: () => {
      hold = true;
    },
    release: () => {
      hold = false;
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}

describe('singleFlightTokens', () => {
  it('fetches once and then serves the cached token', async () => {
    const clock = new Date('2025-03-10T12:00:00Z');
    const source = issuer(() => clock);
    const tokens = singleFlightTokens(source.fetchNew, { now: () => clock });
    await expect(tokens.current()).resolves.toBe('tok-1');
    await expect(tokens.current()).resolves.toBe('tok-1');
    expect(source.count()).toBe(1);
  });

  it('lets concurrent refreshes of the same token share one fetch', async () => {
    const source = issuer(() => new Date());
    const tokens = singleFlightTokens(source.fetchNew);
    const stale = await tokens.current();
    source.hold();
    const refreshes = [tokens.refresh(stale), tokens.refresh(stale), tokens.refresh(stale), tokens.current()];
    source.release();
    await expect(Promise.all(refreshes)).resolves.toEqual(['tok-2', 'tok-2', 'tok-2', 'tok-2']);
    expect(source.count()).toBe(2);
  });

  it('answers a late refresh of an already replaced token without fetching', async () => {
    const source = issuer(() => new Date());
    const tokens = singleFlightTokens(source.fetchNew);
    await tokens.current();
    await tokens.refresh('tok-1');
    await expect(tokens.refresh('tok-1')).resolves.toBe('tok-2');
    expect(source.count()).toBe(2);
    await expect(tokens.refresh('tok-2')).resolves.toBe('tok-3');
  });

  it('waits for a refresh under way instead of handing out the token being replaced', async () => {
    const source = issuer(() => new Date());
    const tokens = singleFlightTokens(source.fetchNew);
    await tokens.current();
    await tokens.refresh('tok-1');
    source.hold();
    const underWay = tokens.refresh('tok-2');
    const late = [tokens.refresh('tok-1'), tokens.current()];
    source.release();
    await expect(Promise.all([underWay, ...late])).resolves.toEqual(['tok-3', 'tok-3', 'tok-3']);
    expect(source.count()).toBe(3);
  });

  it('fetches ahead of expiry', async () => {
    let clock = new Date('2025-03-10T12:00:00Z');
    const source = issuer(() => clock);
    const tokens = singleFlightTokens(source.fetchNew, { now: () => clock, refreshBeforeMs: 60_000 });
    await tokens.current();
    clock = new Date(clock.getTime() + 3_600_000 - 61_000);
    await expect(tokens.current()).resolves.toBe('tok-1');
    clock = new Date(clock.getTime() + 2000);
    await expect(tokens.current()).resolves.toBe('tok-2');
  });

  it('reports a failed fetch to every waiter and tries again on the next call', async () => {
    let calls = 0;
    const tokens = singleFlightTokens(async () => {
      calls += 1;
      if (calls === 1) throw new Error('token service down');
      return { token: 'tok-ok', expiresAt: new Date(Date.now() + 3_600_000) };
    });
    const results = await Promise.allSettled([tokens.current(), tokens.current()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    await expect(tokens.current()).resolves.toBe('tok-ok');
  });

  it('tells the fetch which token Google rejected, so a cache behind it is asked past that token', async () => {
    const asked: (string | undefined)[] = [];
    let n = 0;
    const tokens = singleFlightTokens(async (rejected) => {
      asked.push(rejected);
      n += 1;
      return { token: `tok-${n}`, expiresAt: new Date(Date.now() + 3_600_000) };
    });
    await tokens.current();
    await tokens.refresh('tok-1');
    expect(asked).toEqual([undefined, 'tok-1']);
  });
});
