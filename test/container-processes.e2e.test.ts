import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, CLI, freePort, LiveProcess, poll, runCli, tempDataDir } from './support/processes.js';

// What docker-compose.yml relies on, with real processes: an API listening on every interface
// that answers the service name the worker uses, and a worker heartbeat its health check reads.

const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** fetch() will not send a Host header of our choosing; node:http will. */
function getWithHost(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the API and the worker as the compose file runs them', () => {
  it('an API on 0.0.0.0 answers the names in SKYTWIN_API_ALLOWED_HOSTS and no others; the worker keeps its heartbeat fresh while it runs', async () => {
    const temp = tempDataDir();
    cleanups.push(temp.remove);
    const port = await freePort();
    const heartbeat = join(temp.dir, 'beat', 'worker.heartbeat');
    const env = childEnv({
      SKYTWIN_DATA_DIR: temp.dir,
      SKYTWIN_API_PORT: String(port),
      SKYTWIN_API_HOST: '0.0.0.0',
      SKYTWIN_API_ALLOWED_HOSTS: `api:${port}`,
      SKYTWIN_API_URL: `http://127.0.0.1:${port}`,
      SKYTWIN_WORKER_HEARTBEAT_FILE: heartbeat,
      SKYTWIN_DEMO: '0',
      LOG_LEVEL: 'warn',
    });
    const api = new LiveProcess([CLI, 'api'], env);
    cleanups.push(async () => void (await api.stop('SIGKILL')));
    await api.waitFor(new RegExp(`api listening on http://127\\.0\\.0\\.1:${port} \\(bound to 0\\.0\\.0\\.0: every interface\\)`));
    await poll(async () => ((await getWithHost(port, '/api/health/ready', `api:${port}`)).status === 200 ? true : null), 30_000);
    const refused = await getWithHost(port, '/api/health/live', `db:${port}`);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'forbidden_host' } });
    expect((await getWithHost(port, '/api/health/live', 'api:3999')).status).toBe(403);
    expect((await getWithHost(port, '/api/health/live', `127.0.0.1:${port}`)).status).toBe(200);

    // Before the worker runs, its health check fails and says why.
    const before = await runCli(['worker', 'health'], env);
    expect(before.code).toBe(1);
    expect(before.stderr).toContain(`worker not alive: no heartbeat file ${heartbeat}`);

    const worker = new LiveProcess([CLI, 'worker'], env);
    cleanups.push(async () => void (await worker.stop('SIGKILL')));
    await worker.waitFor(/worker polling/);
    await poll(async () => (existsSync(heartbeat) ? true : null), 30_000);
    const healthy = await runCli(['worker', 'health'], env);
    expect(healthy.code, healthy.stderr).toBe(0);
    expect(healthy.stdout).toMatch(/^worker alive: heartbeat \d+ s old \(limit 120 s\)\n$/);
    expect(readFileSync(heartbeat, 'utf8')).toMatch(new RegExp(`^${worker.child.pid} \\d{4}-\\d\\d-\\d\\dT`));

    // The loop keeps it fresh: the file is touched again while the worker runs.
    const firstBeat = statSync(heartbeat).mtimeMs;
    await poll(async () => (statSync(heartbeat).mtimeMs > firstBeat ? true : null), 30_000);

    // A frozen worker goes stale, and comes back once it runs again.
    const pid = worker.child.pid ?? 0;
    process.kill(pid, 'SIGSTOP');
    try {
      const stale = await poll(async () => {
        const result = await runCli(['worker', 'health', '--max-age', '1'], env);
        return result.code === 1 ? result : null;
      }, 30_000);
      expect(stale.stderr).toMatch(/^worker not alive: its heartbeat is \d+ s old \(limit 1 s\): the poll loop has not come round/);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await poll(async () => ((await runCli(['worker', 'health', '--max-age', '5'], env)).code === 0 ? true : null), 30_000);

    const bad = await runCli(['worker', 'health', '--max-age', 'soon'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-age must be a whole number of seconds from 1 to 86400');

    // A stopped worker takes its heartbeat with it.
    expect(await worker.stop('SIGTERM')).toBe(0);
    expect(existsSync(heartbeat)).toBe(false);
    expect(await api.stop('SIGTERM')).toBe(0);
  }, 240_000);

  it('the emulator listens where --host says, and refuses a host that is not an address', async () => {
    const env = childEnv({ LOG_LEVEL: 'warn' });
    const emulator = new LiveProcess([CLI, 'emulator', '--host', '0.0.0.0', '--port', '0'], env);
    cleanups.push(async () => void (await emulator.stop('SIGKILL')));
    const [, port] = await emulator.waitFor(/emulator listening on http:\/\/0\.0\.0\.0:(\d+)/);
    expect((await fetch(`http://127.0.0.1:${port}/_emulator/health`)).status).toBe(200);
    expect(await emulator.stop('SIGTERM')).toBe(0);
    const bad = await runCli(['emulator', '--host', 'emulator'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--host must be an IP address such as 127.0.0.1 or 0.0.0.0');
  });
});
