import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext, Benchmark } from './benchmark.js';
import { withCleanup } from './cleanup.js';
import { ms, summarize, table, targetLine } from './stats.js';

/** The supervisor gives up after 5 crashes in 5 minutes: 5 kills is as many as it restarts. */
const KILLS = 5;
const RESTART_TARGET_MS = 5_000;
const READY_TARGET_MS = 10_000;
const READY_AIM_MS = 2_000;
const POLL_MS = 10;

/**
 * How fast `npm start` brings a killed API back: bin/skytwin-dev in demo mode on a fresh data
 * directory and free ports; the API is killed with SIGKILL (its pid from run/api.pid) once it is
 * ready, 5 times. Per kill: until the supervisor spawned a new API (new pid file), until that API
 * says it listens and that its database is ready, and until /api/health/ready answers 200. The
 * crashes come quickly one after another, so each restart waits out a longer backoff (100 ms
 * doubling); the figures are also given without it.
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
      const supervisor = spawn(process.execPath, [join(process.cwd(), 'bin', 'skytwin-dev')], { env, cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<void>((resolve) => supervisor.once('exit', () => resolve()));
      cleanup.add('stop the supervisor', async () => {
        if (supervisor.exitCode === null && supervisor.signalCode === null) supervisor.kill('SIGTERM');
        await exited;
      });
      // Each line with the moment it arrived: the API's own lines say when it listened and when its database was ready.
      const lines: { at: number; text: string }[] = [];
      let partial = '';
      const collect = (chunk: Buffer) => {
        const at = performance.now();
        const parts = (partial + chunk.toString()).split('\n');
        partial = parts.pop() ?? '';
        for (const text of parts) lines.push({ at, text });
      };
      supervisor.stdout.on('data', collect);
      supervisor.stderr.on('data', collect);
      const lineAfter = (since: number, pattern: RegExp) => lines.find((line) => line.at >= since && pattern.test(line.text))?.at;

      const startedAt = performance.now();
      await until('the supervisor to report SkyTwin ready', 120_000, () => lineAfter(startedAt, /SkyTwin is ready/));
      out(`restart: SkyTwin ready ${ms((lineAfter(startedAt, /SkyTwin is ready/) ?? 0) - startedAt, 0)} ms after bin/skytwin-dev started (demo mode, embedded database)`);

      const pidFile = join(dataDir, 'run', 'api.pid');
      const readyUrl = `http://127.0.0.1:${apiPort}/api/health/ready`;
      const rows: string[][] = [['kill', 'backoff ms', 'spawned ms', 'listening ms', 'db ready ms', 'HTTP ready ms', 'ready − backoff ms']];
      const restarted: number[] = [];
      const ready: number[] = [];
      const readyLessBackoff: number[] = [];
      for (let kill = 1; kill <= KILLS; kill++) {
        const pid = readPid(pidFile);
        if (pid === null) throw new Error(`no API pid in ${pidFile}`);
        const killedAt = performance.now();
        process.kill(pid, 'SIGKILL');
        const spawned = await until('a new API pid', 30_000, () => {
          const current = readPid(pidFile);
          return current !== null && current !== pid ? performance.now() : undefined;
        });
        const answered = await untilAsync('the new API to answer ready', 60_000, async () => ((await status(readyUrl)) === 200 ? performance.now() : undefined));
        const restartLine = lines.find((line) => line.at >= killedAt && /restarting api in (\d+) ms/.test(line.text));
        const backoff = Number(/restarting api in (\d+) ms/.exec(restartLine?.text ?? '')?.[1] ?? NaN);
        const listening = lineAfter(killedAt, /\[api\].*api listening on/);
        const dbReady = lineAfter(killedAt, /\[api\].*api ready: database connected and migrated/);
        restarted.push(spawned - killedAt);
        ready.push(answered - killedAt);
        readyLessBackoff.push(answered - killedAt - backoff);
        rows.push([
          String(kill),
          String(backoff),
          ms(spawned - killedAt, 0),
          listening === undefined ? '-' : ms(listening - killedAt, 0),
          dbReady === undefined ? '-' : ms(dbReady - killedAt, 0),
          ms(answered - killedAt, 0),
          ms(answered - killedAt - backoff, 0),
        ]);
      }
      for (const row of table(rows)) out(`restart: ${row}`);
      const restart = summarize(restarted);
      const readiness = summarize(ready);
      const net = summarize(readyLessBackoff);
      out(`restart: kill → new API spawned   median ${ms(restart.p50, 0)} ms, max ${ms(restart.max, 0)} ms`);
      out(`restart: kill → /api/health/ready median ${ms(readiness.p50, 0)} ms, max ${ms(readiness.max, 0)} ms (without the backoff: median ${ms(net.p50, 0)} ms, max ${ms(net.max, 0)} ms)`);
      out(`restart: ${targetLine({ label: 'restart (max)', measured: restart.max, target: RESTART_TARGET_MS, kind: 'max', unit: 'ms' })}`);
      out(`restart: ${targetLine({ label: 'ready (max)', measured: readiness.max, target: READY_TARGET_MS, kind: 'max', unit: 'ms' })}`);
      out(`restart: ${targetLine({ label: 'ready (median), aim', measured: readiness.p50, target: READY_AIM_MS, kind: 'max', unit: 'ms' })}`);
      await cleanup.run();
    }, out);
  },
};

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
