import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/index.js';
import type { StreamTiming } from '../../src/api/event-stream.js';
import { OutboxRunner, RecordingExecutor } from '../../src/executor/index.js';
import { TemporalProfiles, UserEventBus, type ServiceDeps } from '../../src/services/index.js';
import { migrate, openDatabase } from '../../src/store/index.js';
import { OWNER_TOKEN } from '../support/app.js';
import { ManualClock, uuids } from '../support/clock.js';
import { backends, openTestDatabase, scratchServerDatabase, type TestDatabase } from '../support/database.js';
import { emailSignal } from '../support/signals.js';
import { openSse, type SseClient } from '../support/sse.js';

/** One API instance: its own services, its own in-process wake-up, listening on a loopback port. */
interface Instance {
  app: FastifyInstance;
  services: ServiceDeps & { events: UserEventBus };
  base: string;
  call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }>;
  stream(userId: string, headers?: Record<string, string>, token?: string): Promise<SseClient>;
}

async function startInstance(database: Pick<TestDatabase, 'db' | 'counters'>, timing: Partial<StreamTiming> = {}): Promise<Instance> {
  const services = { db: database.db, counters: database.counters, clock: new ManualClock(), ids: uuids, onActionsQueued: () => undefined, temporal: new TemporalProfiles('UTC'), events: new UserEventBus() };
  let port = 0;
  const app = await buildApp({
    services,
    apiToken: OWNER_TOKEN,
    port: () => port,
    readiness: async () => [],
    demoMode: false,
    isServing: () => true,
    rateLimit: { limit: 1_000_000, windowMs: 60_000 },
    streamTiming: { pollMs: 60_000, heartbeatMs: 60_000, ...timing },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address && typeof address === 'object') port = address.port;
  const base = `http://127.0.0.1:${port}`;
  return {
    app,
    services,
    base,
    async call(method, path, body, token = OWNER_TOKEN) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    stream: (userId, headers = {}, token = OWNER_TOKEN) => openSse(`${base}/api/users/${userId}/stream`, { authorization: `Bearer ${token}`, ...headers }),
  };
}

describe.each(backends())('the live stream (%s)', (backend) => {
  let database: TestDatabase;
  let a: Instance;
  let userId: string;
  let userToken: string;
  const open: SseClient[] = [];
  const track = (client: SseClient) => {
    open.push(client);
    return client;
  };

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    a = await startInstance(database);
  });
  // A user of its own per test: a new stream replays the last seconds of its user's events.
  let n = 0;
  beforeEach(async () => {
    const created = await a.call('POST', '/api/users', { email: `stream-${n++}-${Date.now()}@example.com` });
    userId = created.body.id as string;
    userToken = created.body.token as string;
  });
  afterAll(async () => {
    for (const client of open) client.close();
    await a.app.close();
    await database.close();
  });

  const ingest = async (on: Instance, subject: string) => {
    const response = await on.call('POST', '/api/events/ingest', emailSignal(userId, { subject }));
    expect(response.status).toBe(200);
    return (response.body.results as { decisionId: string }[])[0]?.decisionId as string;
  };

  it('sends a new decision as an event within moments of the ingest, with its id', async () => {
    const client = track(await a.stream(userId));
    expect(client.status).toBe(200);
    expect(client.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(client.headers.get('cache-control')).toBe('no-store');
    const started = performance.now();
    const decisionId = await ingest(a, 'Lunch on Friday?');
    const [event] = await client.waitFor(1, 5_000);
    // The poll is a minute here: the in-process wake-up delivered it.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(event?.event).toBe('decisions.created');
    expect(event?.data).toMatchObject({ kind: 'decisions.created', userId, decisionIds: [decisionId] });
    expect(event?.id).toMatch(/^\d+(\.[0-9a-f]{12})+$/);
    expect(client.text()).toMatch(/^retry: \d+\n\n/);
    client.close();
    await client.ended;
  });

  it('resumes with Last-Event-ID: exactly the missed events, then new ones, nothing twice', async () => {
    const first = track(await a.stream(userId));
    await ingest(a, 'one');
    const [seen] = await first.waitFor(1);
    first.close();
    await first.ended;
    const missed = [await ingest(a, 'two'), await ingest(a, 'three')];

    const resumed = track(await a.stream(userId, { 'last-event-id': seen?.id ?? '' }));
    const replayed = await resumed.waitFor(2);
    expect(replayed.map((e) => (e.data.decisionIds as string[])[0])).toEqual(missed);
    const later = await ingest(a, 'four');
    const all = await resumed.waitFor(3);
    expect((all[2]?.data.decisionIds as string[])[0]).toBe(later);
    // Resuming from the newest id replays nothing; only what comes next.
    const again = track(await a.stream(userId, { 'last-event-id': all[2]?.id ?? '' }));
    const fifth = await ingest(a, 'five');
    const [next] = await again.waitFor(1);
    expect((next?.data.decisionIds as string[])[0]).toBe(fifth);
    expect(again.events).toHaveLength(1);
    resumed.close();
    again.close();
  });

  it('a new stream replays the last seconds: a change made while the page loaded its lists is not lost', async () => {
    const decisionId = await ingest(a, 'arrived while the page was loading');
    const client = track(await a.stream(userId));
    const [event] = await client.waitFor(1);
    expect(event?.data.decisionIds).toEqual([decisionId]);
    client.close();
  });

  it('tells a client with an unknown or too old id to reload its lists', async () => {
    const unknown = track(await a.stream(userId, { 'last-event-id': 'garbage' }));
    const [reset] = await unknown.waitFor(1);
    expect(reset?.event).toBe('reset');
    expect(reset?.data.reason).toMatch(/not one this stream knows/);
    unknown.close();
    const ancient = track(await a.stream(userId, { 'last-event-id': String(Date.now() - 3 * 24 * 3600 * 1000) }));
    const [old] = await ancient.waitFor(1);
    expect(old?.event).toBe('reset');
    expect(old?.data.reason).toMatch(/older than/);
    ancient.close();
  });

  it('reports settings changes and answers, and confines a user token to its own stream', async () => {
    const other = await a.call('POST', '/api/users', { email: `other-${Date.now()}@example.com` });
    const refused = await fetch(`${a.base}/api/users/${other.body.id as string}/stream`, { headers: { authorization: `Bearer ${userToken}` } });
    expect(refused.status).toBe(404);
    const client = track(await a.stream(userId, {}, userToken));
    expect(client.status).toBe(200);
    expect((await a.call('PUT', `/api/users/${userId}/settings`, { trustTiers: { email: 'suggest' } })).status).toBe(200);
    const [changed] = await client.waitFor(1);
    expect(changed?.event).toBe('settings.changed');
    const decisionId = await ingest(a, 'Can you review the roadmap?');
    const [, created] = await client.waitFor(2);
    const approvalIds = created?.data.approvalIds as string[];
    expect(created?.data.decisionIds).toEqual([decisionId]);
    expect(approvalIds).toHaveLength(1);
    expect((await a.call('POST', `/api/approvals/${approvalIds[0] ?? ''}/reject`, { reason: 'not now' })).status).toBe(200);
    const [, , answered] = await client.waitFor(3);
    expect(answered?.data).toMatchObject({ kind: 'approval.answered', approvalId: approvalIds[0], decisionId, state: 'rejected' });
    client.close();
  });

  it('another API instance on the same database sees the change on its next poll', async () => {
    const b = await startInstance(database, { pollMs: 200 });
    try {
      const client = track(await b.stream(userId));
      const decisionId = await ingest(a, 'made on instance A');
      const [event] = await client.waitFor(1, 5_000);
      expect(event?.data.decisionIds).toEqual([decisionId]);
      client.close();
    } finally {
      await b.app.close();
    }
  });

  it('still delivers an event whose transaction committed after a later one (the overlap window), once', async () => {
    const b = await startInstance(database, { pollMs: 100 });
    try {
      const client = track(await b.stream(userId));
      // Written as if its transaction had started 3 s ago and committed only now.
      await sql`INSERT INTO user_events (user_id, kind, payload, created_at)
                VALUES (${userId}, 'sync.changed', ${JSON.stringify({ source: 'gmail' })}, clock_timestamp() - interval '3 seconds')`.execute(database.db);
      const [late] = await client.waitFor(1, 5_000);
      expect(late?.data).toMatchObject({ kind: 'sync.changed', source: 'gmail' });
      const decisionId = await ingest(a, 'after the late one');
      const events = await client.waitFor(2, 5_000);
      expect(events[1]?.data.decisionIds).toEqual([decisionId]);
      // Later polls read the overlap window again (the late event is still in it): nothing is sent twice.
      const third = await ingest(a, 'and one more');
      const all = await client.waitFor(3, 5_000);
      expect(all[2]?.data.decisionIds).toEqual([third]);
      expect(client.events.map((e) => e.data.kind)).toEqual(['sync.changed', 'decisions.created', 'decisions.created']);
      client.close();
    } finally {
      await b.app.close();
    }
  });

  it('reports an approved action being carried out by the outbox', async () => {
    const client = track(await a.stream(userId));
    expect((await a.call('PUT', `/api/users/${userId}/settings`, { trustTiers: { email: 'suggest' } })).status).toBe(200);
    await client.waitFor(1);
    const decisionId = await ingest(a, 'Please confirm the venue');
    const [, created] = await client.waitFor(2);
    const approvalId = (created?.data.approvalIds as string[])[0] ?? '';
    expect((await a.call('POST', `/api/approvals/${approvalId}/approve`, {})).status).toBe(200);
    await client.waitFor(3);
    const runner = new OutboxRunner(database.db, new RecordingExecutor(), a.services.clock, { onFinished: (id) => a.services.events.wake([id]) });
    await runner.drain();
    const [, , answered, done] = await client.waitFor(4);
    expect(answered?.data).toMatchObject({ kind: 'approval.answered', approvalId, state: 'approved' });
    expect(done?.data).toMatchObject({ kind: 'action.state', decisionId, state: 'succeeded', actionKind: 'execute' });
    client.close();
  });

  it('sends heartbeats, lets go of a client that left, and closing the API ends open streams at once', async () => {
    const c = await startInstance(database, { heartbeatMs: 50 });
    const client = track(await c.stream(userId));
    await expect.poll(() => client.text().includes(': heartbeat\n\n'), { timeout: 5_000 }).toBe(true);
    expect(c.services.events.listenerCount(userId)).toBe(1);
    client.close();
    await expect.poll(() => c.services.events.listenerCount(userId), { timeout: 5_000 }).toBe(0);

    const staying = track(await c.stream(userId));
    await expect.poll(() => c.services.events.listenerCount(userId), { timeout: 5_000 }).toBe(1);
    const started = performance.now();
    await c.app.close();
    await staying.ended;
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(c.services.events.listenerCount(userId)).toBe(0);
  });
});

// Two API processes on one PostgreSQL database, each with its own connection pool and wake-up.
if (process.env.DATABASE_URL) {
  describe('the live stream across two API instances with their own connections (postgres)', () => {
    it('a stream on one instance receives what the other committed', async () => {
      const scratch = await scratchServerDatabase(process.env.DATABASE_URL ?? '', 'h2_stream');
      const first = await openDatabase({ databaseUrl: scratch.url, dataDir: ':memory:', poolSize: 3 });
      await migrate(first.db);
      const second = await openDatabase({ databaseUrl: scratch.url, dataDir: ':memory:', poolSize: 3 });
      const a = await startInstance(first);
      const b = await startInstance(second, { pollMs: 200 });
      try {
        const created = await a.call('POST', '/api/users', { email: 'two-pools@example.com' });
        const userId = created.body.id as string;
        const client = await b.stream(userId);
        const ingested = await a.call('POST', '/api/events/ingest', emailSignal(userId, { subject: 'across processes' }));
        const decisionId = (ingested.body.results as { decisionId: string }[])[0]?.decisionId;
        const [event] = await client.waitFor(1, 5_000);
        expect(event?.data).toMatchObject({ kind: 'decisions.created', decisionIds: [decisionId] });
        client.close();
      } finally {
        await a.app.close();
        await b.app.close();
        await first.close();
        await second.close();
        await scratch.drop();
      }
    });
  });
}
