import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, freePort, LiveProcess, runCli, tempDataDir } from './support/processes.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('skytwin api prints a sign-in link; skytwin dashboard prints a fresh one', () => {
  it('signs a browser in once by each link, and explains bad arguments and a missing API', async () => {
    const temp = tempDataDir();
    cleanups.push(temp.remove);
    const port = await freePort();
    const env = childEnv({ SKYTWIN_DATA_DIR: temp.dir, SKYTWIN_API_PORT: String(port), SKYTWIN_API_URL: `http://127.0.0.1:${port}`, SKYTWIN_DEMO: '0' });

    const help = await runCli(['dashboard', '--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: skytwin dashboard \[--user ID\]/);
    const badUser = await runCli(['dashboard', '--user', 'ann'], env);
    expect(badUser.code).toBe(2);
    expect(badUser.stderr).toMatch(/--user must be a user id/);
    expect((await runCli(['dashboard', '--now'], env)).code).toBe(2);
    const noApi = await runCli(['dashboard'], env);
    expect(noApi.code).toBe(1);
    expect(noApi.stderr).toMatch(/API is not running.*npm start/);

    const api = new LiveProcess([join(process.cwd(), 'dist', 'cli', 'main.js'), 'api'], env);
    cleanups.push(async () => void (await api.stop('SIGKILL')));
    await api.waitFor(/api listening on/, 30_000);
    const [, printed] = await api.waitFor(/dashboard: open (http:\/\/127\.0\.0\.1:\d+\/signin\?code=[A-Za-z0-9_-]{43}) /, 60_000);
    const first = await fetch(printed ?? '', { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('set-cookie')).toMatch(/^skytwin_session=[^;]+; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+$/);

    const fresh = await runCli(['dashboard'], env);
    expect(fresh.code, fresh.stderr).toBe(0);
    const link = /dashboard: open (\S+)/.exec(fresh.stdout)?.[1] ?? '';
    expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/signin\\?code=`));
    expect(link).not.toBe(printed);
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(303);
    const spent = await fetch(link, { redirect: 'manual' });
    expect(spent.status).toBe(410);
    expect(await spent.text()).toMatch(/npx skytwin dashboard/);

    const nobody = await runCli(['dashboard', '--user', '3f1c0000-0000-4000-8000-000000000000'], env);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/No user 3f1c0000-0000-4000-8000-000000000000/);
    expect(await api.stop()).toBe(0);
  });
});
