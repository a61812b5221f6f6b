import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAIN = join(process.cwd(), 'src', 'cli', 'main.ts');

function run(
  args: string[],
  env: Record<string, string> = {},
): { done: Promise<{ code: number | null; stdout: string; stderr: string }>; output: () => string; kill: (signal: NodeJS.Signals) => void } {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
  return { done, output: () => stdout, kill: (signal) => child.kill(signal) };
}

describe('skytwin emulator', () => {
  it('prints one line with its URL, serves the demo user, and stops cleanly on SIGTERM', async () => {
    const child = run(['emulator', '--port', '0', '--seed', '3', '--demo-user', 'ann@example.com']);
    const deadline = Date.now() + 15_000;
    while (!/emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n/.test(child.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const url = /emulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(child.output())?.[1];
    expect(url).toBeDefined();
    const health = await fetch(`${url}/_emulator/health`);
    expect(await health.json()).toEqual({ ok: true, seed: 3, accounts: 1 });
    // Gmail's per-user quota is on at SKYTWIN_GMAIL_QUOTA_UNITS_PER_MIN's default.
    expect(await (await fetch(`${url}/_emulator/quota`)).json()).toMatchObject({ gmail: { units: 6000, windowMs: 60_000 } });
    child.kill('SIGTERM');
    const finished = await child.done;
    expect(finished.code).toBe(0);
    expect(finished.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('gives the demo account the refresh token from the environment, never from the command line', async () => {
    const token = 'demo-token-from-the-environment';
    const child = run(['emulator', '--port', '0', '--demo-user', 'ann@example.com'], { SKYTWIN_EMULATOR_DEMO_REFRESH_TOKEN: token });
    const deadline = Date.now() + 15_000;
    while (!/emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n/.test(child.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const url = /emulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(child.output())?.[1];
    expect(url).toBeDefined();
    const refresh = (refreshToken: string) =>
      fetch(`${url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'skytwin-demo', client_secret: 'skytwin-demo-secret', refresh_token: refreshToken }),
      });
    expect((await refresh(token)).status).toBe(200);
    expect((await refresh('some-other-refresh-token')).status).toBe(400);
    child.kill('SIGTERM');
    expect((await child.done).code).toBe(0);

    const [flag, short] = await Promise.all([
      run(['emulator', '--demo-user', 'ann@example.com', '--demo-refresh-token', token]).done,
      run(['emulator', '--demo-user', 'ann@example.com'], { SKYTWIN_EMULATOR_DEMO_REFRESH_TOKEN: 'short' }).done,
    ]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Unknown option '--demo-refresh-token'/);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/SKYTWIN_EMULATOR_DEMO_REFRESH_TOKEN: expected at least 10 characters/);
  });

  it('takes the Gmail quota from --gmail-quota, else from SKYTWIN_GMAIL_QUOTA_UNITS_PER_MIN, and off', async () => {
    const quotaOf = async (args: string[], env: Record<string, string> = {}) => {
      const child = run(['emulator', '--port', '0', ...args], env);
      const deadline = Date.now() + 15_000;
      while (!/emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n/.test(child.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const url = /emulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(child.output())?.[1];
      const body = url === undefined ? null : ((await (await fetch(`${url}/_emulator/quota`)).json()) as { gmail: unknown });
      child.kill('SIGTERM');
      await child.done;
      return body?.gmail;
    };
    // One at a time: each is a process of its own, and the machine may be busy.
    expect(await quotaOf(['--gmail-quota', '600'])).toEqual({ units: 600, windowMs: 60_000 });
    expect(await quotaOf([], { SKYTWIN_GMAIL_QUOTA_UNITS_PER_MIN: '15000' })).toEqual({ units: 15_000, windowMs: 60_000 });
    expect(await quotaOf(['--gmail-quota', 'off'])).toBeNull();
    const bad = await run(['emulator', '--gmail-quota', '0']).done;
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--gmail-quota must be a whole number of units per minute \(at least 1\), or off/);
  }, 120_000);

  it('exits 2 with what was expected on a bad argument, and 0 for --help', async () => {
    const [bad, unknown, help] = await Promise.all([run(['emulator', '--port', 'http']).done, run(['emulator', '--colour']).done, run(['emulator', '--help']).done]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--port must be a port number/);
    expect(bad.stderr).toMatch(/Usage: skytwin emulator/);
    expect(unknown.code).toBe(2);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--demo-user EMAIL/);
  });
});
