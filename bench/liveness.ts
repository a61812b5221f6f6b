import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startApi } from '../src/api/index.js';
import { openDatabase } from '../src/store/index.js';
import { embeddedBackend } from './backends.js';
import type { BenchContext, Benchmark } from './benchmark.js';
import { withCleanup, type Cleanup } from './cleanup.js';
import { ApiClient, createUsers, ingestResults } from './http.js';
import { LoadClient, type LoadRequest } from './load.js';
import { signalStream } from './signals.js';
import { ms, summarize } from './stats.js';
import { BenchThread } from './thread.js';

/** Users the batches are spread over (BENCH_USERS): 20 by default; 1 is one user's first sync, every batch that user's. */
const DEFAULT_USERS = 20;
const BATCH_SIZE = 100;
const IN_FLIGHT = 2;
const PROBE_EVERY_MS = 25;
const TARGET_P99_MS = 20;
/** Batches each load client posts per job: small, so the run stops close to its deadline. */
const BATCHES_PER_JOB = 2;

type Placement = 'thread' | 'in process';

interface Run {
  placement: Placement;
  probe: ReturnType<typeof summarize>;
  probeFailures: number;
  signalsPerSecond: number;
}

/**
 * `/api/health/live` while batches of 100 signals are ingested at full speed (two requests in
 * flight) on the embedded database: the prober's latency against the 20 ms target, with PGlite on
 * its worker thread and, for comparison, in the API's process.
 */
export const livenessBenchmark: Benchmark = {
  name: 'liveness',
  async run({ out, env }: BenchContext) {
    const seconds = positive(env.BENCH_SECONDS, 20, 'BENCH_SECONDS');
    const rounds = positive(env.BENCH_ROUNDS, 1, 'BENCH_ROUNDS');
    const placements = placementsOf(env.BENCH_PLACEMENTS);
    const userCount = positive(env.BENCH_USERS, DEFAULT_USERS, 'BENCH_USERS');
    out(`liveness: GET /api/health/live every ${PROBE_EVERY_MS} ms from its own thread while ${IN_FLIGHT} clients post batches of ${BATCH_SIZE} signals of ${userCount} user(s) (BENCH_USERS) for ${seconds} s (BENCH_SECONDS), ${rounds} round(s) per placement (BENCH_ROUNDS), interleaved`);
    out(`machine: ${cpus().length} CPUs, node ${process.version}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const runs: Run[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const placement of placements) {
        runs.push(await withCleanup((cleanup) => measure(placement, seconds, userCount, cleanup, out, env.BENCH_PROFILE), out));
      }
    }
    out('');
    for (const placement of placements) {
      const mine = runs.filter((run) => run.placement === placement);
      const probe = summarize(mine.map((run) => run.probe.p99));
      out(`${placement.padEnd(10)} probe p99 per round ${mine.map((run) => ms(run.probe.p99, 1)).join(', ')} ms (median ${ms(probe.p50, 1)}; target ≤ ${TARGET_P99_MS} ms: ${probe.p50 <= TARGET_P99_MS ? 'met' : 'missed'}); batched ${mine.map((run) => run.signalsPerSecond.toFixed(0)).join(', ')} signals/s`);
    }
    const ratio = (pick: (run: Run) => number) => {
      const of = (placement: Placement) => summarize(runs.filter((run) => run.placement === placement).map(pick)).p50;
      return of('thread') / of('in process');
    };
    if (placements.length < 2) return;
    out(`thread ÷ in process: probe p99 ${ratio((run) => run.probe.p99).toFixed(3)}, probe max ${ratio((run) => run.probe.max).toFixed(3)}, batched signals/s ${ratio((run) => run.signalsPerSecond).toFixed(2)}`);
  },
};

async function measure(placement: Placement, seconds: number, userCount: number, cleanup: Cleanup, out: (line: string) => void, profileDir: string | undefined): Promise<Run> {
  const backend = await embeddedBackend(cleanup);
  const { config } = backend;
  const since = performance.now();
  const database = openDatabase({ databaseUrl: null, dataDir: config.dataDir, embeddedThread: placement === 'thread' });
  const api = await startApi(config, { log: () => undefined, opening: { database, since } });
  cleanup.add('stop the API', () => api.close());
  await api.ready;
  const token = readFileSync(join(config.dataDir, 'api-token'), 'utf8').trim();
  const users = await createUsers(new ApiClient(api.url, token), userCount, randomBytes(3).toString('hex'));
  const next = signalStream(users, `l${randomBytes(3).toString('hex')}`, 7, new Date());
  const batch = (): LoadRequest => ({ method: 'POST', path: '/api/events/ingest', body: { signals: Array.from({ length: BATCH_SIZE }, next) } });

  const prober = new BenchThread(new URL('./liveness-probe.ts', import.meta.url), { url: api.url, everyMs: PROBE_EVERY_MS });
  cleanup.add('stop the prober', () => prober.close());
  const clients = Array.from({ length: IN_FLIGHT }, () => new LoadClient(api.url, token));
  for (const client of clients) cleanup.add('stop a load client', () => client.close());
  // One warm-up batch per client, untimed: statements prepared, code paths compiled.
  await Promise.all(clients.map((client) => client.run([batch()])));

  // The API runs on this thread: its event-loop delay says how much of a probe's wait is the
  // API's own JavaScript (decisions, JSON) rather than the database or the machine.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  const profiler = await startProfiler(profileDir);
  await prober.call('start');
  loopDelay.enable();
  const scheduledBefore = apiThreadSchedule();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let signals = 0;
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < deadline) {
        const reply = await client.run(Array.from({ length: BATCHES_PER_JOB }, batch));
        for (const body of reply.bodies) signals += ingestResults(body, BATCH_SIZE).length;
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  const scheduledAfter = apiThreadSchedule();
  loopDelay.disable();
  const profile = await profiler?.stop(placement);
  const probed = await prober.call<{ latencies: number[]; failures: number }>('stop');
  const probe = summarize(probed.latencies);
  const signalsPerSecond = signals / elapsedSeconds;
  out(`   ${placement.padEnd(10)} ${probe.count} probes: p50 ${ms(probe.p50, 1)} ms, p99 ${ms(probe.p99, 1)} ms, max ${ms(probe.max, 1)} ms, ${probed.failures} failed; ${signals} signals in ${elapsedSeconds.toFixed(1)} s = ${signalsPerSecond.toFixed(0)} signals/s; API event-loop delay p99 ${ms(loopDelay.percentile(99) / 1e6, 1)} ms, max ${ms(loopDelay.max / 1e6, 1)} ms (load ${loadavg()[0]?.toFixed(1)})`);
  if (scheduledBefore && scheduledAfter) {
    const ran = (scheduledAfter.ranNs - scheduledBefore.ranNs) / 1e9;
    const waited = (scheduledAfter.waitedNs - scheduledBefore.waitedNs) / 1e9;
    out(`   ${''.padEnd(10)} API thread (kernel schedstat): on a CPU ${ran.toFixed(1)} s (${((100 * ran) / elapsedSeconds).toFixed(0)} % of the run), ready but waiting for a CPU ${waited.toFixed(1)} s (${((100 * waited) / elapsedSeconds).toFixed(0)} %)`);
  }
  if (profile) out(`   CPU profile of the API's thread during the run: ${profile} (read it with bench/liveness-profile.ts)`);
  return { placement, probe, probeFailures: probed.failures, signalsPerSecond };
}

/**
 * The API's thread (this process's main thread) as the kernel scheduled it: nanoseconds on a CPU
 * and nanoseconds runnable but waiting for one (Linux `schedstat`; null where there is none). On a
 * busy machine the wait is time no change to SkyTwin's code can give back.
 */
function apiThreadSchedule(): { ranNs: number; waitedNs: number } | null {
  try {
    const [ran, waited] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return ran === undefined || waited === undefined ? null : { ranNs: ran, waitedNs: waited };
  } catch {
    return null;
  }
}

/**
 * `BENCH_PROFILE=<dir>`: a CPU profile of this thread (the API's) for the measured run only,
 * sampled every 250 µs, written to the directory.
 */
async function startProfiler(dir: string | undefined): Promise<{ stop: (placement: Placement) => Promise<string> } | null> {
  if (dir === undefined || dir.trim() === '') return null;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  return {
    stop: async (placement) => {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      mkdirSync(dir, { recursive: true });
      const path = join(dir, `liveness-${placement.replace(' ', '-')}-${Date.now()}.cpuprofile`);
      writeFileSync(path, JSON.stringify(profile));
      return path;
    },
  };
}


/** `BENCH_PLACEMENTS=thread` (or `in process`) measures one placement only, e.g. under a profiler. */
function placementsOf(raw: string | undefined): readonly Placement[] {
  if (raw === undefined || raw.trim() === '') return ['thread', 'in process'];
  const wanted = raw.split(',').map((name) => name.trim());
  const known: readonly Placement[] = ['thread', 'in process'];
  const unknown = wanted.filter((name) => !known.some((placement) => placement === name));
  if (unknown.length > 0) throw new Error(`BENCH_PLACEMENTS names thread and/or "in process", not ${unknown.join(', ')}`);
  return known.filter((placement) => wanted.includes(placement));
}

function positive(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < 1) throw new Error(`${name} must be a whole number of at least 1, not "${raw}"`);
  return value;
}
