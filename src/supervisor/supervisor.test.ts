import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { freePort } from '../../test/support/processes.js';
import { isProcessAlive, readPidFile, supervisorPaths } from './pid-files.js';
import { runSupervisor } from './supervisor.js';
import type { ProcessSpec, SupervisorOptions } from './types.js';

// Children are small node scripts; each behaves in one way the supervisor must handle.
const SCRIPTS = {
  'stable.mjs': `
    import { existsSync } from 'node:fs';
    console.log('hello from ' + process.env.WHO);
    console.error('to stderr');
    if (process.env.MARKER) console.log('saw migration: ' + existsSync(process.env.MARKER));
    setInterval(() => {}, 1000);`,
  'crash-once.mjs': `
    import { existsSync, writeFileSync } from 'node:fs';
    if (!existsSync(process.env.MARKER)) {
      writeFileSync(process.env.MARKER, 'crashed');
      setTimeout(() => process.exit(3), 100);
    }
    console.log('up');
    setInterval(() => {}, 1000);`,
  'crash-now.mjs': `console.log('dying'); process.exit(7);`,
  'ready-server.mjs': `
    import { createServer } from 'node:http';
    const started = Date.now();
    createServer((req, res) => res.writeHead(Date.now() - started > 300 ? 200 : 503).end())
      .listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));`,
  'ignore-term.mjs': `process.on('SIGTERM', () => console.log('ignoring SIGTERM')); console.log('stubborn'); setInterval(() => {}, 1000);`,
  'migrate.mjs': `
    import { writeFileSync } from 'node:fs';
    console.log('migrating');
    writeFileSync(process.env.MARKER, 'done');
    process.exit(Number(process.env.EXIT_CODE ?? '0'));`,
};

interface Running {
  result: Promise<number>;
  output: () => string;
  stop: () => void;
}

let dir: string;
let dataDir: string;
const running: Running[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'skytwin-supervisor-'));
  dataDir = join(dir, 'data');
  for (const [name, text] of Object.entries(SCRIPTS)) writeFileSync(join(dir, name), text);
});

afterEach(async () => {
  for (const run of running.splice(0)) {
    run.stop();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([run.result.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, 20_000)))]);
    clearTimeout(timer);
    // Safety net should the supervisor under test fail to stop a child: kill every pid it started.
    for (const match of run.output().matchAll(/started \S+ \(pid (\d+)\)/g)) {
      const pid = Number(match[1]);
      if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

function script(name: string, file: keyof typeof SCRIPTS, env: Record<string, string> = {}, readyUrl?: string): ProcessSpec {
  return { name, command: process.execPath, args: [join(dir, file)], env: { WHO: name, ...env }, ...(readyUrl ? { readyUrl } : {}) };
}

function start(options: Omit<SupervisorOptions, 'dataDir' | 'stdout' | 'signal' | 'handleSignals'>): Running {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const controller = new AbortController();
  const run: Running = {
    result: runSupervisor({ restart: { firstDelayMs: 20, delayMs: 20, maxDelayMs: 100 }, ...options, dataDir, stdout, signal: controller.signal, handleSignals: false }),
    output: () => text,
    stop: () => controller.abort(),
  };
  running.push(run);
  return run;
}

/**
 * Polls until `probe` answers; the deadline only bounds a failing run, so it is generous: children
 * are real node processes, and a busy machine can take seconds to start each.
 */
async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const count = (text: string, needle: string) => text.split(needle).length - 1;
const paths = () => supervisorPaths(dataDir);


describe('runSupervisor', () => {
  it('migrates first, prefixes output on stdout, appends stamped lines to the logs, and stops cleanly', async () => {
    const marker = join(dir, 'migrated');
    const run = start({
      migrate: script('migrate', 'migrate.mjs', { MARKER: marker }),
      processes: [script('web', 'stable.mjs', { MARKER: marker })],
    });
    // stdout and stderr are separate pipes read in no fixed order: wait for every line.
    const lines = ['[migrate] migrating\n', '[supervisor] migrate done\n', '[web] hello from web\n', '[web] to stderr\n', '[web] saw migration: true\n'];
    await waitFor('web output', () => lines.every((line) => run.output().includes(line)));
    const out = run.output();
    expect(out).toContain('[migrate] migrating\n');
    expect(out).toContain('[supervisor] migrate done\n');
    expect(out).toContain('[web] hello from web\n');
    expect(out).toContain('[web] to stderr\n');
    expect(out.indexOf('[migrate] migrating')).toBeLessThan(out.indexOf('[web] hello from web'));

    const pid = readPidFile(paths().pidFile('web'));
    expect(pid).not.toBeNull();
    expect(isProcessAlive(pid ?? 0)).toBe(true);
    expect(readPidFile(paths().supervisorPidFile)).toBe(process.pid);

    run.stop();
    expect(await run.result).toBe(0);
    expect(isProcessAlive(pid ?? 0)).toBe(false);
    expect(existsSync(paths().pidFile('web'))).toBe(false);
    expect(existsSync(paths().supervisorPidFile)).toBe(false);
    const log = readFileSync(paths().logFile('web'), 'utf8');
    // Every line starts with the ISO time it arrived, then the program's own text.
    const unstamped = (text: string) => text.replace(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /gm, '');
    // stdout and stderr are separate pipes, so only each line (not their order) is certain.
    expect(unstamped(log).split('\n').sort()).toEqual(['', 'hello from web', 'saw migration: true', 'to stderr']);
    expect(log).not.toContain('[web]');
    expect(unstamped(readFileSync(paths().logFile('migrate'), 'utf8'))).toBe('migrating\n');
    expect(readFileSync(paths().logFile('supervisor'), 'utf8')).toContain('all processes stopped');
  });

  it('starts nothing and exits non-zero when the migration fails', async () => {
    const run = start({
      migrate: script('migrate', 'migrate.mjs', { MARKER: join(dir, 'migrated'), EXIT_CODE: '4' }),
      processes: [script('web', 'stable.mjs')],
    });
    expect(await run.result).toBe(1);
    expect(run.output()).toContain('[supervisor] migrate failed (exit code 4); starting nothing');
    expect(run.output()).not.toContain('[web]');
    expect(existsSync(paths().pidFile('web'))).toBe(false);
    expect(existsSync(paths().supervisorPidFile)).toBe(false);
  });

  it('restarts a process that crashes after 100 ms and rewrites its pid file', async () => {
    const run = start({ migrate: null, processes: [script('flaky', 'crash-once.mjs', { MARKER: join(dir, 'crashed') })] });
    const firstPid = await waitFor('first pid', () => readPidFile(paths().pidFile('flaky')) ?? undefined);
    await waitFor('restart', () => run.output().includes('[supervisor] restarting flaky in 20 ms (exit code 3; crash 1 in the last 5 min'));
    const secondPid = await waitFor('new pid', () => {
      const pid = readPidFile(paths().pidFile('flaky'));
      return pid !== null && pid !== firstPid ? pid : undefined;
    });
    expect(isProcessAlive(secondPid)).toBe(true);
    await waitFor('second run output', () => count(run.output(), '[flaky] up') === 2);
  });

  it('restarts a child killed with SIGKILL within 5 s, with the default backoff', async () => {
    const run = start({ migrate: null, processes: [script('api', 'stable.mjs')], restart: {} });
    const pid = await waitFor('pid', () => readPidFile(paths().pidFile('api')) ?? undefined);
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    const newPid = await waitFor('restart', () => {
      const current = readPidFile(paths().pidFile('api'));
      return current !== null && current !== pid ? current : undefined;
    });
    expect(Date.now() - killedAt).toBeLessThan(5_000);
    expect(isProcessAlive(newPid)).toBe(true);
    expect(run.output()).toContain('[supervisor] restarting api in 0 ms (exit signal SIGKILL; crash 1 in the last 5 min, 5 restarts allowed)');
  });

  it('gives up on a process that keeps crashing while the others keep running', async () => {
    const run = start({ migrate: null, processes: [script('crasher', 'crash-now.mjs'), script('steady', 'stable.mjs')] });
    await waitFor('give-up', () => run.output().includes('[supervisor] max restarts exceeded for crasher'));
    const startsAtGiveUp = count(run.output(), 'started crasher');
    expect(count(run.output(), 'restarting crasher')).toBe(5);
    // Quick crashes in a row: 20 ms for the first, then doubling from 20 ms up to the 100 ms cap.
    expect([...run.output().matchAll(/restarting crasher in (\d+) ms/g)].map((match) => Number(match[1]))).toEqual([20, 20, 40, 80, 100]);
    expect(startsAtGiveUp).toBe(6);
    expect(existsSync(paths().pidFile('crasher'))).toBe(false);

    // Nothing announces a restart that does not happen: watch for one over a while (longer than
    // the 100 ms longest backoff). A slow machine can only make this miss a bug, never fail.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(count(run.output(), 'started crasher')).toBe(startsAtGiveUp);
    const steady = readPidFile(paths().pidFile('steady'));
    expect(isProcessAlive(steady ?? 0)).toBe(true);
    run.stop();
    expect(await run.result).toBe(0);
  });

  it('exits 1 once every process has exceeded its restarts', async () => {
    const run = start({ migrate: null, processes: [script('crasher', 'crash-now.mjs')], restart: { maxRestarts: 2, delayMs: 10, maxDelayMs: 10 } });
    expect(await run.result).toBe(1);
    expect(count(run.output(), 'restarting crasher')).toBe(2);
    expect(run.output()).toContain('max restarts exceeded for crasher');
    expect(run.output()).toContain('every process has exceeded its restarts');
    expect(existsSync(paths().supervisorPidFile)).toBe(false);
  });

  it('on shutdown cancels a restart still waiting out its delay', async () => {
    const run = start({ migrate: null, processes: [script('crasher', 'crash-now.mjs')], restart: { firstDelayMs: 60_000, delayMs: 60_000, maxDelayMs: 60_000 } });
    await waitFor('pending restart', () => run.output().includes('[supervisor] restarting crasher in 1 min (exit code 7; crash 1'));
    run.stop();
    expect(await run.result).toBe(0);
    expect(run.output()).toContain('[supervisor] cancelled the pending restart of crasher\n');
    expect(count(run.output(), 'started crasher')).toBe(1);
    expect(existsSync(paths().pidFile('crasher'))).toBe(false);
  });

  it('logs "<name> ready" once the readiness URL answers 200, then calls onReady', async () => {
    const port = await freePort();
    let readyCalls = 0;
    const run = start({
      migrate: null,
      processes: [script('api', 'ready-server.mjs', { PORT: String(port) }, `http://127.0.0.1:${port}/ready`), script('worker', 'stable.mjs')],
      onReady: () => readyCalls++,
    });
    await waitFor('ready', () => run.output().includes('[supervisor] api ready\n'));
    expect(run.output()).toContain('[api] listening');
    await waitFor('onReady', () => readyCalls === 1);
  });

  it('sends SIGKILL to a child that ignores SIGTERM once the grace period is over', async () => {
    // The grace period is what the child gets to run its SIGTERM handler and print before the
    // SIGKILL, so it is long enough for a busy machine to schedule it.
    const graceMs = 2_000;
    const run = start({ migrate: null, processes: [script('stubborn', 'ignore-term.mjs')], shutdownTimeoutMs: graceMs });
    await waitFor('start', () => run.output().includes('[stubborn] stubborn'));
    const pid = readPidFile(paths().pidFile('stubborn')) ?? 0;
    const stoppedAt = Date.now();
    run.stop();
    expect(await run.result).toBe(0);
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(graceMs - 50);
    expect(run.output()).toContain('[stubborn] ignoring SIGTERM');
    expect(run.output()).toContain('stubborn did not stop after SIGTERM; sent SIGKILL');
    expect(isProcessAlive(pid)).toBe(false);
    expect(existsSync(paths().pidFile('stubborn'))).toBe(false);
  });

  it('refuses to start while another live supervisor holds the pid file', async () => {
    mkdirSync(paths().runDir, { recursive: true });
    writeFileSync(paths().supervisorPidFile, `${process.ppid}\n`);
    const run = start({ migrate: null, processes: [script('web', 'stable.mjs')] });
    expect(await run.result).toBe(1);
    expect(run.output()).toContain(`[supervisor] another supervisor is already running (pid ${process.ppid}`);
    expect(run.output()).not.toContain('[web]');
    expect(readPidFile(paths().supervisorPidFile)).toBe(process.ppid);
  });
});
