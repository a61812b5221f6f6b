import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../src/emulator/index.js';
import { childEnv, freePort, LiveProcess, poll, runCli, tempDataDir } from './support/processes.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface SyncView {
  connection: { status: string } | null;
  breaker: { state: string } | null;
}

describe('the command line while SkyTwin runs (npm start)', () => {
  it('adds and connects users through the running API, and `status` tells what needs the user', async () => {
    const temp = tempDataDir();
    cleanups.push(temp.remove);
    const port = await freePort();
    const emulatorPort = await freePort();
    const env = childEnv({
      SKYTWIN_DATA_DIR: temp.dir,
      SKYTWIN_API_PORT: String(port),
      SKYTWIN_EMULATOR_PORT: String(emulatorPort),
      // Short cycles, so three failed polls in a row (what opens a user's breaker) come quickly.
      SKYTWIN_POLL_INTERVAL_MS: '300',
      LOG_LEVEL: 'warn',
    });
    const supervisor = new LiveProcess([join(process.cwd(), 'bin', 'skytwin-dev')], env);
    cleanups.push(async () => void (await supervisor.stop('SIGKILL')));
    await supervisor.waitFor(/SkyTwin is ready\. Dashboard:/, 120_000);
    await supervisor.waitFor(/demo mode: user demo@skytwin\.example \([0-9a-f-]{36}\) is connected/, 60_000);

    const healthy = await runCli(['status'], env);
    expect(healthy.code, healthy.stdout + healthy.stderr).toBe(0);
    expect(healthy.stdout).toContain(`dashboard   http://127.0.0.1:${port}/\n`);
    expect(healthy.stdout).toMatch(/^demo mode   on: Google is played by the local emulator$/m);
    expect(healthy.stdout).toMatch(new RegExp(`^supervisor  running \\(pid ${supervisor.child.pid}\\)$`, 'm'));
    expect(healthy.stdout).toMatch(/^api         running \(pid \d+\)  live: ok  ready: ok$/m);
    expect(healthy.stdout).toMatch(/^worker      running \(pid \d+\)$/m);
    expect(healthy.stdout).toMatch(/^emulator    running \(pid \d+\)  health: ok$/m);
    expect(healthy.stdout).toMatch(/^ {2}demo@skytwin\.example \([0-9a-f-]{36}\): Google connected/m);
    expect(healthy.stdout).toMatch(/all is well\n$/);

    // The API holds the embedded database: these go through it, and print what they always print.
    const ann = await runCli(['user', 'add', '--email', 'ann@example.com', '--name', 'Ann'], env);
    expect(ann.code, ann.stderr).toBe(0);
    const annId = ann.stdout.trim();
    expect(annId).toMatch(/^[0-9a-f-]{36}$/);
    const bob = await runCli(['user', 'add', '--email', 'bob@example.com'], env);
    expect(bob.code, bob.stderr).toBe(0);
    const bobId = bob.stdout.trim();
    const migrated = await runCli(['migrate'], env);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toMatch(/migrations: up to date \(the running API/);

    // Refresh tokens from standard input and from the environment: never on the command line.
    const control = new EmulatorControl(`http://127.0.0.1:${emulatorPort}`);
    const annToken = (await control.createAccount({ email: 'ann@example.com' })).refreshToken;
    const bobToken = (await control.createAccount({ email: 'bob@example.com' })).refreshToken;
    const connectAnn = await runCli(['connect', 'google', '--user', annId, '--refresh-token', '-'], env, 60_000, `${annToken}\n`);
    expect(connectAnn.code, connectAnn.stderr).toBe(0);
    expect(connectAnn.stdout).toMatch(new RegExp(`connected Google for user ${annId}`));
    const connectBob = await runCli(['connect', 'google', '--user', bobId], { ...env, SKYTWIN_GOOGLE_REFRESH_TOKEN: bobToken });
    expect(connectBob.code, connectBob.stderr).toBe(0);

    // Ann's grant is revoked; Gmail refuses every call for Bob, so his polls keep failing.
    await control.revokeRefreshTokens('ann@example.com');
    await control.expireAccessTokens('ann@example.com');
    await control.addFault({ endpoint: 'gmail.*', account: 'bob@example.com', status: 403, reason: 'forbidden', times: 10_000 });
    const token = readFileSync(join(temp.dir, 'api-token'), 'utf8').trim();
    const syncOf = async (userId: string) =>
      (await (await fetch(`http://127.0.0.1:${port}/api/users/${userId}/sync`, { headers: { authorization: `Bearer ${token}` } })).json()) as SyncView;
    await poll(async () => ((await syncOf(annId)).connection?.status === 'needs_reconnect' ? true : null), 60_000);
    await poll(async () => ((await syncOf(bobId)).breaker?.state === 'open' ? true : null), 60_000);

    const troubled = await runCli(['status'], env);
    expect(troubled.code, troubled.stdout).toBe(1);
    expect(troubled.stdout).toMatch(/^api         running/m);
    expect(troubled.stdout).toMatch(new RegExp(`^ {2}ann@example\\.com \\(${annId}\\): Google access needs reconnecting \\(Google refused the refresh token`, 'm'));
    expect(troubled.stdout).toMatch(new RegExp(`^ {2}bob@example\\.com \\(${bobId}\\): Google polls paused: circuit breaker open until \\S+ after \\d+ failed cycles \\(last error: .+\\)$`, 'm'));
    expect(troubled.stdout).toMatch(/^ {2}demo@skytwin\.example \([0-9a-f-]{36}\): Google connected/m);
    expect(troubled.stdout).toContain(`  - ann@example.com (${annId}): reconnect Google: bin/skytwin connect google --user ${annId}\n`);
    expect(troubled.stdout).toMatch(new RegExp(`  - bob@example\\.com \\(${bobId}\\): Google polls are failing and paused`));
    expect(troubled.stdout).toMatch(/^needs you \(2\):$/m);

    expect(await supervisor.stop('SIGTERM'), supervisor.output).toBe(0);
    const down = await runCli(['status'], env);
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/^supervisor  not started$/m);
    expect(down.stdout).toMatch(/^api         down  live: down \(ECONNREFUSED\)  ready: down \(ECONNREFUSED\)$/m);
    expect(down.stdout).toMatch(/the API does not answer at http:\/\/127\.0\.0\.1:\d+; start SkyTwin/);

    // The refresh tokens went through stdin and the environment: no output or log ever shows them.
    const logs = readdirSync(join(temp.dir, 'logs')).map((name) => readFileSync(join(temp.dir, 'logs', name), 'utf8'));
    for (const secret of [annToken, bobToken]) {
      expect(supervisor.output).not.toContain(secret);
      for (const log of logs) expect(log).not.toContain(secret);
    }
  }, 300_000);
});
