import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, LiveProcess, poll, runCli, tempDataDir } from './support/processes.js';
import { newsletter } from './support/signals.js';

const CLI = join(process.cwd(), 'dist', 'cli', 'main.js');
const ANSWERS = 12;

describe('the temporal profile is derived data', () => {
  const data = tempDataDir('skytwin-temporal-');
  const running: LiveProcess[] = [];
  afterAll(async () => {
    for (const api of running) await api.stop('SIGKILL');
    data.remove();
  });

  const env = childEnv({ SKYTWIN_DATA_DIR: data.dir, SKYTWIN_API_PORT: '0', TZ: 'UTC' });

  async function startApi(): Promise<{ url: string; api: LiveProcess }> {
    const api = new LiveProcess([CLI, 'api'], env);
    running.push(api);
    const [, url] = await api.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    await poll(async () => ((await fetch(`${url}/api/health/ready`)).status === 200 ? true : null), 30_000);
    return { url: url as string, api };
  }

  it('is rebuilt from the answers after kill -9, identical to what was served before', async () => {
    expect((await runCli(['migrate'], env)).code).toBe(0);
    let { url, api } = await startApi();
    await api.waitFor(/temporal profiles rebuilt for 0 users active in the last 30 days in \d+ ms/);
    const owner = { authorization: `Bearer ${readFileSync(join(data.dir, 'api-token'), 'utf8').trim()}`, 'content-type': 'application/json' };
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${url}${path}`, { method, headers: owner, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> & { [key: string]: unknown } };
    };
    const created = await call('POST', '/api/users', { email: 'temporal@example.com' });
    const userId = created.body.id as string;
    expect((await call('PUT', `/api/users/${userId}/settings`, { trustTiers: { email: 'suggest' }, trustProgression: { enabled: false } })).status).toBe(200);
    const signals = Array.from({ length: ANSWERS }, (_, n) => newsletter(userId, `News ${n} <news${n}@letters.example>`));
    expect((await call('POST', '/api/events/ingest', { signals })).status).toBe(200);
    const pending = await call('GET', `/api/users/${userId}/approvals?status=pending&limit=50`);
    const approvals = pending.body.approvals as { id: string }[];
    expect(approvals).toHaveLength(ANSWERS);
    for (const approval of approvals) expect((await call('POST', `/api/approvals/${approval.id}/approve`)).status).toBe(200);

    const before = await call('GET', `/api/users/${userId}/twin/temporal-profile`);
    expect(before.status).toBe(200);
    expect(before.body.basedOn).toMatchObject({ answers: ANSWERS, trusted: true });
    expect(before.body.timeZone).toMatchObject({ name: 'UTC', source: 'host' });

    await running.pop()?.stop('SIGKILL');
    ({ url, api } = await startApi());
    await api.waitFor(/temporal profiles rebuilt for 1 users active in the last 30 days in \d+ ms/);
    const after = await call('GET', `/api/users/${userId}/twin/temporal-profile`);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
  }, 240_000);
});
