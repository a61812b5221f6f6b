import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../../src/emulator/index.js';
import { gmailQuotaUnits, splitGmailQuota } from '../../src/google/index.js';
import { UserBreakers, type QuotaWindow } from '../../src/resilience/index.js';
import { Worker, WorkerApi, googleSyncer } from '../../src/worker/index.js';
import { OWNER_TOKEN } from '../support/app.js';
import { primaryBackend } from '../support/database.js';
import { startGoogleTestApp, type GoogleTestApp } from '../support/google.js';

/**
 * Gmail's 6,000 units a minute against a first sync of 500 messages (about 10,000 units), scaled
 * down tenfold in units and in time so it runs in seconds: 600 units per 6 s against 50 messages
 * (1,006 units). The emulator enforces the quota with Gmail's 429; the worker, in process, paces
 * to its share through the real client, API (real HTTP, real database) and ingest.
 */
const QUOTA = { units: 600, windowMs: 6_000 };
const MESSAGES = 50;
const WORKER_SHARE: QuotaWindow = { units: splitGmailQuota(QUOTA.units).worker, windowMs: QUOTA.windowMs };

describe('first Gmail sync of a new user under the per-user quota', () => {
  let t: GoogleTestApp;
  let apiUrl: string;
  const controller = new AbortController();

  beforeAll(async () => {
    t = await startGoogleTestApp(primaryBackend());
    apiUrl = await t.listen();
    await t.control.setGmailQuota(QUOTA);
  });

  afterAll(async () => {
    controller.abort();
    await t?.close();
  });

  async function newUser(name: string): Promise<{ userId: string; email: string }> {
    const email = `${name}-${Date.now()}@example.com`;
    const created = await t.call({ method: 'POST', url: '/api/users', payload: { email } });
    const userId = String(created.body.id);
    const account = await t.control.createAccount({ email });
    await t.control.addMessages(
      email,
      Array.from({ length: MESSAGES }, (_, i) => ({ from: `Shop ${i} <orders@shop${i}.example>`, subject: `Order ${i} confirmed`, text: `Receipt ${i}: total $1${i}.00` })),
    );
    const connected = await t.call({ method: 'POST', url: `/api/users/${userId}/connections/google`, payload: { refreshToken: account.refreshToken } });
    expect(connected.status).toBe(201);
    return { userId, email };
  }

  /** A worker as `skytwin worker` builds it, with the given Gmail budget (null: none). */
  function workerWith(gmailQuota: QuotaWindow | null, retryTimeScale = 1): Worker {
    const api = new WorkerApi({ baseUrl: apiUrl, token: OWNER_TOKEN, signal: controller.signal, baseDelayMs: 50 });
    return new Worker({
      api,
      controller,
      sync: googleSyncer({ api, apiBaseUrl: t.emulator.url, timeoutMs: 5_000, gmailWindowDays: 7, gmailMaxMessages: 500, gmailQuota, retryTimeScale, signal: controller.signal }),
      breakers: new UserBreakers(undefined, () => undefined),
      pollIntervalMs: 60_000,
      concurrency: 4,
      log: () => undefined,
    });
  }

  const units = (entry: RequestLogEntry) => (entry.endpoint === null ? 0 : (gmailQuotaUnits(entry.endpoint) ?? 0));

  /** The most units the emulator counted within a single `windowMs`, by arrival time. */
  function busiestWindow(log: RequestLogEntry[], windowMs: number): number {
    const spent = log.filter((entry) => entry.status !== 429).map((entry) => ({ at: Date.parse(entry.time), units: units(entry) }));
    return Math.max(0, ...spent.map(({ at }) => spent.filter((other) => other.at <= at && other.at > at - windowMs).reduce((sum, other) => sum + other.units, 0)));
  }

  it('paces the sync to the budget: every message ingested and not one 429', async () => {
    const user = await newUser('paced');
    await workerWith(WORKER_SHARE).cycle();

    const log = await t.control.requestLog({ account: user.email });
    const gmail = log.filter((entry) => entry.endpoint?.startsWith('gmail.'));
    expect(gmail.filter((entry) => entry.status === 429)).toEqual([]);
    expect(gmail.filter((entry) => entry.endpoint === 'gmail.messages.get' && entry.status === 200)).toHaveLength(MESSAGES);
    // More than one window's worth was needed, yet no window held more than the worker's share.
    const total = gmail.reduce((sum, entry) => sum + units(entry), 0);
    // The profile, the inbox's and the sent mail's list, and each message.
    expect(total).toBe(1 + 5 + 5 + MESSAGES * 20);
    expect(total).toBeGreaterThan(QUOTA.units);
    expect(busiestWindow(gmail, QUOTA.windowMs)).toBeLessThanOrEqual(WORKER_SHARE.units);

    const decisions = await t.call({ method: 'GET', url: `/api/users/${user.userId}/decisions?limit=200` });
    expect((decisions.body.decisions as { source: string }[]).filter((decision) => decision.source === 'gmail')).toHaveLength(MESSAGES);
    const sync = await t.call({ method: 'GET', url: `/api/users/${user.userId}/sync` });
    expect(sync.body.sources).toContainEqual(expect.objectContaining({ source: 'gmail', hasCursor: true, lastError: null }));
  });

  it('without the budget, the same first sync runs into Gmail 429s', async () => {
    const user = await newUser('unpaced');
    // Retries at once: the point is only that Gmail refuses, not how long the retries would wait.
    await workerWith(null, 0).cycle();
    const log = await t.control.requestLog({ account: user.email });
    const refused = log.filter((entry) => entry.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((entry) => entry.endpoint?.startsWith('gmail.') && !entry.faulted)).toBe(true);
  });
});
