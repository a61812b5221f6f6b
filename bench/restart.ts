import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { BenchContext, Benchmark } from './benchmark.js';
import { withCleanup, type Cleanup } from './cleanup.js';
import { ms, summarize, table, targetLine } from './stats.js';

/** Single crashes of a healthy API, each under a supervisor started afresh (so no backoff carries over). */
const SINGLE_CRASHES = 5;
/** The supervisor gives up after 5 crashes in 5 minutes: the last one takes 5 in quick succession. */
const QUICK_KILLS = 5;
const READY_TARGET_MS = 1_500;
const RESTART_TARGET_MS = 5_000;
const POLL_MS = 10;

/**
 * How fast `npm start` brings a killed API back on the embedded database: bin/skytwin-dev in demo
 * mode on one data directory and free ports. First, one crash of a healthy API, as a user meets it:
 * SIGKILL (its pid from run/api.pid) once it is ready, then the time until /api/health/ready answers
 * 200 again, backoff included; five times, each under a fresh supervisor, with the phases the API
 * logs ("api start-up: …", milliseconds since its process started). Then crashes in quick
 * succession under the last supervisor, whose backoff grows, with the figures also given without it.
 */
export const restartBenchmark: Benchmark = {
  name: 'restart',
  async run({ out }: BenchContext) {
    await withCleanup(async (cleanup) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'skytwin-bench-restart-'));
      cleanup.add('remove the data directory', () => rmSync(dataDir, { recursive: true, force: true }));
      const apiPort = await freePort();
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        SKYTWIN_DATA_DIR: dataDir,
        SKYTWIN_API_PORT: String(apiPort),
        SKYTWIN_EMULATOR_PORT: String(await freePort()),
        SKYTWIN_DEMO: '1',
        LOG_LEVEL: 'warn',
      };
      const target = { pidFile: join(dataDir, 'run', 'api.pid'), readyUrl: `http://127.0.0.1:${apiPort}/api/health/ready` };

      const singles: Crash[] = [];
      let supervisor: Supervisor | null = null;
      for (let round = 1; round <= SINGLE_CRASHES; round++) {
        await supervisor?.stop();
        supervisor = await Supervisor.start(env, dataDir, cleanup);
        if (round === 1) out(`restart: SkyTwin ready ${ms(supervisor.readyAfterMs, 0)} ms after bin/skytwin-dev started (demo mode, embedded database, fresh data directory)`);
        singles.push(await crashOnce(supervisor, target));
      }
      out('restart: one crash of a healthy API (each under a fresh supervisor); "@" = ms since the new process started');
      const phaseRows = [['crash', 'backoff', 'respawn', 'node @', 'modules @', 'listening @', 'db opening @', 'db open', 'migrations', 'ready @', 'kill → ready', 'after ready']];
      singles.forEach((crash, i) => phaseRows.push([String(i + 1), ...phaseCells(crash)]));
      for (const row of table(phaseRows)) out(`restart: ${row}`);
      const median = (pick: (crash: Crash) => number | undefined) => summarize(singles.map(pick).filter((v): v is number => v !== undefined)).p50;
      const readiness = summarize(singles.map((crash) => crash.readyMs));
      out(
        `restart: where a crash's time goes (medians): respawn ${ms(median((c) => c.respawnMs), 0)} ms (backoff ${ms(median((c) => c.backoffMs), 0)}), ` +
          `node start ${ms(median((c) => c.steps.get('node started')), 0)}, modules loaded at ${ms(median((c) => c.steps.get('modules loaded')), 0)}, ` +
          `listening at ${ms(median((c) => c.steps.get('listening')), 0)}; database opened in ${ms(median(dbOpenMs), 0)} from ${ms(median((c) => c.steps.get('database opening')), 0)} ` +
          `(PGlite's WASM start and crash recovery, overlapping the modules), migrations checked in ${ms(median(migrationsMs), 0)}, ready at ${ms(median((c) => c.steps.get('ready')), 0)}; ` +
          `start-up work after ready (temporal profiles) ${ms(median((c) => c.afterReadyMs), 0)}`,
      );
      out(`restart: kill -9 → /api/health/ready 200, one crash: median ${ms(readiness.p50, 0)} ms, max ${ms(readiness.max, 0)} ms over ${singles.length}`);
      out(`restart: ${targetLine({ label: 'kill → ready (median)', measured: readiness.p50, target: READY_TARGET_MS, kind: 'max', unit: 'ms' })}`);

      if (supervisor === null) return;
      // The last supervisor has seen one crash: the rest come as soon as the API is back.
      const quick = [singles.at(-1) as Crash];
      for (let kill = 2; kill <= QUICK_KILLS; kill++) quick.push(await crashOnce(supervisor, target));
      out('restart: crashes in quick succession under one supervisor (the backoff grows)');
      const rows = [['kill', 'backoff ms', 'spawned ms', 'listening ms', 'db ready ms', 'HTTP ready ms', 'ready − backoff ms']];
      quick.forEach((crash, i) =>
        rows.push([
          String(i + 1),
          ms(crash.backoffMs, 0),
          ms(crash.spawnedMs, 0),
          ms(crash.listeningMs ?? NaN, 0),
          ms(crash.dbReadyMs ?? NaN, 0),
          ms(crash.readyMs, 0),
          ms(crash.readyMs - crash.backoffMs, 0),
        ]),
      );
      for (const row of table(rows)) out(`restart: ${row}`);
      const restart = summarize(quick.map((crash) => crash.spawnedMs));
      const repeated = summarize(quick.map((crash) => crash.readyMs));
      const net = summarize(quick.map((crash) => crash.readyMs - crash.backoffMs));
      out(`restart: kill → new API spawned   median ${ms(restart.p50, 0)} ms, max ${ms(restart.max, 0)} ms`);
      out(`restart: kill → /api/health/ready median ${ms(repeated.p50, 0)} ms, max ${ms(repeated.max, 0)} ms (without the backoff: median ${ms(net.p50, 0)} ms, max ${ms(net.max, 0)} ms)`);
      out(`restart: ${targetLine({ label: 'restart (max)', measured: restart.max, target: RESTART_TARGET_MS, kind: 'max', unit: 'ms' })}`);
      await cleanup.run();
    }, out);
  },
};

/** One kill, measured from the bench's side and from the new API's own start-up line. */
interface Crash {
  backoffMs: number;
  /** Kill → the new process's start (its performance.timeOrigin): noticing, backoff, fork and exec. */
  respawnMs: number | undefined;
  /** Kill → a new pid in run/api.pid. */
  spawnedMs: number;
  listeningMs: number | undefined;
  dbReadyMs: number | undefined;
  /** Kill → /api/health/ready answered 200. */
  readyMs: number;
  /** The API's start-up steps, ms since its process started. */
  steps: Map<string, number>;
  afterReadyMs: number | undefined;
}

const dbOpenMs = (crash: Crash) => difference(crash.steps.get('database open'), crash.steps.get('database opening'));
const migrationsMs = (crash: Crash) => difference(crash.steps.get('ready'), crash.steps.get('database open'));

function difference(later: number | undefined, earlier: number | undefined): number | undefined {
  return later === undefined || earlier === undefined ? undefined : later - earlier;
}

function phaseCells(crash: Crash): string[] {
  const at = (step: string) => ms(crash.steps.get(step) ?? NaN, 0);
  return [
    ms(crash.backoffMs, 0),
    ms(crash.respawnMs ?? NaN, 0),
    at('node started'),
    at('modules loaded'),
    at('listening'),
    at('database opening'),
    ms(dbOpenMs(crash) ?? NaN, 0),
    ms(migrationsMs(crash) ?? NaN, 0),
    at('ready'),
    ms(crash.readyMs, 0),
    ms(crash.afterReadyMs ?? NaN, 0),
  ];
}

async function crashOnce(supervisor: Supervisor, target: { pidFile: string; readyUrl: string }): Promise<Crash> {
  const pid = readPid(target.pidFile);
  if (pid === null) throw new Error(`no API pid in ${target.pidFile}`);
  const killedAt = performance.now();
  process.kill(pid, 'SIGKILL');
  const spawned = await until('a new API pid', 30_000, () => {
    const current = readPid(target.pidFile);
    return current !== null && current !== pid ? performance.now() : undefined;
  });
  const answered = await untilAsync('the new API to answer ready', 60_000, async () => ((await status(target.readyUrl)) === 200 ? performance.now() : undefined));
  // An API from before the start-up line was logged leaves the phases empty.
  const startUp = await untilAsync('the API to log its start-up', 5_000, async () =>
    supervisor.textAfter(killedAt, /\[api\].*api start-up: (.*) after the process started \(at (\S+)\)/),
  ).catch(() => undefined);
  const rebuilt = await untilAsync('the temporal profiles to be rebuilt', 10_000, async () =>
    supervisor.textAfter(killedAt, /\[api\].*temporal profiles (?:rebuilt .* in (\d+) ms|not rebuilt)/),
  ).catch(() => undefined);
  const steps = new Map<string, number>();
  for (const part of startUp?.[1]?.split(', ') ?? []) {
    const step = /^(.*) (\d+) ms$/.exec(part);
    if (step) steps.set(step[1] as string, Number(step[2]));
  }
  const processStart = Date.parse(startUp?.[2] ?? '');
  const killedAtEpoch = performance.timeOrigin + killedAt;
  const after = (line: number | undefined) => (line === undefined ? undefined : line - killedAt);
  return {
    backoffMs: Number(supervisor.textAfter(killedAt, /restarting api in (\d+) ms/)?.[1] ?? NaN),
    respawnMs: Number.isFinite(processStart) ? processStart - killedAtEpoch : undefined,
    spawnedMs: spawned - killedAt,
    listeningMs: after(supervisor.lineAfter(killedAt, /\[api\].*api listening on/)),
    dbReadyMs: after(supervisor.lineAfter(killedAt, /\[api\].*api ready: database connected and migrated/)),
    readyMs: answered - killedAt,
    steps,
    afterReadyMs: rebuilt?.[1] === undefined ? undefined : Number(rebuilt[1]),
  };
}

/** bin/skytwin-dev with each line it prints and the moment it arrived. */
class Supervisor {
  private readonly lines: { at: number; text: string }[] = [];
  private partial = '';
  private readonly exited: Promise<void>;
  readyAfterMs = NaN;

  private constructor(private readonly child: ChildProcessByStdio<null, Readable, Readable>) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const collect = (chunk: Buffer) => {
      const at = performance.now();
      const parts = (this.partial + chunk.toString()).split('\n');
      this.partial = parts.pop() ?? '';
      for (const text of parts) this.lines.push({ at, text });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
  }

  static async start(env: NodeJS.ProcessEnv, dataDir: string, cleanup: Cleanup): Promise<Supervisor> {
    const startedAt = performance.now();
    const supervisor = new Supervisor(spawn(process.execPath, [join(process.cwd(), 'bin', 'skytwin-dev')], { env, cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] }));
    cleanup.add('stop the supervisor', () => supervisor.stop());
    const ready = await until('the supervisor to report SkyTwin ready', 120_000, () => supervisor.lineAfter(startedAt, /SkyTwin is ready/));
    supervisor.readyAfterMs = ready - startedAt;
    return supervisor;
  }

  lineAfter(since: number, pattern: RegExp): number | undefined {
    return this.lines.find((line) => line.at >= since && pattern.test(line.text))?.at;
  }

  textAfter(since: number, pattern: RegExp): RegExpExecArray | undefined {
    for (const line of this.lines) {
      if (line.at < since) continue;
      const match = pattern.exec(line.text);
      if (match) return match;
    }
    return undefined;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

async function status(url: string): Promise<number> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).status;
  } catch {
    return 0;
  }
}

async function until<T>(what: string, timeoutMs: number, probe: () => T | undefined): Promise<T> {
  return untilAsync(what, timeoutMs, async () => probe());
}

async function untilAsync<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}
