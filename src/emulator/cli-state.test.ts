import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const MAIN = join(process.cwd(), 'src', 'cli', 'main.ts');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** `skytwin emulator …` as a child process; `listening` resolves with its output once it serves. */
function emulator(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'emulator', '--port', '0', ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (/emulator listening on http:\/\/127\.0\.0\.1:\d+\n/.test(output)) resolve(output);
    });
    void exited.then((code) => reject(new Error(`exited (${code}) before listening:\n${output}`)));
  });
  // Observed here: a test that expects the exit never awaits it.
  listening.catch(() => undefined);
  return { child, listening, exited, output: () => output };
}

describe('skytwin emulator --state', () => {
  it('seeds the demo account once, keeps it across restarts, and saves on stop even when a second signal follows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skytwin-emulator-cli-'));
    dirs.push(dir);
    const file = join(dir, 'emulator', 'state.json');

    const first = emulator(['--demo-user', 'ann@example.com', '--state', file]);
    const started = await first.listening;
    expect(started).toContain(`emulator: no saved state in ${file}; starting fresh, saved there from now on`);
    expect(started).toMatch(/emulator: seeded the demo account ann@example\.com \(\d+ messages, 13 events\)/);
    // What stopping npm start's process group does (timeout, a service manager): SIGTERM to every
    // process, then the supervisor's own SIGTERM to its children.
    first.child.kill('SIGTERM');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ written: 'shutdown', seed: 1 });

    const second = emulator(['--demo-user', 'ann@example.com', '--state', file, '--seed', '4']);
    const restarted = await second.listening;
    expect(restarted).toContain(`emulator: restored the state from ${file} (1 accounts); it keeps its seed 1 (delete the file to start afresh with --seed 4)`);
    expect(restarted).toMatch(/emulator: kept the demo account ann@example\.com from the saved state \(\d+ messages\)/);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    writeFileSync(file, 'not json');
    const third = emulator(['--demo-user', 'ann@example.com', '--state', file]);
    const fresh = await third.listening;
    expect(fresh).toContain(`emulator: the state file ${file} cannot be used (`);
    expect(fresh).toContain(`moved it to ${file}.corrupt and starting with fresh data`);
    expect(fresh).toMatch(/emulator: seeded the demo account ann@example\.com/);
    expect(readFileSync(`${file}.corrupt`, 'utf8')).toBe('not json');
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 180_000);

  it('refuses an empty --state with exit 2 and the usage', async () => {
    const run = emulator(['--state', '']);
    expect(await run.exited).toBe(2);
    expect(run.output()).toMatch(/--state must name a file/);
    expect(run.output()).toMatch(/Usage: skytwin emulator/);
  }, 60_000);
});
