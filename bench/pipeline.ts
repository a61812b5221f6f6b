import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { startApi } from '../src/api/index.js';
import type { Signal } from '../src/domain/index.js';
import { embeddedBackend, postgresBackend, type BenchBackend } from './backends.js';
import type { BenchContext, Benchmark } from './benchmark.js';
import { withCleanup, type Cleanup } from './cleanup.js';
import { ApiClient, ingestResults } from './http.js';
import { LoadClient, type LoadRequest } from './load.js';
import { profilePhases } from './profile.js';
import { rawWrites } from './raw-writes.js';
import { seasonUsers } from './season.js';
import { driftOf, printReport, type BackendReport, type ModeResult } from './report.js';
import { benchUsers, signalStream, type BenchUser } from './signals.js';
import { summarize } from './stats.js';

const USERS = 50;
const BATCH_SIZE = 100;
const WARMUP_SIGNALS = 50;
const PROFILE_SIGNALS = 300;
const READY_TIMEOUT_MS = 60_000;

/**
 * Signals through the real HTTP API over loopback: one POST per signal (latency per decision),
 * then batches (throughput), on the embedded database and, with DATABASE_URL, on PostgreSQL.
 */
export const pipelineBenchmark: Benchmark = {
  name: 'pipeline',
  async run({ out, env }: BenchContext) {
    const signals = signalCount(env.BENCH_SIGNALS);
    out(`pipeline: ${signals} signals per mode (BENCH_SIGNALS), ${USERS} users, real HTTP API on 127.0.0.1`);
    out(`machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}; the client posts from a worker thread`);
    await withCleanup(async (cleanup) => printReport(await benchBackend(await embeddedBackend(cleanup), signals, cleanup, out), out), out);
    const databaseUrl = env.DATABASE_URL?.trim();
    if (databaseUrl) {
      await withCleanup(async (cleanup) => printReport(await benchBackend(await postgresBackend(databaseUrl, cleanup), signals, cleanup, out), out), out);
    } else {
      out('');
      out('pipeline: DATABASE_URL is not set, so PostgreSQL is skipped');
    }
  },
};

function signalCount(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 10_000;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < 1) {
    throw new Error(`BENCH_SIGNALS must be a whole number of at least 1, not "${raw}"`);
  }
  return value;
}

async function benchBackend(backend: BenchBackend, signals: number, cleanup: Cleanup, out: (line: string) => void): Promise<BackendReport> {
  const runId = randomBytes(3).toString('hex');
  const loadBefore = loadavg()[0] ?? NaN;
  out('');
  out(`-- ${backend.name}: starting the API (${backend.where})`);
  const api = await startApi(backend.config, { log: (line) => out(`   [api] ${line}`) });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await api.close();
  };
  cleanup.add('stop the API', stop);
  await withTimeout(api.ready, READY_TIMEOUT_MS, 'the API did not become ready');
  const token = readFileSync(join(backend.config.dataDir, 'api-token'), 'utf8').trim();
  const client = new ApiClient(api.url, token);

  const users = await createUsers(client, runId);
  const now = new Date();
  const seasoned = users.filter((_, index) => grantsAutonomy(TIER_SPREAD[index % TIER_SPREAD.length] ?? null));
  const approvals = await seasonUsers(client, seasoned, runId, now);
  out(`   ${users.length} users created; ${seasoned.length} with autonomy given history (${approvals} approvals answered, untimed)`);
  const load = new LoadClient(api.url, token);
  cleanup.add('stop the load worker', () => load.close());
  const timed = await timedRuns(load, users, runId, now, signals, out);
  await stop();
  if (backend.config.databaseUrl === null) await printRawWrites(backend, timed, out);

  out('   profiling the phases in-process');
  const emails = new Map(users.map((user) => [user.id, user.email]));
  const profile = await profilePhases(backend.config, emails, signalStream(users, `p${runId}`, 3, now), Math.min(PROFILE_SIGNALS, signals));
  return { name: backend.name, where: backend.where, load: [loadBefore, loadavg()[0] ?? NaN], users: users.length, batchSize: BATCH_SIZE, ...timed, profile };
}

/** The measured part: the loopback floor, a warm-up, then single and batched ingest from the load worker. */
async function timedRuns(load: LoadClient, users: BenchUser[], runId: string, now: Date, signals: number, out: (line: string) => void) {
  const health = summarize((await load.run(Array.from({ length: 200 }, () => ({ method: 'GET' as const, path: '/api/health/live' })))).ms);
  const outcomes = new Map<string, number>();
  const count = (results: { outcome?: string | null }[]) => {
    for (const result of results) outcomes.set(result.outcome ?? 'unknown', (outcomes.get(result.outcome ?? 'unknown') ?? 0) + 1);
  };
  const ingest = (body: unknown): LoadRequest => ({ method: 'POST', path: '/api/events/ingest', body });

  const warmup = signalStream(users, `w${runId}`, 11, now);
  await load.run(Array.from({ length: WARMUP_SIGNALS }, () => ingest(warmup())));

  out(`   single: ${signals} POSTs of one signal, one after another`);
  const nextSingle = signalStream(users, `s${runId}`, 1, now);
  const singleRun = await load.run(Array.from({ length: signals }, () => ingest(nextSingle())));
  for (const body of singleRun.bodies) count(ingestResults(body, 1));
  const single: ModeResult = { signals, seconds: singleRun.elapsedMs / 1000, latency: summarize(singleRun.ms), requests: signals };

  const batches = batchesByUser(signalStream(users, `b${runId}`, 2, now), signals);
  out(`   batched: ${batches.length} POSTs of up to ${BATCH_SIZE} signals`);
  const batchedFrom = new Date();
  const batchedRun = await load.run(batches.map((batch) => ingest({ signals: batch })));
  const batchedTo = new Date();
  batchedRun.bodies.forEach((body, index) => count(ingestResults(body, batches[index]?.length ?? 0)));
  const batched: ModeResult = { signals, seconds: batchedRun.elapsedMs / 1000, latency: summarize(batchedRun.ms), requests: batches.length };
  return { health, single, drift: driftOf(singleRun.ms), batched, outcomes, batchedWindow: { from: batchedFrom, to: batchedTo } };
}

/** Batched ingest as a fraction of inserting the same rows straight through Kysely and PGlite. */
async function printRawWrites(backend: BenchBackend, timed: Awaited<ReturnType<typeof timedRuns>>, out: (line: string) => void): Promise<void> {
  out('   raw writes: the batched run\'s rows inserted again into a fresh database, no pipeline');
  const raw = await rawWrites(backend.config, timed.batchedWindow.from, timed.batchedWindow.to, BATCH_SIZE);
  const rawRate = raw.signals / raw.seconds;
  const batchedRate = timed.batched.signals / timed.batched.seconds;
  out(`   raw writes: ${raw.signals} signals in ${raw.seconds.toFixed(2)} s = ${rawRate.toFixed(0)} signals/s; batched ingest ÷ raw = ${(batchedRate / rawRate).toFixed(2)}`);
  for (const t of raw.tables) {
    out(`     ${t.table.padEnd(18)} ${t.rowsPerSignal.toFixed(2).padStart(6)} rows/signal ${(t.jsonBytesPerSignal / 1024).toFixed(2).padStart(6)} KB JSON/signal ${(t.share * 100).toFixed(1).padStart(5)} % of insert time`);
  }
}

/**
 * Users as the owner creates them; a spread of autonomy so some decisions auto-execute and queue
 * work for the outbox, as they would for real users, instead of everything staying a shadow.
 */
async function createUsers(client: ApiClient, runId: string): Promise<BenchUser[]> {
  const users: BenchUser[] = [];
  for (const [index, user] of benchUsers(USERS, runId).entries()) {
    const created = await client.call('POST', '/api/users', { email: user.email, name: user.name });
    const id = (created.body as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') throw new Error(`POST /api/users answered ${JSON.stringify(created.body).slice(0, 200)}`);
    const tiers = TIER_SPREAD[index % TIER_SPREAD.length];
    if (tiers) await client.call('PUT', `/api/users/${id}/settings`, { trustTiers: tiers });
    users.push({ ...user, id });
  }
  return users;
}

/** Four in ten users keep the observer default; the rest have granted some autonomy. */
const TIER_SPREAD: (Record<string, string> | null)[] = [
  null,
  null,
  null,
  null,
  { email: 'suggest', calendar: 'suggest' },
  { email: 'suggest', calendar: 'observer' },
  { email: 'suggest', calendar: 'suggest', finance: 'suggest' },
  { email: 'low', calendar: 'suggest' },
  { email: 'low', calendar: 'low' },
  { email: 'moderate', calendar: 'low', finance: 'low' },
];

function grantsAutonomy(tiers: Record<string, string> | null): boolean {
  return tiers !== null && Object.values(tiers).some((tier) => tier === 'low' || tier === 'moderate' || tier === 'high');
}

/** A sync worker posts one user's new mail at a time: group the stream by user, then cut into batches. */
function batchesByUser(next: () => Signal, total: number): Signal[][] {
  const byUser = new Map<string, Signal[]>();
  for (let i = 0; i < total; i++) {
    const signal = next();
    const list = byUser.get(signal.userId) ?? [];
    list.push(signal);
    byUser.set(signal.userId, list);
  }
  const batches: Signal[][] = [];
  // Round-robin over users, as a worker polling every account in turn would.
  const queues = [...byUser.values()];
  while (queues.some((queue) => queue.length > 0)) {
    for (const queue of queues) if (queue.length > 0) batches.push(queue.splice(0, BATCH_SIZE));
  }
  return batches;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
