import { chmodSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../src/config/index.js';
import { childEnv, CLI, freePort, LiveProcess, tempDataDir } from './support/processes.js';

// A person's mail credentials and database live in $SKYTWIN_DATA_DIR: only its owner may read
// them, whatever umask the shell had, and no secret shows on a command line.

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/**
 * Runs `command args…` under umask 000, the loosest a shell can have, with SKYTWIN_DATA_DIR set
 * to `dataDir`, which need not exist yet, from the directory holding it.
 */
function underUmask000(dataDir: string, command: string, args: string[], env: NodeJS.ProcessEnv): LiveProcess {
  const script = 'umask 000; export SKYTWIN_DATA_DIR="$0"; cd "$(dirname "$0")" && exec "$@"';
  return new LiveProcess(['-c', script, dataDir, command, ...args], env, '/bin/sh');
}

interface Entry {
  path: string;
  kind: 'file' | 'directory' | 'other';
  mode: number;
}

/** Every file and directory under `root`, root included; files removed during the walk are skipped. */
function walk(root: string): Entry[] {
  let stats;
  try {
    stats = lstatSync(root);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  }
  const kind = stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : 'other';
  const entry: Entry = { path: root, kind, mode: stats.mode & 0o777 };
  if (kind !== 'directory') return [entry];
  let names: string[] = [];
  try {
    names = readdirSync(root);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
  }
  return [entry, ...names.flatMap((name) => walk(join(root, name)))];
}

/** What is not owner-only: files other than 0600, directories other than 0700 (and anything else at all). */
function notPrivate(root: string): string[] {
  return walk(root)
    .filter((entry) => (entry.kind === 'file' ? entry.mode !== 0o600 : entry.kind === 'directory' ? entry.mode !== 0o700 : true))
    .map((entry) => `${entry.mode.toString(8)} ${entry.kind} ${entry.path}`);
}

describe('the data directory is private', () => {
  it('skytwin migrate under umask 000 makes only 0600 files and 0700 directories, and tightens a database left loose', async () => {
    const temp = tempDataDir();
    cleanups.push(temp.remove);
    const dataDir = join(temp.dir, 'data');
    const env = childEnv({});
    const migrate = underUmask000(dataDir, process.execPath, [CLI, 'migrate'], env);
    expect(await migrate.wait(), migrate.output).toBe(0);
    expect(migrate.output).toMatch(/migrations: applied/);
    const made = walk(dataDir);
    expect(made.filter((entry) => entry.kind === 'file').length).toBeGreaterThan(900);
    expect(notPrivate(dataDir)).toEqual([]);

    // As an install made before SkyTwin kept its files private left them: readable by everyone.
    for (const entry of made) chmodSync(entry.path, entry.kind === 'directory' ? 0o777 : 0o666);
    chmodSync(dataDir, 0o755);
    expect(lstatSync(join(dataDir, 'db', 'global', 'pg_control')).mode & 0o777).toBe(0o666);
    const again = underUmask000(dataDir, process.execPath, [CLI, 'migrate'], env);
    expect(await again.wait(), again.output).toBe(0);
    expect(again.output).toMatch(/up to date/);
    expect(lstatSync(join(dataDir, 'db', 'pg_hba.conf')).mode & 0o777).toBe(0o600);
    expect(notPrivate(dataDir)).toEqual([]);
  });

  it('npm start under umask 000 keeps every file private while running and after, and puts the demo token on no command line', async () => {
    const temp = tempDataDir();
    cleanups.push(temp.remove);
    const dataDir = join(temp.dir, 'data');
    const env = childEnv({ SKYTWIN_API_PORT: String(await freePort()), SKYTWIN_EMULATOR_PORT: String(await freePort()) });
    const supervisor = underUmask000(dataDir, join(process.cwd(), 'bin', 'skytwin-dev'), [], env);
    cleanups.push(async () => void (await supervisor.stop('SIGKILL')));

    // The API connected the demo user with the token, so the emulator was given it.
    await supervisor.waitFor(/demo mode: user demo@skytwin\.example \([0-9a-f-]{36}\) is connected to the Google emulator/, 60_000);
    await supervisor.waitFor(/SkyTwin is ready/, 30_000);
    const commandLines = new Map<string, string[]>();
    for (const name of ['supervisor', 'emulator', 'api', 'worker']) {
      const pid = Number(readFileSync(join(dataDir, 'run', `${name}.pid`), 'utf8'));
      commandLines.set(name, readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'));
    }
    expect(commandLines.get('emulator')).toEqual(expect.arrayContaining(['emulator', '--demo-user', DEMO_ACCOUNT.email]));
    for (const [name, argv] of commandLines) {
      expect(argv.filter((arg) => arg.includes(DEMO_ACCOUNT.refreshToken)), name).toEqual([]);
    }

    const running = walk(dataDir).map((entry) => entry.path);
    for (const expected of ['api-token', 'credentials.key', 'run/db.lock', 'run/api.pid', 'logs/api.log', 'db/global/pg_control']) {
      expect(running).toContain(join(dataDir, expected));
    }
    expect(notPrivate(dataDir)).toEqual([]);

    expect(await supervisor.stop('SIGTERM'), supervisor.output).toBe(0);
    expect(notPrivate(dataDir)).toEqual([]);
  });
});
