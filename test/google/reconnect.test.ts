import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserBreakers } from '../../src/resilience/index.js';
import { Worker, WorkerApi, googleSyncer } from '../../src/worker/index.js';
import { OWNER_TOKEN } from '../support/app.js';
import { backends } from '../support/database.js';
import { startGoogleTestApp, type GoogleTestApp } from '../support/google.js';
import { poll } from '../support/processes.js';

/**
 * Reconnect as the Connections page runs it, over real HTTP: Google revokes the user's access, the
 * sync view says so, the consent flow (the emulator's authorize URL, then SkyTwin's callback)
 * stores new credentials, and the next poll syncs again.
 */
describe.each(backends())('reconnecting a revoked Google account (%s)', (backend) => {
  let t: GoogleTestApp;
  let base: string;
  let worker: Worker;

  beforeAll(async () => {
    t = await startGoogleTestApp(backend);
    base = await t.listen();
    const controller = new AbortController();
    const api = new WorkerApi({ baseUrl: base, token: OWNER_TOKEN, signal: controller.signal, baseDelayMs: 50 });
    worker = new Worker({
      api,
      controller,
      sync: googleSyncer({ api, apiBaseUrl: t.emulator.url, timeoutMs: 5_000, gmailWindowDays: 7, gmailMaxMessages: 100 }),
      breakers: new UserBreakers(undefined, () => undefined),
      pollIntervalMs: 60_000,
      concurrency: 2,
      log: () => undefined,
    });
  }, 60_000);
  afterAll(async () => {
    await worker.stop();
    await t.close();
  });

  const http = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${OWNER_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> & { [key: string]: never } };
  };
  const syncView = async (userId: string) => {
    const view = await http('GET', `/api/users/${userId}/sync`);
    expect(view.status).toBe(200);
    return view.body as unknown as {
      connection: { status: string; statusReason: string | null; accountEmail: string | null };
      summary: string;
      needsAttention: boolean;
      quota: { usedUnits: number; limitUnits: number } | null;
      sources: { source: string; status: string; lastError: string | null; lastSuccessAt: string | null }[];
    };
  };
  const decisions = async (userId: string) => ((await http('GET', `/api/users/${userId}/decisions?limit=200`)).body.decisions as unknown as { id: string }[]).length;

  it('shows needs_reconnect, runs the consent flow, and syncs again', async () => {
    const email = `rey-${Date.now()}@example.com`;
    const created = await http('POST', '/api/users', { email });
    const userId = String(created.body.id);
    const account = await t.control.createAccount({ email });
    await t.control.addMessage(email, { from: 'Bob Stone <bob@example.org>', subject: 'Q1 roadmap', text: 'Can you review it by Friday?' });
    expect((await http('POST', `/api/users/${userId}/connections/google`, { refreshToken: account.refreshToken, accountEmail: email })).status).toBe(201);

    await worker.cycle();
    const synced = await syncView(userId);
    expect(synced.sources[0]).toMatchObject({ source: 'gmail', status: 'ok', lastError: null });
    expect(synced.summary).toMatch(/^Gmail synced (just now|\d+ s ago) · Calendar synced (just now|\d+ s ago)$/);
    expect(synced.needsAttention).toBe(false);
    expect(synced.quota?.usedUnits).toBeGreaterThan(0);
    expect(synced.quota?.limitUnits).toBeGreaterThan(synced.quota?.usedUnits ?? 0);
    const before = await decisions(userId);

    await t.control.revokeRefreshTokens(email);
    await t.control.expireAccessTokens(email);
    await worker.cycle();
    const revoked = await poll(async () => {
      const view = await syncView(userId);
      return view.connection.status === 'needs_reconnect' ? view : null;
    }, 10_000);
    expect(revoked.summary).toBe('Reconnect Google — access was revoked or expired.');
    expect(revoked.needsAttention).toBe(true);
    expect(revoked.sources.every((s) => s.status === 'paused')).toBe(true);

    // The Reconnect button: start the flow, open the consent URL in "the browser", land on the callback.
    t.clock.advance(1_000);
    const started = await http('POST', `/api/users/${userId}/connections/google/consent`);
    expect(started.status).toBe(200);
    const consentUrl = new URL(String(started.body.consentUrl));
    expect(consentUrl.origin).toBe(t.emulator.url);
    expect(consentUrl.searchParams.get('redirect_uri')).toBe(`${base}/api/oauth/google/callback`);
    const landed = await fetch(consentUrl);
    expect(landed.url.startsWith(`${base}/api/oauth/google/callback?`)).toBe(true);
    expect(landed.status).toBe(200);
    expect(await landed.text()).toContain('Google account connected');

    const reconnected = await syncView(userId);
    expect(reconnected.connection).toMatchObject({ status: 'connected', statusReason: null, accountEmail: email });
    await t.control.addMessage(email, { from: 'Ann Lee <ann@example.org>', subject: 'Back online?', text: 'Did the sync resume?' });
    await worker.cycle();
    const resumed = await syncView(userId);
    expect(resumed.sources[0]).toMatchObject({ source: 'gmail', status: 'ok', lastError: null });
    expect(resumed.needsAttention).toBe(false);
    expect(await decisions(userId)).toBe(before + 1);
  });
});
