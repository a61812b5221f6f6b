import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

    const pidFile = join(temp.dir, 'run', 'api.pid');
    const firstPid = Number(readFileSync(pidFile, 'utf8'));
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
});
