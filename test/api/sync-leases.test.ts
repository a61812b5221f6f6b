import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveGoogleConnection } from '../../src/store/index.js';
import { backends } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { addUser } from '../support/users.js';

/** The workers' lease routes over HTTP: claims share the users, and only the holder's report lands. */
describe.each(backends())('poll leases through the API (%s)', (backend) => {
  let t: TestApp;
  const users: string[] = [];
  beforeAll(async () => {
    t = await startTestApp(backend);
    for (let i = 0; i < 2; i++) {
      const user = await addUser(t);
      await saveGoogleConnection(t.database.db, { userId: user.id, accountEmail: null, scopes: [], calendars: null, refreshTokenSealed: 'sealed', now: t.clock.now() });
      users.push(user.id);
    }
  }, 60_000);
  afterAll(async () => t.close());

  const claim = (workerId: string, busy: string[] = []) => t.call({ method: 'POST', url: '/api/internal/sync-leases', payload: { workerId, leaseMs: 10_000, busy } });
  const report = (userId: string, workerId: string, cursor: string) =>
    t.call({
      method: 'PUT',
      url: `/api/internal/users/${userId}/sync`,
      payload: { workerId, sources: [{ source: 'gmail', resource: '', ok: true, cursor, nextPollAt: null }] },
    });
  const cursorOf = async (userId: string) => {
    const row = await t.database.db.selectFrom('sync_state').select('cursor').where('user_id', '=', userId).executeTakeFirst();
    return row?.cursor ?? null;
  };
  const ids = (body: { targets: { userId: string }[] }) => body.targets.map((target) => target.userId).sort();

  it('hands a lone worker every user with its cursor, and shares them with a second one', async () => {
    const first = await claim('worker-a');
    expect(first.status).toBe(200);
    expect(ids(first.body)).toEqual([...users].sort());
    expect(first.body.targets[0]).toMatchObject({ sources: [{ source: 'gmail', resource: '', cursor: null }, { source: 'calendar', resource: 'primary', cursor: null }] });
    expect((await claim('worker-b')).body.targets).toEqual([]);
    expect((await claim('worker-a')).body.targets).toHaveLength(1);
    expect((await claim('worker-b')).body.targets).toHaveLength(1);
  });

  it('records a report from the holder, refuses one from a worker that lost the lease, and the cursor stays', async () => {
    const held = ids((await claim('worker-a')).body)[0] as string;
    expect((await report(held, 'worker-a', '200')).status).toBe(204);
    expect(await cursorOf(held)).toBe('200');
    // worker-a stops renewing; once its lease lapses, worker-b takes the user and moves on.
    t.clock.advance(10_001);
    expect(ids((await claim('worker-b')).body)).toEqual([...users].sort());
    expect((await report(held, 'worker-b', '300')).status).toBe(204);
    const late = await report(held, 'worker-a', '250');
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'poll_lease_lost', message: expect.stringContaining('worker-a') });
    expect(await cursorOf(held)).toBe('300');
  });

  it('gives every lease back on release, and refuses bad claims without changing anything', async () => {
    const released = await t.call({ method: 'POST', url: '/api/internal/sync-leases/release', payload: { workerId: 'worker-b' } });
    expect(released.status).toBe(200);
    expect(released.body).toEqual({ released: 2 });
    const before = await t.database.db.selectFrom('poll_leases').selectAll().orderBy('user_id').execute();
    for (const payload of [
      { workerId: 'worker-c', leaseMs: 30_001 },
      { workerId: 'worker-c', leaseMs: 999 },
      { workerId: 'bad id with spaces', leaseMs: 10_000 },
      { workerId: 'worker-c', leaseMs: 10_000, busy: ['not-a-uuid'] },
      { workerId: 'worker-c', leaseMs: 10_000, extra: true },
    ]) {
      const answer = await t.call({ method: 'POST', url: '/api/internal/sync-leases', payload });
      expect(answer.status).toBe(400);
      expect(typeof answer.body.error?.message).toBe('string');
    }
    expect(await t.database.db.selectFrom('poll_leases').selectAll().orderBy('user_id').execute()).toEqual(before);
    const asUser = await t.call({ method: 'POST', url: '/api/internal/sync-leases', payload: { workerId: 'worker-c', leaseMs: 10_000 }, token: (await addUser(t)).token });
    expect(asUser.status).toBe(404);
  });
});
