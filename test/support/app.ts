import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../src/api/index.js';
import { OutboxRunner, RecordingExecutor, type ActionExecutor } from '../../src/executor/index.js';
import { TemporalProfiles, type GoogleServices, type ServiceDeps } from '../../src/services/index.js';
import { ManualClock, uuids } from './clock.js';
import { openTestDatabase, type Backend, type TestDatabase } from './database.js';

/** Parsed JSON, as loosely typed as JSON.parse's own result: tests assert on its shape. */
export type JsonBody = ReturnType<typeof JSON.parse>;

export const OWNER_TOKEN = 'sto_test-owner-token-0123456789';
const PORT = 3100;

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  clock: ManualClock;
  executor: RecordingExecutor;
  runner: OutboxRunner;
  services: ServiceDeps;
  /** Serves the app on a free loopback port for real HTTP; returns its base URL. */
  listen(): Promise<string>;
  /** The port clients name in Host: 3100 under inject, the real one once listening. */
  port(): number;
  /** Calls the API as the owner (or with `token`), Host set to loopback. */
  call(options: InjectOptions & { token?: string | null }): Promise<{ status: number; body: JsonBody; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

export interface TestAppExtras {
  /** The per-user limit; by default high enough that no test meets it by accident. */
  rateLimit?: { limit: number; windowMs: number };
  /** Google wiring built over these services (see test/support/google.ts). */
  google?: (services: ServiceDeps) => { google: GoogleServices; executor: ActionExecutor };
}

/** The real app on a real database, driven through inject; the outbox is drained explicitly. */
export async function startTestApp(backend?: Backend, clock = new ManualClock(), extras: TestAppExtras = {}): Promise<TestApp> {
  const database = await openTestDatabase(backend);
  const executor = new RecordingExecutor();
  const services: ServiceDeps = { db: database.db, counters: database.counters, clock, ids: uuids, onActionsQueued: () => undefined, temporal: new TemporalProfiles('UTC') };
  const wired = extras.google?.(services) ?? null;
  const runner = new OutboxRunner(database.db, wired?.executor ?? executor, clock, { leaseMs: 60_000 });
  let port = PORT;
  const app = await buildApp({
    services,
    google: wired?.google ?? null,
    apiToken: OWNER_TOKEN,
    port: () => port,
    readiness: async () => [{ name: 'database', ok: true, detail: 'test' }],
    demoMode: false,
    isServing: () => true,
    rateLimit: extras.rateLimit ?? { limit: 1_000_000, windowMs: 60_000 },
  });
  return {
    app,
    database,
    clock,
    executor,
    runner,
    services,
    async listen() {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      if (address && typeof address === 'object') port = address.port;
      return `http://127.0.0.1:${port}`;
    },
    port: () => port,
    async call(options) {
      const { token, ...rest } = options;
      const headers: Record<string, string> = { host: `127.0.0.1:${port}`, ...(rest.headers as Record<string, string>) };
      const bearer = token === undefined ? OWNER_TOKEN : token;
      if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
      const response = await app.inject({ ...rest, headers });
      let body: unknown = response.body;
      try {
        body = response.json();
      } catch {
        // not JSON (the dashboard page)
      }
      return { status: response.statusCode, body, headers: response.headers };
    },
    async close() {
      await runner.stop();
      await app.close();
      await database.close();
    },
  };
}
