import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { API_MEMORY_ENV, API_NODE_FLAGS } from '../src/supervisor/index.js';
import { childEnv, freePort, LiveProcess, poll, tempDataDir } from './support/processes.js';


const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('npm start (bin/skytwin-dev)', () => {
  it('migrates, serves the dashboard, restarts a killed API within 5 s and is ready again within 10 s', async () => {
    const temp = tempDataDir();
    cleanups.push(temp.remove);
    const port = await freePort();
    const env = childEnv({ SKYTWIN_DATA_DIR: temp.dir, SKYTWIN_API_PORT: String(port), SKYTWIN_EMULATOR_PORT: String(await freePort()), LOG_LEVEL: 'warn' });
    const supervisor = new LiveProcess([join(process.cwd(), 'bin', 'skytwin-dev')], env);
    cleanups.push(async () => void (await supervisor.stop('SIGKILL')));

    await supervisor.waitFor(/SkyTwin is ready\. Dashboard: http:\/\/127\.0\.0\.1:\d+\//, 60_000);
    expect(supervisor.output).toMatch(/migrations: applied/);
    expect(supervisor.output).toMatch(/demo mode/);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<title>SkyTwin<\/title>/);
    // As Jupyter does: a one-time link signs the browser in with an HttpOnly cookie, then leaves the address bar.
    const [, link] = await supervisor.waitFor(/dashboard: open (http:\/\/127\.0\.0\.1:\d+\/signin\?code=[A-Za-z0-9_-]+)/, 30_000);
    const signIn = await fetch(link ?? '', { redirect: 'manual' });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/');
    const cookie = /^(skytwin_session=[^;]+); HttpOnly; SameSite=Strict/.exec(signIn.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const me = await fetch(`http://127.0.0.1:${port}/api/session`, { headers: { cookie } });
    expect(await me.json()).toMatchObject({ kind: 'owner', via: 'cookie' });
    expect((await fetch(link ?? '', { redirect: 'manual' })).status).toBe(410);

    const pidFile = join(temp.dir, 'run', 'api.pid');
    const firstPid = Number(readFileSync(pidFile, 'utf8'));
    // Started with its memory settings (src/supervisor/api-memory.ts).
    expect(readFileSync(`/proc/${firstPid}/cmdline`, 'utf8').split('\0')).toEqual(expect.arrayContaining([...API_NODE_FLAGS, 'api']));
    expect(readFileSync(`/proc/${firstPid}/environ`, 'utf8').split('\0')).toEqual(expect.arrayContaining(Object.entries(API_MEMORY_ENV).map(([name, value]) => `${name}=${value}`)));
    expect(Number(readFileSync(join(temp.dir, 'run', 'supervisor.pid'), 'utf8'))).toBe(supervisor.child.pid);
    process.kill(firstPid, 'SIGKILL');
    const killedAt = Date.now();
    await supervisor.waitFor(/restarting api/, 5_000);
    const secondPid = await poll(async () => {
      const pid = Number(readFileSync(pidFile, 'utf8'));
      return pid !== firstPid && pid > 0 ? pid : null;
    }, 5_000);
    expect(Date.now() - killedAt).toBeLessThan(5_000);
    await poll(async () => ((await fetch(`http://127.0.0.1:${port}/api/health/ready`)).status === 200 ? true : null), 10_000);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(secondPid).not.toBe(firstPid);
    expect(readFileSync(join(temp.dir, 'logs', 'api.log'), 'utf8')).toMatch(/listening on/);

    const code = await supervisor.stop("SIGTERM");
    expect(code, supervisor.output).toBe(0);
  });

  it('stamps every line with an ISO time and starts calmly: no error, warning or refused connection', async () => {
    const temp = tempDataDir();
    cleanups.push(temp.remove);
    const port = await freePort();
    // LOG_LEVEL left at its default (info): what a user running `npm start` sees.
    const env = childEnv({ SKYTWIN_DATA_DIR: temp.dir, SKYTWIN_API_PORT: String(port), SKYTWIN_EMULATOR_PORT: String(await freePort()) });
    const supervisor = new LiveProcess([join(process.cwd(), 'bin', 'skytwin-dev')], env);
    cleanups.push(async () => void (await supervisor.stop('SIGKILL')));

    await supervisor.waitFor(/SkyTwin is ready\. Dashboard:/, 180_000);
    // A first poll has completed once the worker stored the demo inbox and reported its cursor.
    await supervisor.waitFor(/\[worker\] user [0-9a-f-]{36} gmail: \d+ signals stored/, 90_000);
    const token = readFileSync(join(temp.dir, 'api-token'), 'utf8').trim();
    await poll(async () => {
      const users = (await (await fetch(`http://127.0.0.1:${port}/api/users`, { headers: { authorization: `Bearer ${token}` } })).json()) as { users: { id: string }[] };
      const sync = (await (await fetch(`http://127.0.0.1:${port}/api/users/${users.users[0]?.id}/sync`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        sources: { lastSuccessAt: string | null }[];
      };
      return sync.sources.length > 0 && sync.sources.every((source) => source.lastSuccessAt !== null) ? true : null;
    }, 60_000);
    expect(await supervisor.stop('SIGTERM'), supervisor.output).toBe(0);

    const stamped = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /;
    const alarming = /error|warn|ECONNREFUSED|"level":\s*(40|50|60)/i;
    // The api and the worker stamp their own lines; the supervisor keeps that time, adding none.
    const doubled = /^\S+Z (\[[a-z]+\] )?\d{4}-\d\d-\d\dT\d\d:/;
    const stdoutLines = supervisor.output.split('\n').filter((line) => line !== '');
    expect(stdoutLines.length).toBeGreaterThan(10);
    expect(stdoutLines.filter((line) => !stamped.test(line))).toEqual([]);
    expect(stdoutLines.filter((line) => alarming.test(line))).toEqual([]);
    expect(stdoutLines.filter((line) => doubled.test(line))).toEqual([]);
    const logs = readdirSync(join(temp.dir, 'logs')).filter((name) => name.endsWith('.log'));
    expect(logs.sort()).toEqual(['api.log', 'emulator.log', 'migrate.log', 'supervisor.log', 'worker.log']);
    for (const name of logs) {
      const lines = readFileSync(join(temp.dir, 'logs', name), 'utf8').split('\n').filter((line) => line !== '');
      expect(lines.length, name).toBeGreaterThan(0);
      expect(lines.filter((line) => !stamped.test(line)), name).toEqual([]);
      expect(lines.filter((line) => alarming.test(line)), name).toEqual([]);
      expect(lines.filter((line) => doubled.test(line)), name).toEqual([]);
    }
    // The worker started before the API answered: one calm line says so.
    expect(supervisor.output.match(/waiting for the API at/g)?.length ?? 0).toBeLessThanOrEqual(1);
  }, 360_000);
});
