import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Signal } from '../src/domain/index.js';
import type { BenchContext, Benchmark } from './benchmark.js';
import { withCleanup } from './cleanup.js';
import { ApiClient, createUsers, ingestResults } from './http.js';
import { signalStream } from './signals.js';
import { table } from './stats.js';

const USERS = 50;
const BATCH_SIZE = 100;
const DEFAULT_CHECKPOINTS = [10_000, 50_000, 100_000, 150_000];
/** Where the tail is judged: from this many signals on, RSS should no longer climb. */
const FLAT_FROM = 100_000;
const IDLE_MS = 5_000;
const IDLE_TARGET_MB = 200;
const LOADED_TARGET_MB = 300;
/** MB per 10,000 signals past FLAT_FROM still counted as flat: allocator noise, not a leak. */
const FLAT_SLOPE_MB = 5;
/** V8 reserves each WebAssembly memory with guard pages: a no-access mapping at least this large. */
const WASM_GUARD_BYTES = 4n * 1024n ** 3n;

interface Reading {
  label: string;
  signals: number;
  rssMb: number;
  hwmMb: number;
  anonMb: number;
  fileMb: number;
  wasmMb: number;
  threads: number;
}

/**
 * The API's resident memory as `npm start` runs it: bin/skytwin-dev in demo mode on a fresh data
 * directory (embedded database), the API's pid from run/api.pid. Figures come from the kernel
 * (/proc/<pid>/status and smaps), read once idle after start, then after each checkpoint of
 * signals posted in batches of 100, each time after a short idle. The API exposes no V8 heap
 * figures, so the split is what the kernel sees: PGlite's WebAssembly memory, other anonymous
 * memory (V8 heaps, code, malloc), and file-backed pages (the node binary, libraries).
 * BENCH_MEMORY_SIGNALS="10000,50000" sets the checkpoints (default 10k, 50k, 100k, 150k).
 */
export const memoryBenchmark: Benchmark = {
  name: 'memory',
  async run({ out, env }: BenchContext) {
    const checkpoints = checkpointsFrom(env.BENCH_MEMORY_SIGNALS);
    await withCleanup(async (cleanup) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'skytwin-bench-memory-'));
      cleanup.add('remove the data directory', () => rmSync(dataDir, { recursive: true, force: true }));
      const apiPort = await freePort();
      const childEnv: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        SKYTWIN_DATA_DIR: dataDir,
        SKYTWIN_API_PORT: String(apiPort),
        SKYTWIN_EMULATOR_PORT: String(await freePort()),
        SKYTWIN_DEMO: '1',
        LOG_LEVEL: 'warn',
      };
      const supervisor = spawn(process.execPath, [join(process.cwd(), 'bin', 'skytwin-dev')], { env: childEnv, cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<void>((resolve) => supervisor.once('exit', () => resolve()));
      cleanup.add('stop the supervisor', async () => {
        if (supervisor.exitCode === null && supervisor.signalCode === null) supervisor.kill('SIGTERM');
        await exited;
      });
      const ready = new Promise<void>((resolve, reject) => {
        let seen = '';
        const watch = (chunk: Buffer) => {
          seen = (seen + chunk.toString()).slice(-4_096);
          if (/SkyTwin is ready/.test(seen)) resolve();
        };
        supervisor.stdout.on('data', watch);
        supervisor.stderr.on('data', watch);
        void exited.then(() => reject(new Error(`bin/skytwin-dev exited before SkyTwin was ready: ${seen.slice(-500)}`)));
      });
      const started = performance.now();
      await ready;
      const pid = readPid(join(dataDir, 'run', 'api.pid'));
      out(`memory: SkyTwin ready in ${((performance.now() - started) / 1000).toFixed(1)} s (bin/skytwin-dev, demo mode, embedded database); API pid ${pid}`);
      out(`memory: checkpoints ${checkpoints.join(', ')} signals (BENCH_MEMORY_SIGNALS), ${USERS} users, batches of ${BATCH_SIZE}, ${IDLE_MS / 1000} s idle before each reading`);

      const readings: Reading[] = [];
      const take = async (label: string, signals: number) => {
        await idle(IDLE_MS);
        const reading = { label, signals, ...readMemory(pid) };
        readings.push(reading);
        out(`memory: ${label.padEnd(18)} RSS ${reading.rssMb.toFixed(0)} MB (peak ${reading.hwmMb.toFixed(0)} MB)`);
      };
      await take('idle after start', 0);

      const client = new ApiClient(`http://127.0.0.1:${apiPort}`, readFileSync(join(dataDir, 'api-token'), 'utf8').trim());
      const runId = randomBytes(3).toString('hex');
      const users = await createUsers(client, USERS, runId);
      const nextBatch = batchesByUser(signalStream(users, `m${runId}`, 5, new Date()));
      let posted = 0;
      const ingestStarted = performance.now();
      for (const checkpoint of checkpoints) {
        while (posted < checkpoint) {
          const batch = nextBatch();
          ingestResults((await client.call('POST', '/api/events/ingest', { signals: batch })).body, batch.length);
          posted += batch.length;
        }
        const seconds = (performance.now() - ingestStarted) / 1000;
        out(`memory: ${posted} signals posted (${(posted / seconds).toFixed(0)} signals/s so far)`);
        await take(`after ${posted / 1000}k signals`, posted);
      }
      report(readings, out);
      await cleanup.run();
    }, out);
  },
};

function report(readings: readonly Reading[], out: (line: string) => void): void {
  const rows = [['reading', 'RSS MB', 'peak MB', 'WASM MB', 'other anon MB', 'file MB', 'threads']];
  for (const r of readings) {
    rows.push([r.label, r.rssMb.toFixed(0), r.hwmMb.toFixed(0), r.wasmMb.toFixed(0), (r.anonMb - r.wasmMb).toFixed(0), r.fileMb.toFixed(0), String(r.threads)]);
  }
  out('');
  for (const row of table(rows)) out(`memory: ${row}`);
  out('memory: WASM = resident part of PGlite\'s WebAssembly memory (its Postgres heap and shared buffers); other anon = V8 heaps, compiled code, malloc');
  const idleReading = readings[0];
  if (idleReading) out(`memory: idle RSS          ${idleReading.rssMb.toFixed(0).padStart(5)} MB   target ≤ ${IDLE_TARGET_MB} MB   ${idleReading.rssMb <= IDLE_TARGET_MB ? 'target met' : 'target missed'}  measured/target ${(idleReading.rssMb / IDLE_TARGET_MB).toFixed(2)}`);
  const loaded = readings.find((r) => r.signals >= FLAT_FROM);
  if (loaded) out(`memory: RSS after ${loaded.signals / 1000}k     ${loaded.rssMb.toFixed(0).padStart(5)} MB   target ≤ ${LOADED_TARGET_MB} MB   ${loaded.rssMb <= LOADED_TARGET_MB ? 'target met' : 'target missed'}  measured/target ${(loaded.rssMb / LOADED_TARGET_MB).toFixed(2)}`);
  const tail = readings.filter((r) => r.signals >= FLAT_FROM);
  const first = tail[0];
  const last = tail[tail.length - 1];
  if (first && last && last.signals > first.signals) {
    const slope = ((last.rssMb - first.rssMb) / (last.signals - first.signals)) * 10_000;
    out(`memory: tail from ${first.signals / 1000}k to ${last.signals / 1000}k: ${slope >= 0 ? '+' : ''}${slope.toFixed(1)} MB per 10k signals (${Math.abs(slope) <= FLAT_SLOPE_MB ? 'flat' : 'not flat'}: flat means within ±${FLAT_SLOPE_MB} MB per 10k)`);
  } else {
    out(`memory: no readings past ${FLAT_FROM / 1000}k signals to judge the tail (set BENCH_MEMORY_SIGNALS)`);
  }
}

/** VmRSS and VmHWM from status; the anonymous, file-backed and WebAssembly parts from smaps. */
function readMemory(pid: number): Omit<Reading, 'label' | 'signals'> {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  const mb = (kb: number) => kb / 1024;
  return {
    rssMb: mb(field('VmRSS')),
    hwmMb: mb(field('VmHWM')),
    anonMb: mb(field('RssAnon')),
    fileMb: mb(field('RssFile') + field('RssShmem')),
    wasmMb: mb(wasmResidentKb(readFileSync(`/proc/${pid}/smaps`, 'utf8'))),
    threads: field('Threads'),
  };
}

/**
 * V8 maps a WebAssembly memory as its accessible pages followed by a guard reservation of
 * several GB with no access: the resident part of each read-write mapping that such a guard
 * directly follows is a WebAssembly heap.
 */
function wasmResidentKb(smaps: string): number {
  const mappings: { start: bigint; end: bigint; perms: string; rssKb: number }[] = [];
  for (const line of smaps.split('\n')) {
    const range = /^([0-9a-f]+)-([0-9a-f]+) (\S+)/.exec(line);
    if (range) mappings.push({ start: BigInt(`0x${range[1]}`), end: BigInt(`0x${range[2]}`), perms: range[3] as string, rssKb: 0 });
    else if (line.startsWith('Rss:')) (mappings[mappings.length - 1] as { rssKb: number }).rssKb = Number(line.split(/\s+/)[1]);
  }
  let total = 0;
  mappings.forEach((mapping, index) => {
    const guard = mappings[index + 1];
    if (mapping.perms.startsWith('rw') && guard && guard.start === mapping.end && guard.perms.startsWith('---') && guard.end - guard.start >= WASM_GUARD_BYTES) total += mapping.rssKb;
  });
  return total;
}

function checkpointsFrom(raw: string | undefined): number[] {
  if (raw === undefined || raw.trim() === '') return DEFAULT_CHECKPOINTS;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.some((value, index) => !Number.isSafeInteger(value) || value < BATCH_SIZE || value % BATCH_SIZE !== 0 || (index > 0 && value <= (values[index - 1] as number)))) {
    throw new Error(`BENCH_MEMORY_SIGNALS must be increasing multiples of ${BATCH_SIZE}, comma-separated, not "${raw}"`);
  }
  return values;
}


/** One user's signals at a time, as a sync worker posts them: a batch leaves when a user has a full one. */
function batchesByUser(next: () => Signal): () => Signal[] {
  const pending = new Map<string, Signal[]>();
  return () => {
    for (;;) {
      const signal = next();
      const queue = pending.get(signal.userId) ?? [];
      queue.push(signal);
      pending.set(signal.userId, queue);
      if (queue.length === BATCH_SIZE) {
        pending.delete(signal.userId);
        return queue;
      }
    }
  };
}

function readPid(file: string): number {
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isSafeInteger(pid) || pid <= 0) throw new Error(`no API pid in ${file}`);
  return pid;
}

/** The bench asks for quiet on purpose: memory read while a batch is still being collected is not the resting figure. */
function idle(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}
