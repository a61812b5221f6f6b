import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isProcessAlive, readPidFile, supervisorPaths, type ProcessSpec } from '../src/supervisor/index.js';
import { freePort } from './support/processes.js';

// The supervisor runs as a real separate process (through tsx) and is stopped with real signals.
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const supervisorModule = pathToFileURL(join(repoRoot, 'src/supervisor/index.ts')).href;

const SCRIPTS = {
  // .mts: the temp dir has no package.json saying "type": "module".
  'supervise.mts': `
    import { runSupervisor } from ${JSON.stringify(supervisorModule)};
    const options = JSON.parse(process.env.SUPERVISOR_OPTIONS ?? '{}');
    const code = await runSupervisor({ ...options, onReady: () => console.log('ALL READY') });
    process.exit(code);`,
  'migrate.mjs': `console.log('migrating'); process.exit(0);`,
  'stable.mjs': `console.log('working'); setInterval(() => {}, 1000);`,
  'ready-server.mjs': `
    import { createServer } from 'node:http';
    createServer((req, res) => res.writeHead(200).end()).listen(Number(process.env.PORT), '127.0.0.1');`,
};

interface Supervisor {
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

let dir: string;
let dataDir: string;
const started: Supervisor[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'skytwin-supervisor-e2e-'));
  dataDir = join(dir, 'data');
  for (const [name, text] of Object.entries(SCRIPTS)) writeFileSync(join(dir, name), text);
});

afterEach(async () => {
  for (const supervisor of started.splice(0)) {
    if (supervisor.process.exitCode === null && supervisor.process.signalCode === null) {
      supervisor.process.kill('SIGKILL');
      await supervisor.exited;
    }
  }
  // A supervisor killed mid-test leaves its children behind; their pid files say who they are.
  const runDir = supervisorPaths(dataDir).runDir;
  if (existsSync(runDir)) {
    for (const file of readdirSync(runDir)) {
      const pid = readPidFile(join(runDir, file));
      if (pid !== null && pid !== process.pid && isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

function node(name: string, file: keyof typeof SCRIPTS, env: Record<string, string> = {}, readyUrl?: string): ProcessSpec {
  return { name, command: process.execPath, args: [join(dir, file)], env, ...(readyUrl ? { readyUrl } : {}) };
}

function startSupervisor(options: object): Supervisor {
  const child = spawn(process.execPath, ['--import', 'tsx', join(dir, 'supervise.mts')], {
    cwd: repoRoot,
    env: { ...process.env, SUPERVISOR_OPTIONS: JSON.stringify({ dataDir, ...options }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const supervisor = { process: child, output: () => text, exited };
  started.push(supervisor);
  return supervisor;
}

/** The deadline only bounds a failing run: generous, since a busy machine starts node processes slowly. */
async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}


describe('supervisor as a separate process', () => {
  it('migrates, reports ready, restarts a SIGKILLed child within 5 s, and on SIGTERM stops everything and exits 0', async () => {
    const port = await freePort();
    const paths = supervisorPaths(dataDir);
    const supervisor = startSupervisor({
      migrate: node('migrate', 'migrate.mjs'),
      processes: [node('api', 'ready-server.mjs', { PORT: String(port) }, `http://127.0.0.1:${port}/api/health/ready`), node('worker', 'stable.mjs')],
    });
    await waitFor('ready', () => supervisor.output().includes('ALL READY'));
    expect(supervisor.output()).toContain('[migrate] migrating');
    expect(supervisor.output()).toContain('[supervisor] api ready');
    expect(readPidFile(paths.supervisorPidFile)).toBe(supervisor.process.pid);

    const worker = await waitFor('worker pid', () => readPidFile(paths.pidFile('worker')) ?? undefined);
    const killedAt = Date.now();
    process.kill(worker, 'SIGKILL');
    const restarted = await waitFor('worker restart', () => {
      const pid = readPidFile(paths.pidFile('worker'));
      return pid !== null && pid !== worker ? pid : undefined;
    });
    expect(Date.now() - killedAt).toBeLessThan(5_000);
    expect(supervisor.output()).toContain('[supervisor] restarting worker in 0 ms (exit signal SIGKILL; crash 1 in the last 5 min');

    const api = readPidFile(paths.pidFile('api')) ?? 0;
    expect(isProcessAlive(api)).toBe(true);
    supervisor.process.kill('SIGTERM');
    expect(await supervisor.exited).toBe(0);
    expect(isProcessAlive(api)).toBe(false);
    expect(isProcessAlive(restarted)).toBe(false);
    expect(readdirSync(paths.runDir).filter((file) => file.endsWith('.pid'))).toEqual([]);
    expect(supervisor.output()).toContain('[supervisor] SIGTERM: stopping api, worker');
  });

  it('refuses a second supervisor on the same data directory, and stops on SIGINT', async () => {
    const first = startSupervisor({ migrate: null, processes: [node('worker', 'stable.mjs')] });
    await waitFor('first ready', () => first.output().includes('ALL READY'));
    const second = startSupervisor({ migrate: null, processes: [node('other', 'stable.mjs')] });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`another supervisor is already running (pid ${first.process.pid}`);
    expect(second.output()).not.toContain('[other]');

    first.process.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(existsSync(supervisorPaths(dataDir).supervisorPidFile)).toBe(false);
  });
});
