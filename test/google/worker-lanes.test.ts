import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../src/api/index.js';
import { EmulatorControl, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { UserBreakers } from '../../src/resilience/index.js';
import { Worker, WorkerApi, googleSyncer } from '../../src/worker/index.js';
import { startApiForEmulator } from './api-for-emulator.js';
import { poll } from '../support/processes.js';

/**
 * One lane (concurrency 1), a user whose Gmail keeps answering 503 with Retry-After: 3, and a
 * healthy user connected while the first one waits: the wait is not slept in the lane, so the
 * healthy user is polled before the failing one's next try, and the failing one still gets its 3
 * retries, each no earlier than Google asked, before its poll counts as failed.
 */
describe('a retry wait frees the worker lane', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let api: RunningApi;
  let dataDir: string;
  let token: string;
  let worker: Worker;
  const lines: string[] = [];

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> };
  };

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 12 });
    control = new EmulatorControl(emulator.url);
    ({ api, dataDir, token } = await startApiForEmulator(emulator.url, 'skytwin-lanes-'));
    const controller = new AbortController();
    const workerApi = new WorkerApi({ baseUrl: api.url, token, signal: controller.signal, baseDelayMs: 50 });
    worker = new Worker({
      api: workerApi,
      controller,
      sync: googleSyncer({ api: workerApi, apiBaseUrl: emulator.url, timeoutMs: 2_000, gmailWindowDays: 7, gmailMaxMessages: 500, gmailQuota: null, deferRetriesOverMs: 1_000 }),
      breakers: new UserBreakers(),
      pollIntervalMs: 60_000,
      concurrency: 1,
      log: (line) => lines.push(line),
    });
  }, 60_000);

  afterAll(async () => {
    await worker.stop();
    await api.close();
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function connect(name: string) {
    const email = `${name}@lanes.example`;
    const created = await call('POST', '/api/users', { email });
    const userId = String(created.body.id);
    const account = await control.createAccount({ email });
    await control.addMessage(email, { from: 'Zed <zed@example.org>', subject: `Hello ${name}`, text: 'hi' });
    expect((await call('POST', `/api/users/${userId}/connections/google`, { refreshToken: account.refreshToken })).status).toBe(201);
    return { userId, email };
  }

  it('polls the next user while a failing one waits, and keeps 3 retries honouring Retry-After overall', async () => {
    const failing = await connect('failing');
    await control.addFault({ endpoint: 'gmail.messages.list', account: failing.email, status: 503, headers: { 'Retry-After': '3' }, times: 4 });
    worker.start();
    await poll(async () => (lines.some((line) => line.includes(`user ${failing.userId} gmail: retry 1 of gmail.messages.list`)) ? true : null), 30_000);
    const healthy = await connect('healthy');

    const lists = await poll(async () => {
      const entries = await control.requestLog({ account: failing.email, endpoint: 'gmail.messages.list' });
      return entries.length === 4 ? entries : null;
    }, 60_000);
    const healthyRead = (await control.requestLog({ account: healthy.email, endpoint: 'gmail.messages.get' }))[0];
    expect(healthyRead?.status).toBe(200);
    // The healthy user's mail was read while the failing user waited for its first retry.
    expect(Date.parse(healthyRead?.time ?? '')).toBeLessThan(Date.parse(lists[1]?.time ?? ''));
    expect(lists.map((entry) => entry.status)).toEqual([503, 503, 503, 503]);
    for (let i = 1; i < lists.length; i++) expect(Date.parse(lists[i]?.time ?? '') - Date.parse(lists[i - 1]?.time ?? '')).toBeGreaterThanOrEqual(3_000);

    // After the third retry the poll counts as one failed cycle, and no fifth call follows.
    const sync = await poll(async () => {
      const view = await call('GET', `/api/users/${failing.userId}/sync`);
      const breaker = view.body.breaker as { consecutiveFailures: number } | undefined;
      return breaker?.consecutiveFailures === 1 ? view.body : null;
    }, 30_000);
    expect((sync.sources as { lastError: string | null }[])[0]?.lastError).toMatch(/503/);
    expect(lines.filter((line) => line.startsWith(`poll of user ${failing.userId} failed`))).toHaveLength(1);
    expect(await control.requestLog({ account: failing.email, endpoint: 'gmail.messages.list' })).toHaveLength(4);
  }, 120_000);
});
