import { sql } from 'kysely';
import { buildApp } from '../src/api/index.js';
import type { Config } from '../src/config/index.js';
import { decide, parseAddress, type Signal } from '../src/domain/index.js';
import { randomIds, systemClock } from '../src/runtime/index.js';
import { CalendarState, ingestSignals, TemporalProfiles, type ServiceDeps } from '../src/services/index.js';
import { loadIngestContext } from '../src/store/index.js';
import { ingestResults } from './http.js';
import { LoadClient } from './load.js';
import { openInstrumented, type InstrumentedDatabase } from './instrumented.js';
import { mean } from './stats.js';

/** Mean cost per signal of one layer, with the SQL it sent. */
export interface Layer {
  totalMs: number;
  sqlMs: number;
  statements: number;
}

export interface PhaseProfile {
  samples: number;
  /** Mean `SELECT 1` round trip: through Kysely + node-postgres, and (embedded) on PGlite directly. */
  floorMs: { kysely: number; direct: number | null };
  /** The pure pipeline alone, on the inputs ingest would gather. */
  decideMs: number;
  /** `ingestSignals` called in-process, one signal per call. */
  ingest: Layer;
  /** The real Fastify app through `inject` (no socket), one signal per request. */
  inject: Layer;
  /** The same app listening on loopback, called with fetch: the whole round trip. */
  http: Layer;
  topStatements: { statement: string; perSignal: number; meanMs: number; share: number }[];
  situations: { kind: string; outcome: string; n: number }[];
}

const WARMUP = 10;

/**
 * Times the layers of one ingest on the benchmark's own database once the API has stopped:
 * SQL (counted and timed by Kysely's `log`), the pure pipeline, the services around it, Fastify
 * without a socket, and the full loopback round trip. The layers take turns signal by signal,
 * so they see the same database, heap and caches, and their differences are fair.
 */
export async function profilePhases(config: Config, userEmails: Map<string, string>, next: () => Signal, samples: number): Promise<PhaseProfile> {
  const database = await openInstrumented(config);
  try {
    const floorMs = await statementFloor(database);
    // Temporal profiles cached as the API caches them: without them every ingest derives the profile again.
    const services: ServiceDeps = { db: database.db, clock: systemClock, ids: randomIds, temporal: new TemporalProfiles(null), onActionsQueued: () => undefined };
    const app = await listeningApp(services);
    const decideTimes: number[] = [];
    const layers: { ingest: Layer[]; inject: Layer[]; http: Layer[] } = { ingest: [], inject: [], http: [] };
    try {
      for (let i = 0; i < samples + WARMUP; i++) {
        const signal = next();
        const decideMs = await timeDecide(database, signal, userEmails.get(signal.userId) ?? '');
        database.sql.grouping = i >= WARMUP;
        const ingest = await measure(database, async () => {
          await ingestSignals(services, [signal]);
        });
        database.sql.grouping = false;
        const inject = await measure(database, () => app.postInject(next()));
        const http = await measure(database, () => app.postHttp(next()));
        if (i < WARMUP) continue;
        decideTimes.push(decideMs);
        layers.ingest.push(ingest);
        layers.inject.push(inject);
        layers.http.push(http);
      }
    } finally {
      await app.close();
    }
    const grouped = [...database.sql.byStatement.entries()];
    const sqlTotal = grouped.reduce((sum, [, entry]) => sum + entry.ms, 0);
    const topStatements = grouped
      .map(([statement, { count, ms }]) => ({ statement, perSignal: count / samples, meanMs: ms / count, share: ms / sqlTotal }))
      .sort((a, b) => b.share - a.share);
    const situations = await sql<{ kind: string; outcome: string; n: string }>`
      SELECT situation_kind AS kind, outcome, count(*) AS n FROM decisions GROUP BY 1, 2 ORDER BY 3 DESC`.execute(database.db);
    return {
      samples,
      floorMs,
      decideMs: mean(decideTimes),
      ingest: meanLayer(layers.ingest),
      inject: meanLayer(layers.inject),
      http: meanLayer(layers.http),
      topStatements,
      situations: situations.rows.map((row) => ({ kind: row.kind, outcome: row.outcome, n: Number(row.n) })),
    };
  } finally {
    await database.close();
  }
}

/** Times `run` and the SQL it sent; a run that returns a number reports its own duration (the client's view). */
async function measure(database: InstrumentedDatabase, run: () => Promise<number | void>): Promise<Layer> {
  const mark = database.sql.mark();
  const started = performance.now();
  const reported = await run();
  const totalMs = typeof reported === 'number' ? reported : performance.now() - started;
  const { count, ms } = database.sql.since(mark);
  return { totalMs, sqlMs: ms, statements: count };
}

function meanLayer(layers: Layer[]): Layer {
  return {
    totalMs: mean(layers.map((l) => l.totalMs)),
    sqlMs: mean(layers.map((l) => l.sqlMs)),
    statements: mean(layers.map((l) => l.statements)),
  };
}

async function statementFloor(database: InstrumentedDatabase): Promise<PhaseProfile['floorMs']> {
  const rounds = 300;
  const timeEach = async (run: () => Promise<unknown>) => {
    for (let i = 0; i < 20; i++) await run();
    const started = performance.now();
    for (let i = 0; i < rounds; i++) await run();
    return (performance.now() - started) / rounds;
  };
  const kysely = await timeEach(() => sql`SELECT ${1}::int AS one`.execute(database.db));
  const pglite = database.pglite;
  const direct = pglite ? await timeEach(() => pglite.query('SELECT $1::int AS one', [1])) : null;
  return { kysely, direct };
}

/** Gathers what ingest would read for this signal, then times decide() alone (median of 5 runs). */
async function timeDecide(database: InstrumentedDatabase, signal: Signal, userEmail: string): Promise<number> {
  const db = database.db;
  const now = systemClock.now();
  const counterpart = parseAddress(signal.source === 'gmail' ? signal.data.from : signal.data.organizer)?.address ?? null;
  const context = await loadIngestContext(db, {
    userId: signal.userId,
    keys: [signal],
    counterparts: counterpart ? [counterpart] : [],
    calendar: CalendarState.queryFor([signal]),
    now,
  });
  if (!context) throw new Error(`user ${signal.userId} is gone`);
  const input = {
    signal,
    userEmail,
    settings: context.settings,
    twin: context.twin,
    senderHistory: (counterpart ? context.senders.get(counterpart) : undefined) ?? { seenCount: 0, repliedCount: 0 },
    acceptedEvents: signal.source === 'calendar' ? CalendarState.from(userEmail, context.calendarEvents).acceptedOverlapping(signal.data) : [],
    spentLast24hCents: context.spentLast24hCents,
    executedInDomain: context.executedInDomain,
    clock: systemClock,
    ids: randomIds,
  };
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    decide(input);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[2] as number;
}

/** The real app on the instrumented database, reachable both through inject and over loopback. */
async function listeningApp(services: ServiceDeps) {
  const token = 'sto_bench-profile-owner-token-0123456789';
  let port = 0;
  const app = await buildApp({
    services,
    apiToken: token,
    port: () => port,
    readiness: async () => [{ name: 'database', ok: true, detail: 'bench' }],
    demoMode: false,
    isServing: () => true,
    rateLimit: { limit: 60, windowMs: 60_000 },
    logLevel: 'warn',
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address && typeof address === 'object') port = address.port;
  const client = new LoadClient(`http://127.0.0.1:${port}`, token);
  return {
    async postInject(signal: Signal) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/events/ingest',
        headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify(signal),
      });
      if (response.statusCode !== 200) throw new Error(`inject ingest answered HTTP ${response.statusCode}: ${response.body.slice(0, 300)}`);
    },
    /** Over loopback from the load worker; answers the round trip as the client timed it. */
    async postHttp(signal: Signal): Promise<number> {
      const reply = await client.run([{ method: 'POST', path: '/api/events/ingest', body: signal }]);
      ingestResults(reply.bodies[0], 1);
      return reply.ms[0] ?? NaN;
    },
    async close() {
      await client.close();
      await app.close();
    },
  };
}
