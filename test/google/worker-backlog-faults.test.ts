import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from '../../src/api/index.js';
import { EmulatorControl, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { UserBreakers } from '../../src/resilience/index.js';
import { Worker, WorkerApi, googleSyncer } from '../../src/worker/index.js';
import { startApiForEmulator } from './api-for-emulator.js';
import { poll } from '../support/processes.js';

/**
 * A backlog of 40 messages while a fifth of Gmail's message reads fail with 503 and Retry-After: 2.
 * A wait that long is handed back to the worker (its lane goes to the next user) only while the
 * sync has made no progress: had every read's wait abandoned the sync, each resumed sync would
 * start over, meet another failing read among its 40, and never finish.
 */
describe('a sync that has made progress keeps it through long retry waits', () => {
  let emulator: RunningEmulator;
  let api: RunningApi;
  let worker: Worker;
  let dataDir: string;
  const lines: string[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 31 });
    const started = await startApiForEmulator(emulator.url, 'skytwin-backlog-');
    ({ api, dataDir } = started);
    const token = started.token;
    const controller = new AbortController();
    const workerApi = new WorkerApi({ baseUrl: api.url, token, signal: controller.signal, baseDelayMs: 50 });
    worker = new Worker({
      api: workerApi,
      controller,
      // Waits are scaled down a hundredfold; whether one is deferred is decided on its real length.
      sync: googleSyncer({ api: workerApi, apiBaseUrl: emulator.url, timeoutMs: 5_000, gmailWindowDays: 7, gmailMaxMessages: 500, gmailQuota: null, deferRetriesOverMs: 1_000, retryTimeScale: 0.01 }),
      breakers: new UserBreakers(),
      pollIntervalMs: 200,
      concurrency: 1,
      log: (line) => lines.push(line),
    });
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    await api?.close();
    await emulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('stores all 40 messages while a fifth of the reads fail', async () => {
    const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await response.json()) as Record<string, unknown>;
    };
    const control = new EmulatorControl(emulator.url);
    const email = 'backlog@faults.example';
    const userId = String((await call('POST', '/api/users', { email })).id);
    const account = await control.createAccount({ email });
    await control.addMessages(email, Array.from({ length: 40 }, (_, i) => ({ from: `Shop ${i} <orders@shop${i}.example>`, subject: `Order ${i}`, text: `Receipt ${i}` })));
    await control.addFault({ endpoint: 'gmail.messages.get', probability: 0.2, status: 503, headers: { 'Retry-After': '2' } });
    await call('POST', `/api/users/${userId}/connections/google`, { refreshToken: account.refreshToken });
    worker.start();

    const decided = await poll(async () => {
      const page = await call('GET', `/api/users/${userId}/decisions?limit=100`);
      return (page.decisions as unknown[]).length === 40 ? page : null;
    }, 90_000);
    expect((decided.decisions as unknown[]).length).toBe(40);
    // The failures happened, and once a read had been answered they were waited out inside the
    // sync: only a failure before the first answered read hands the wait back.
    const faulted = (await control.requestLog({ account: email, endpoint: 'gmail.messages.get' })).filter((entry) => entry.faulted);
    const deferred = lines.filter((line) => line.includes('of gmail.messages.get') && line.includes('the lane goes to the next user'));
    expect(faulted.length).toBeGreaterThan(2);
    expect(deferred.length).toBeLessThan(faulted.length);
  }, 150_000);
});
