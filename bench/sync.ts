import { cpus } from 'node:os';
import { embeddedBackend, postgresBackend, type BenchBackend } from './backends.js';
import type { BenchContext, Benchmark } from './benchmark.js';
import { withCleanup, type Cleanup } from './cleanup.js';
import { printSyncReport } from './sync-report.js';
import { syncRun, type SyncPlan, type SyncRunResult } from './sync-run.js';

const USERS = 200;
const MESSAGES = 50;
const EVENTS = 20;
const WARMUP_USERS = 20;
/**
 * Pairs of clean and faulty runs. Other work on a shared machine moves single runs by ±10 %, as
 * much as the margin measured; three pairs keep the full run near three minutes.
 */
const ROUNDS = 3;

/**
 * First full sync of many users: Google (the emulator) → the sync worker → the API → decisions
 * stored, clean and with a revoked user and a user whose Gmail answers 503; the healthy users'
 * throughput in the faulty runs must stay within 10 % of the clean runs'.
 */
export const syncBenchmark: Benchmark = {
  name: 'sync',
  async run({ out, env }: BenchContext) {
    const sizes: Sizes = { users: wholeNumber('BENCH_SYNC_USERS', env.BENCH_SYNC_USERS, USERS, 3), rounds: wholeNumber('BENCH_SYNC_ROUNDS', env.BENCH_SYNC_ROUNDS, ROUNDS, 1) };
    out(`sync: ${sizes.users} users × ${MESSAGES} messages and ${EVENTS} calendar events (BENCH_SYNC_USERS), first full sync against the Google emulator;` +
      ` ${sizes.rounds} clean and ${sizes.rounds} faulty runs (BENCH_SYNC_ROUNDS)`);
    out(`machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}; the API on the main thread, the sync worker and the emulator on threads of their own`);
    await benchBackend('embedded', (cleanup) => embeddedBackend(cleanup), sizes, out);
    const databaseUrl = env.DATABASE_URL?.trim();
    if (databaseUrl) {
      await benchBackend('postgresql', (cleanup) => postgresBackend(databaseUrl, cleanup), sizes, out);
    } else {
      out('');
      out('sync: DATABASE_URL is not set, so PostgreSQL is skipped');
    }
  },
};

interface Sizes {
  users: number;
  rounds: number;
}

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number of at least ${min}, not "${raw}"`);
  }
  return value;
}

/**
 * A small untimed run first, so the API's code (and the database engine) are as warm for the
 * first timed run as for the later ones; then clean and faulty runs in the order clean, faulty,
 * faulty, clean (…), so drift in the machine's load weighs on both alike. Each run starts from nothing.
 */
async function benchBackend(name: string, makeBackend: (cleanup: Cleanup) => Promise<BenchBackend>, sizes: Sizes, out: (line: string) => void): Promise<void> {
  let where = '';
  const fresh = async (cleanup: Cleanup) => {
    const backend = await makeBackend(cleanup);
    where = backend.name === 'embedded' ? 'PGlite in a fresh SKYTWIN_DATA_DIR per run' : `a fresh database per run on ${backend.where.replace(/^database \S+ on /, '')}`;
    return backend;
  };
  const plan = (users: number, faulty: boolean): SyncPlan => ({ users, messages: MESSAGES, events: EVENTS, faulty });
  const run = (p: SyncPlan): Promise<SyncRunResult> => withCleanup((cleanup) => syncRun(p, fresh, cleanup, out), out);
  const warmup = Math.min(WARMUP_USERS, sizes.users);
  out('');
  out(`-- ${name}: warm-up run (${warmup} users, untimed)`);
  await run(plan(warmup, false));
  const runs: SyncRunResult[] = [];
  for (let round = 0; round < sizes.rounds; round++) {
    for (const faulty of round % 2 === 0 ? [false, true] : [true, false]) {
      out(`-- ${name}: ${faulty ? 'faulty' : 'clean'} run (round ${round + 1} of ${sizes.rounds})`);
      runs.push(await run(plan(sizes.users, faulty)));
    }
  }
  printSyncReport({ name, where, runs }, out);
}
