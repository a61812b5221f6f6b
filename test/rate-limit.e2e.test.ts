import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, LiveProcess, poll, runCli, tempDataDir } from './support/processes.js';

const CLI = join(process.cwd(), 'dist', 'cli', 'main.js');

describe('the per-user rate limit is kept in the database', () => {
  const data = tempDataDir('skytwin-ratelimit-');
  const running: LiveProcess[] = [];
  afterAll(async () => {
    for (const api of running) await api.stop('SIGKILL');
    data.remove();
  });

  // A window of 1,000 hours: the test never straddles two windows, so every count is exact.
  const env = childEnv({ SKYTWIN_DATA_DIR: data.dir, SKYTWIN_API_PORT: '0', SKYTWIN_RATE_LIMIT: '60/1000h' });

  async function startApi(): Promise<string> {
    const api = new LiveProcess([CLI, 'api'], env);
    running.push(api);
    const [, url] = await api.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    await poll(async () => ((await fetch(`${url}/api/health/ready`)).status === 200 ? true : null), 30_000);
    return url as string;
  }

  it('survives kill -9: the 56th request after a restart has 4 left, the 61st is refused', async () => {
    expect((await runCli(['migrate'], env)).code).toBe(0);
    let url = await startApi();
    const owner = `Bearer ${readFileSync(join(data.dir, 'api-token'), 'utf8').trim()}`;
    const created = await fetch(`${url}/api/users`, { method: 'POST', headers: { authorization: owner, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'limited@example.com' }) });
    const { id, token } = (await created.json()) as { id: string; token: string };
    const asUser = () => fetch(`${url}/api/users/${id}/settings`, { headers: { authorization: `Bearer ${token}` } });

    for (let n = 1; n <= 55; n++) {
      const answer = await asUser();
      expect(answer.status).toBe(200);
      expect(answer.headers.get('ratelimit-remaining')).toBe(String(60 - n));
    }
    const killed = running.pop();
    await killed?.stop('SIGKILL');
    url = await startApi();

    const fiftySixth = await asUser();
    expect(fiftySixth.status).toBe(200);
    expect(fiftySixth.headers.get('ratelimit-limit')).toBe('60');
    expect(fiftySixth.headers.get('ratelimit-remaining')).toBe('4');
    expect(Number(fiftySixth.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    expect(fiftySixth.headers.get('ratelimit-policy')).toBe('"default";q=60;w=3600000');
    expect(fiftySixth.headers.get('ratelimit')).toMatch(/^"default";r=4;t=\d+$/);
    for (let n = 57; n <= 60; n++) expect((await asUser()).status).toBe(200);

    const sixtyFirst = await asUser();
    expect(sixtyFirst.status).toBe(429);
    expect(Number(sixtyFirst.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(sixtyFirst.headers.get('ratelimit-remaining')).toBe('0');
    expect(((await sixtyFirst.json()) as { error: { code: string } }).error.code).toBe('rate_limited');

    // The owner's own traffic is not limited per user.
    const byOwner = await fetch(`${url}/api/users/${id}/settings`, { headers: { authorization: owner } });
    expect(byOwner.status).toBe(200);
    expect(byOwner.headers.get('ratelimit-remaining')).toBeNull();
  });
});
