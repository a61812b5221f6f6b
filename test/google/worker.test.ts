import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../src/api/index.js';
import { EmulatorControl, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { UserBreakers } from '../../src/resilience/index.js';
import { Worker, WorkerApi, googleSyncer } from '../../src/worker/index.js';
import { startApiForEmulator } from './api-for-emulator.js';

/** The worker in-process against a real API (embedded database) and the emulator, driven cycle by cycle. */
describe('the worker against the API and the emulator', () => {
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let api: RunningApi;
  let dataDir: string;
  let token: string;
  let worker: Worker;
  const warnings: string[] = [];

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> & { [key: string]: unknown } };
  };

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 11 });
    control = new EmulatorControl(emulator.url);
    ({ api, dataDir, token } = await startApiForEmulator(emulator.url, 'skytwin-worker-'));
    const controller = new AbortController();
    const workerApi = new WorkerApi({ baseUrl: api.url, token, signal: controller.signal, baseDelayMs: 50 });
    worker = new Worker({
      api: workerApi,
      controller,
      sync: googleSyncer({ api: workerApi, apiBaseUrl: emulator.url, timeoutMs: 2_000, gmailWindowDays: 7, gmailMaxMessages: 500 }),
      breakers: new UserBreakers(undefined, (line) => warnings.push(line)),
      pollIntervalMs: 60_000,
      concurrency: 4,
      log: () => undefined,
    });
  }, 60_000);

  afterAll(async () => {
    await worker.stop();
    await api.close();
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function connectedUser(name: string, mails: number) {
    const email = `${name}-${Date.now()}@example.com`;
    const created = await call('POST', '/api/users', { email });
    const userId = String(created.body.id);
    const account = await control.createAccount({ email });
    const messageIds: string[] = [];
    for (let i = 0; i < mails; i++) {
      const added = await control.addMessage(email, { from: `Sender ${i} <s${i}@shop${i}.example>`, subject: `Order ${i} confirmed`, text: `Receipt ${i}: total $1${i}.00` });
      messageIds.push(added.id);
    }
    await control.addEvent(email, { summary: 'Planning', start: new Date(Date.now() + 86_400_000).toISOString(), end: new Date(Date.now() + 90_000_000).toISOString(), organizer: 'boss@example.com', attendees: ['boss@example.com'], selfResponse: 'needsAction' });
    expect((await call('POST', `/api/users/${userId}/connections/google`, { refreshToken: account.refreshToken })).status).toBe(201);
    return { userId, email, messageIds };
  }
  const decisionCount = async (userId: string) => {
    const page = await call('GET', `/api/users/${userId}/decisions?limit=200`);
    return (page.body.decisions as unknown[]).length;
  };

  it('ingests first syncs, then only what is new, and reports cursors', async () => {
    const ann = await connectedUser('ann', 5);
    await worker.cycle();
    expect(await decisionCount(ann.userId)).toBe(6);
    const page = await call('GET', `/api/users/${ann.userId}/decisions?limit=200`);
    const stored = page.body.decisions as { source: string; externalId: string }[];
    expect(stored.filter((d) => d.source === 'gmail').map((d) => d.externalId).sort()).toEqual([...ann.messageIds].sort());
    expect(stored.filter((d) => d.source === 'calendar').map((d) => d.externalId)).toEqual([expect.stringMatching(/^primary\/\w+@\d+-\d+$/)]);
    const sync = await call('GET', `/api/users/${ann.userId}/sync`);
    expect(sync.body.sources).toEqual([
      expect.objectContaining({ source: 'gmail', hasCursor: true, lastError: null }),
      expect.objectContaining({ source: 'calendar', resource: 'primary', hasCursor: true, lastError: null }),
    ]);
    await control.addMessage(ann.email, { from: 'Zed <zed@example.org>', subject: 'Lunch?', text: 'Free on Friday?' });
    await worker.cycle();
    expect(await decisionCount(ann.userId)).toBe(7);
    await worker.cycle();
    expect(await decisionCount(ann.userId)).toBe(7);
  });

  it('resyncs in full when Gmail forgets the history id, without a duplicate decision', async () => {
    const bea = await connectedUser('bea', 3);
    await worker.cycle();
    expect(await decisionCount(bea.userId)).toBe(4);
    await control.addMessage(bea.email, { from: 'new@example.org', subject: 'After expiry', text: 'hi' });
    await control.expireCursors(bea.email);
    await worker.cycle();
    expect(await decisionCount(bea.userId)).toBe(5);
    const log = await control.requestLog({ account: bea.email, endpoint: 'gmail.history.list' });
    expect(log.at(-1)?.status).toBe(404);
  });

  it('retries a 429 with Retry-After and still ingests the mail', async () => {
    const cy = await connectedUser('cy', 1);
    await control.addFault({ endpoint: 'gmail.messages.list', account: cy.email, status: 429, reason: 'rateLimitExceeded', headers: { 'Retry-After': '1' }, times: 1 });
    const started = Date.now();
    await worker.cycle();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(await decisionCount(cy.userId)).toBe(2);
    const lists = await control.requestLog({ account: cy.email, endpoint: 'gmail.messages.list' });
    // The inbox's list is refused once and retried; the sent mail's list follows.
    expect(lists.map((entry) => entry.status)).toEqual([429, 200, 200]);
  });

  it('opens a revoked user\'s breaker after 3 failed cycles without calling Google again, and others go on', async () => {
    const dee = await connectedUser('dee', 1);
    const eve = await connectedUser('eve', 1);
    await worker.cycle();
    await control.revokeRefreshTokens(dee.email);
    await control.expireAccessTokens(dee.email);
    await worker.cycle();
    const connection = await call('GET', `/api/users/${dee.userId}/connections/google`);
    expect(connection.body.status).toBe('needs_reconnect');
    const callsAfterRevocation = (await control.requestLog({ account: dee.email })).length;
    await control.addMessage(eve.email, { from: 'x@example.org', subject: 'Still here', text: 'yes' });
    await worker.cycle();
    await worker.cycle();
    const sync = await call('GET', `/api/users/${dee.userId}/sync`);
    expect(sync.body.breaker).toMatchObject({ state: 'open', consecutiveFailures: 3 });
    expect(warnings.some((line) => line.includes(`opened for user ${dee.userId}`))).toBe(true);
    expect((await control.requestLog({ account: dee.email })).length).toBe(callsAfterRevocation);
    expect(await decisionCount(eve.userId)).toBe(3);
  });
});
