import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { saveGoogleConnection } from './connections.js';
import { claimPollLeases, confirmPollLease, listPollLeases, releasePollLeases } from './poll-leases.js';
import { insertUser } from './users.js';

const LEASE_MS = 10_000;
const T0 = new Date('2026-11-24T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe.each(backends())('poll leases (%s)', (backend) => {
  let database: TestDatabase;
  const users: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    for (let i = 0; i < 6; i++) {
      const id = randomUUID();
      await insertUser(database.db, { id, email: `lease-${i}-${id}@example.com`, name: null, tokenHash: `hash-${id}`, now: T0 });
      await saveGoogleConnection(database.db, { userId: id, accountEmail: null, scopes: [], calendars: null, refreshTokenSealed: 'sealed', now: T0 });
      users.push(id);
    }
    users.sort();
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  const claim = (workerId: string, ms: number, busy: string[] = []) => claimPollLeases(database.db, { workerId, now: at(ms), leaseMs: LEASE_MS, busy });

  it('gives a lone worker every user, shares them when a second one comes, and never gives a user to both', async () => {
    const db = database.db;
    expect(await claim('a', 0)).toEqual(users);
    // b sees a's live leases: nothing free yet. a's next claim sees b and gives back what it is not polling.
    expect(await claim('b', 1_000)).toEqual([]);
    const busy = users.slice(0, 4);
    const aHolds = await claim('a', 2_000, busy);
    expect(aHolds).toEqual(busy);
    const bHolds = await claim('b', 3_000);
    expect(bHolds).toEqual(users.slice(4));
    // Once it is no longer busy with them, a drops to its share of three.
    expect(await claim('a', 4_000)).toHaveLength(3);
    const b = await claim('b', 5_000);
    const a = await claim('a', 6_000);
    expect(a).toHaveLength(3);
    expect(b).toHaveLength(3);
    expect([...a, ...b].sort()).toEqual(users);
    const leases = await listPollLeases(db);
    expect(leases.filter((lease) => users.includes(lease.userId)).map((lease) => lease.holder)).not.toContain(null);
  });

  it('refuses a report from a worker that lost the lease, and lets the survivor take a dead worker\'s users once its leases lapse', async () => {
    const db = database.db;
    const aHolds = await claim('a', 10_000);
    const bHolds = await claim('b', 10_000);
    expect(aHolds).toHaveLength(3);
    // b stops renewing (killed). Before its leases lapse, a gets none of its users.
    expect(await claim('a', 10_000 + LEASE_MS - 1)).toEqual(aHolds);
    // Afterwards a is the only live worker, and takes them all.
    const later = 10_000 + LEASE_MS + 1;
    expect(await claim('a', later)).toEqual(users);
    expect(await confirmPollLease(db, bHolds[0]!, 'b', at(later))).toBe(false);
    expect(await confirmPollLease(db, bHolds[0]!, 'a', at(later))).toBe(true);
    // A worker whose lease lapsed but that nobody replaced still holds it.
    expect(await claim('a', later + 5 * LEASE_MS)).toEqual(users);
  });

  it('lets exactly one of two racing workers win a free lease', async () => {
    const db = database.db;
    expect(await releasePollLeases(db, 'a', at(100_000))).toBe(users.length);
    const racers = ['r1', 'r2', 'r3', 'r4'];
    const results = await Promise.all(racers.map((workerId) => claim(workerId, 100_001)));
    const all = results.flat();
    expect(all.length).toBeGreaterThan(0);
    expect(new Set(all).size).toBe(all.length);
    // Who lost a race takes what is left on its next claim; still no user has two holders.
    const settled: string[][] = [];
    for (const workerId of racers) settled.push(await claim(workerId, 100_002));
    const held = settled.flat();
    expect(new Set(held).size).toBe(held.length);
    expect(held.sort()).toEqual(users);
  });

  it('releases only the leaving worker\'s leases, and ignores unknown workers', async () => {
    const db = database.db;
    expect(await releasePollLeases(db, 'nobody', at(200_000))).toBe(0);
    const before = await listPollLeases(db);
    expect(await releasePollLeases(db, 'r1', at(200_000))).toBeGreaterThan(0);
    const after = await listPollLeases(db);
    expect(after.filter((lease) => lease.holder === 'r1')).toEqual([]);
    expect(after.filter((lease) => lease.holder !== null && lease.holder !== 'r1')).toEqual(before.filter((lease) => lease.holder !== null && lease.holder !== 'r1'));
  });
});
