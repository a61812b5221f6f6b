import { readFileSync, statSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, freePort, LiveProcess, poll, runCli, tempDataDir } from './support/processes.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function dataDir() {
  const temp = tempDataDir();
  cleanups.push(temp.remove);
  return temp.dir;
}

describe('skytwin command line', () => {
  it('prints help, and exits 2 with what was expected on bad arguments', async () => {
    const env = childEnv({ SKYTWIN_DATA_DIR: dataDir() });
    const help = await runCli(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: skytwin <command>/);
    for (const command of ['api', 'migrate', 'status', 'user', 'worker', 'connect', 'emulator']) {
      const commandHelp = await runCli([command, '--help'], env);
      expect(commandHelp.code).toBe(0);
      expect(commandHelp.stdout).toMatch(/Usage: skytwin/);
    }
    const unknown = await runCli(['fly'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "fly"/);
    const noEmail = await runCli(['user', 'add'], env);
    expect(noEmail.code).toBe(2);
    expect(noEmail.stderr).toMatch(/--email/);
    // What POST /api/users would refuse is refused here first, whichever way the command would go.
    for (const args of [['--email', 'ann@exa_mple.com'], ['--email', 'ann@example.com', '--name', ' '], ['--email', 'ann@example.com', '--name', 'x'.repeat(201)]]) {
      const refused = await runCli(['user', 'add', ...args], env);
      expect(refused.code, args.join(' ')).toBe(2);
      expect(refused.stderr).toMatch(/--(email|name) must be/);
    }
    const noStdinToken = await runCli(['connect', 'google', '--user', '3f1c0000-0000-4000-8000-000000000000', '--refresh-token', '-'], env, 60_000, '\n');
    expect(noStdinToken.code).toBe(2);
    expect(noStdinToken.stderr).toMatch(/found no refresh token on standard input/);
    const shortEnvToken = await runCli(['connect', 'google', '--user', '3f1c0000-0000-4000-8000-000000000000'], { ...env, SKYTWIN_GOOGLE_REFRESH_TOKEN: 'short' });
    expect(shortEnvToken.code).toBe(2);
    expect(shortEnvToken.stderr).toMatch(/SKYTWIN_GOOGLE_REFRESH_TOKEN/);
    expect(shortEnvToken.stderr).not.toMatch(/short/);
    const extra = await runCli(['migrate', 'now'], env);
    expect(extra.code).toBe(2);
    const provider = await runCli(['connect', 'outlook', '--user', '3f1c0000-0000-4000-8000-000000000000'], env);
    expect(provider.code).toBe(2);
    expect(provider.stderr).toMatch(/only google/);
    const noUser = await runCli(['connect', 'google', '--user', 'ann'], env);
    expect(noUser.code).toBe(2);
    expect(noUser.stderr).toMatch(/--user must be a user id/);
    const badPort = await runCli(['emulator', '--port', 'x'], env);
    expect(badPort.code).toBe(2);
    const workerArgs = await runCli(['worker', '--now'], env);
    expect(workerArgs.code).toBe(2);
  });

  it('says plainly that connecting needs the running API', async () => {
    const dir = dataDir();
    const env = childEnv({ SKYTWIN_DATA_DIR: dir, SKYTWIN_API_PORT: '1' });
    const noToken = await runCli(['connect', 'google', '--user', '3f1c0000-0000-4000-8000-000000000000', '--refresh-token', '1//0123456789abcdef'], env);
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/start SkyTwin first/);
  });

  it('stops on an invalid setting with one line naming it', async () => {
    const result = await runCli(['migrate'], childEnv({ SKYTWIN_DATA_DIR: dataDir(), SKYTWIN_API_PORT: 'abc' }));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/SKYTWIN_API_PORT/);
    const rate = await runCli(['migrate'], childEnv({ SKYTWIN_DATA_DIR: dataDir(), SKYTWIN_RATE_LIMIT: 'lots' }));
    expect(rate.stderr).toMatch(/SKYTWIN_RATE_LIMIT: expected requests\/window/);
  });

  it('migrates, adds a user, serves it, and stops cleanly on SIGTERM', async () => {
    const dir = dataDir();
    const env = childEnv({ SKYTWIN_DATA_DIR: dir, SKYTWIN_API_PORT: '0', LOG_LEVEL: 'warn' });
    const migrated = await runCli(['migrate'], env);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stdout).toMatch(/migrations: applied/);
    expect((await runCli(['migrate'], env)).stdout).toMatch(/up to date/);
    const added = await runCli(['user', 'add', '--email', 'ann@example.com', '--name', 'Ann'], env);
    expect(added.code, added.stderr).toBe(0);
    const userId = added.stdout.trim();
    expect(userId).toMatch(/^[0-9a-f-]{36}$/);

    const api = new LiveProcess([join(process.cwd(), 'dist', 'cli', 'main.js'), 'api'], env);
    cleanups.push(async () => void (await api.stop('SIGKILL')));
    const [, url] = await api.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const live = await fetch(`${url}/api/health/live`);
    expect(live.status).toBe(200);
    await poll(async () => ((await fetch(`${url}/api/health/ready`)).status === 200 ? true : null), 20_000);
    const token = readFileSync(join(dir, 'api-token'), 'utf8').trim();
    expect(statSync(join(dir, 'api-token')).mode & 0o777).toBe(0o600);
    const users = await fetch(`${url}/api/users/${userId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(await users.json()).toMatchObject({ id: userId, email: 'ann@example.com' });

    const status = await runCli(['status'], { ...env, SKYTWIN_API_URL: url ?? '' });
    expect(status.code, status.stdout).toBe(0);
    expect(status.stdout).toMatch(/ready: ok/);

    // While the API holds the embedded database, commands go through it instead of opening it.
    const viaApi = { ...env, SKYTWIN_API_URL: url ?? '' };
    const migrateNow = await runCli(['migrate'], viaApi);
    expect(migrateNow.code, migrateNow.stderr).toBe(0);
    expect(migrateNow.stdout).toMatch(/migrations: up to date \(the running API at http:\/\/127\.0\.0\.1:\d+ migrated the embedded database/);
    const bob = await runCli(['user', 'add', '--email', 'bob@example.com'], viaApi);
    expect(bob.code, bob.stderr).toBe(0);
    expect(bob.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
    expect(bob.stderr).toMatch(/user token \(shown once\): stu/);
    const served = await fetch(`${url}/api/users/${bob.stdout.trim()}`, { headers: { authorization: `Bearer ${token}` } });
    expect(await served.json()).toMatchObject({ email: 'bob@example.com', name: null });
    // The same refusal, line and exit code as without the API.
    const twice = await runCli(['user', 'add', '--email', 'bob@example.com'], viaApi);
    expect(twice.code).toBe(1);
    expect(twice.stderr.trim()).toBe('skytwin: A user with email bob@example.com exists already');

    // No API where this command looks for it: the lock still keeps a second opener out, and says why.
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const second = await runCli(['migrate'], { ...env, SKYTWIN_API_URL: nowhere });
    expect(second.code).toBe(1);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(second.stderr).toContain(`in use by process ${api.child.pid} `);
    expect(second.stderr).toContain(`no SkyTwin API answers at ${nowhere} (ECONNREFUSED)`);
    expect(second.stderr).toMatch(/set the same here; otherwise stop that process first/);

    const started = Date.now();
    expect(await api.stop('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(existsSync(join(dir, 'run', 'db.lock'))).toBe(false);
    const down = await runCli(['status'], { ...env, SKYTWIN_API_URL: url ?? '' });
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/ready: down/);
    // Without the API the same commands open the database themselves, with the same output.
    const direct = await runCli(['user', 'add', '--email', 'bob@example.com'], env);
    expect(direct.code).toBe(1);
    expect(direct.stderr.trim()).toBe('skytwin: A user with email bob@example.com exists already');
    const carl = await runCli(['user', 'add', '--email', 'carl@example.com', '--name', 'Carl'], env);
    expect(carl.code, carl.stderr).toBe(0);
    expect(carl.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
    expect((await runCli(['migrate'], env)).stdout).toMatch(/^migrations: up to date\n$/);
  }, 240_000);

  it('refuses to open an embedded database another live process holds', async () => {
    const dir = dataDir();
    mkdirSync(join(dir, 'run'), { recursive: true });
    writeFileSync(join(dir, 'run', 'db.lock'), String(process.pid));
    const result = await runCli(['api'], childEnv({ SKYTWIN_DATA_DIR: dir, SKYTWIN_API_PORT: '0' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`in use by process ${process.pid}`));
  });

  it.runIf(Boolean(process.env.DATABASE_URL))('is live at once and ready only once a server database is migrated', async () => {
    const base = new URL(process.env.DATABASE_URL ?? '');
    const name = `skytwin_ready_${Date.now()}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    cleanups.push(async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    });
    base.pathname = `/${name}`;
    const env = childEnv({ SKYTWIN_DATA_DIR: dataDir(), SKYTWIN_API_PORT: '0', DATABASE_URL: base.toString() });
    const api = new LiveProcess([join(process.cwd(), 'dist', 'cli', 'main.js'), 'api'], env);
    cleanups.push(async () => void (await api.stop('SIGKILL')));
    const [, url] = await api.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    expect((await fetch(`${url}/api/health/live`)).status).toBe(200);
    const notReady = await fetch(`${url}/api/health/ready`);
    expect(notReady.status).toBe(503);
    expect(notReady.headers.get('content-type')).toMatch(/application\/health\+json/);
    const body = (await notReady.json()) as { status: string };
    expect(body.status).toBe('fail');
    expect((await runCli(['migrate'], env)).code).toBe(0);
    await poll(async () => ((await fetch(`${url}/api/health/ready`)).status === 200 ? true : null), 10_000);
    // A server database is shared: through the API while it answers, directly once it is gone.
    const viaApi = await runCli(['user', 'add', '--email', 'dora@example.com'], { ...env, SKYTWIN_API_URL: url ?? '' });
    expect(viaApi.code, viaApi.stderr).toBe(0);
    const token = readFileSync(join(env.SKYTWIN_DATA_DIR ?? '', 'api-token'), 'utf8').trim();
    const served = await fetch(`${url}/api/users/${viaApi.stdout.trim()}`, { headers: { authorization: `Bearer ${token}` } });
    expect(await served.json()).toMatchObject({ email: 'dora@example.com' });
    expect(await api.stop()).toBe(0);
    const direct = await runCli(['user', 'add', '--email', 'dora@example.com'], { ...env, SKYTWIN_API_URL: url ?? '' });
    expect(direct.code).toBe(1);
    expect(direct.stderr.trim()).toBe('skytwin: A user with email dora@example.com exists already');
  });
});
