import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGoogleTestApp, type GoogleTestApp } from '../support/google.js';
import { addUser } from '../support/users.js';

describe('connecting Google accounts', () => {
  let t: GoogleTestApp;
  beforeAll(async () => {
    t = await startGoogleTestApp();
  });
  afterAll(async () => t.close());

  const connect = (userId: string, refreshToken: string, extra: Record<string, unknown> = {}) =>
    t.call({ method: 'POST', url: `/api/users/${userId}/connections/google`, payload: { refreshToken, ...extra } });

  it('stores a refresh token headlessly after checking it, seals it at rest, and never answers it', async () => {
    const user = await addUser(t);
    const account = await t.control.createAccount({ email: user.email });
    const stored = await connect(user.id, account.refreshToken, { calendars: ['primary', 'team@group.calendar.google.com'] });
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ provider: 'google', status: 'connected', calendars: ['primary', 'team@group.calendar.google.com'] });
    expect(JSON.stringify(stored.body)).not.toContain(account.refreshToken);
    const row = await t.database.db.selectFrom('google_connections').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.refresh_token_sealed).not.toContain(account.refreshToken);

    const targets = await t.call({ method: 'GET', url: '/api/internal/sync-targets' });
    expect(JSON.stringify(targets.body)).not.toContain(account.refreshToken);
    expect(targets.body.targets).toContainEqual(
      expect.objectContaining({
        userId: user.id,
        status: 'connected',
        sources: [
          { source: 'gmail', resource: '', cursor: null },
          { source: 'calendar', resource: 'primary', cursor: null },
          { source: 'calendar', resource: 'team@group.calendar.google.com', cursor: null },
        ],
      }),
    );
    const token = await t.call({ method: 'POST', url: `/api/internal/users/${user.id}/google-token`, payload: {} });
    expect(token.status).toBe(200);
    expect(token.headers['cache-control']).toBe('no-store');
    const again = await t.call({ method: 'POST', url: `/api/internal/users/${user.id}/google-token`, payload: {} });
    expect(again.body.accessToken).toBe(token.body.accessToken);
    const refreshed = await t.call({ method: 'POST', url: `/api/internal/users/${user.id}/google-token`, payload: { rejected: token.body.accessToken } });
    expect(refreshed.body.accessToken).not.toBe(token.body.accessToken);
    const profile = await fetch(`${t.emulator.url}/gmail/v1/users/me/profile`, { headers: { authorization: `Bearer ${refreshed.body.accessToken}` } });
    expect(((await profile.json()) as { emailAddress: string }).emailAddress).toBe(user.email);
  });

  it('refuses a refresh token Google does not know, and stores nothing', async () => {
    const user = await addUser(t);
    const refused = await connect(user.id, '1//not-a-real-refresh-token');
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_refresh_token');
    expect((await t.call({ method: 'GET', url: `/api/users/${user.id}/connections/google` })).status).toBe(404);
  });

  it('marks a revoked connection needs_reconnect once, then stops asking Google until the user reconnects', async () => {
    const user = await addUser(t);
    const account = await t.control.createAccount({ email: user.email });
    expect((await connect(user.id, account.refreshToken)).status).toBe(201);
    await t.control.revokeRefreshTokens(user.email);
    await t.control.clearRequestLog();
    const tokenCall = () => t.call({ method: 'POST', url: `/api/internal/users/${user.id}/google-token`, payload: { rejected: 'stale' } });
    const first = await tokenCall();
    expect(first.status).toBe(409);
    expect(first.body.error.code).toBe('needs_reconnect');
    const second = await tokenCall();
    expect(second.status).toBe(409);
    const tokenRequests = (await t.control.requestLog()).filter((entry) => entry.endpoint === 'oauth.token');
    expect(tokenRequests).toHaveLength(1);
    const view = await t.call({ method: 'GET', url: `/api/users/${user.id}/connections/google` });
    expect(view.body).toMatchObject({ status: 'needs_reconnect', statusReason: expect.stringMatching(/revoked or expired/) });
    const targets = await t.call({ method: 'GET', url: '/api/internal/sync-targets' });
    expect(targets.body.targets).toContainEqual(expect.objectContaining({ userId: user.id, status: 'needs_reconnect' }));

    const fresh = await t.control.issueRefreshToken(user.email);
    expect((await connect(user.id, fresh)).status).toBe(201);
    expect((await tokenCall()).status).toBe(200);
  });

  it('connects through the consent screen: PKCE, loopback callback, one-time state', async () => {
    const user = await addUser(t);
    await t.control.createAccount({ email: user.email });
    const started = await t.call({ method: 'POST', url: `/api/users/${user.id}/connections/google/consent` });
    expect(started.status).toBe(200);
    const consent = new URL(started.body.consentUrl);
    expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(consent.searchParams.get('redirect_uri')).toBe('http://127.0.0.1:3100/api/oauth/google/callback');
    expect(consent.searchParams.get('login_hint')).toBe(user.email);

    const redirect = await fetch(consent, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const callback = new URL(redirect.headers.get('location') ?? '');
    const landed = await t.call({ method: 'GET', url: `${callback.pathname}${callback.search}`, token: null });
    expect(landed.status).toBe(200);
    expect(String(landed.body)).toContain('Google account connected');
    const view = await t.call({ method: 'GET', url: `/api/users/${user.id}/connections/google` });
    expect(view.body.status).toBe('connected');

    const replay = await t.call({ method: 'GET', url: `${callback.pathname}${callback.search}`, token: null });
    expect(replay.status).toBe(400);
    expect(String(replay.body)).toContain('unknown, used or expired');
    const forged = await t.call({ method: 'GET', url: '/api/oauth/google/callback?state=forged&code=x', token: null });
    expect(forged.status).toBe(400);
  });

  it('keeps users apart and validates input', async () => {
    const ann = await addUser(t);
    const bob = await addUser(t);
    const asBob = await t.call({ method: 'GET', url: `/api/users/${ann.id}/sync`, token: bob.token });
    expect(asBob.status).toBe(404);
    const internal = await t.call({ method: 'GET', url: '/api/internal/sync-targets', token: bob.token });
    expect(internal.status).toBe(404);
    const bad = await connect(ann.id, 'short');
    expect(bad.status).toBe(400);
    const badReport = await t.call({ method: 'PUT', url: `/api/internal/users/${ann.id}/sync`, payload: { sources: [{ source: 'fax', resource: '', ok: true, nextPollAt: null }] } });
    expect(badReport.status).toBe(400);
  });

  it('reports sync state per source, moving a cursor only on success', async () => {
    const user = await addUser(t);
    const account = await t.control.createAccount({ email: user.email });
    await connect(user.id, account.refreshToken);
    const report = (body: Record<string, unknown>) => t.call({ method: 'PUT', url: `/api/internal/users/${user.id}/sync`, payload: body });
    const nextPollAt = new Date(Date.now() + 30_000).toISOString();
    expect((await report({ sources: [{ source: 'gmail', resource: '', ok: true, cursor: 'h-100', nextPollAt }] })).status).toBe(204);
    await report({
      sources: [{ source: 'gmail', resource: '', ok: false, cursor: 'h-999', error: 'Gmail answered 503', nextPollAt }],
      breaker: { state: 'closed', consecutiveFailures: 1, openUntil: null, snapshot: { kept: 'as sent' } },
    });
    const targets = await t.call({ method: 'GET', url: '/api/internal/sync-targets' });
    const mine = targets.body.targets.find((target: { userId: string }) => target.userId === user.id);
    expect(mine.sources[0]).toEqual({ source: 'gmail', resource: '', cursor: 'h-100' });
    expect(mine.breaker).toMatchObject({ consecutiveFailures: 1, snapshot: { kept: 'as sent' } });
    const view = await t.call({ method: 'GET', url: `/api/users/${user.id}/sync`, token: user.token });
    expect(view.status).toBe(200);
    expect(view.body.connection.status).toBe('connected');
    expect(view.body.breaker).toEqual({ state: 'closed', consecutiveFailures: 1, openUntil: null, nextProbeAt: null });
    expect(view.body.sources[0]).toMatchObject({
      source: 'gmail',
      hasCursor: true,
      lastError: 'Google had a server error (503); SkyTwin retries on its own',
      lastErrorDetail: 'Gmail answered 503',
      lastErrorAt: expect.any(String),
      status: 'failing',
      nextPollAt,
      lastSuccessAt: expect.any(String),
    });
    expect(view.body.summary).toBe('Gmail failing: Google had a server error (503); SkyTwin retries on its own · Calendar not synced yet');
    expect(view.body.sources[1]).toMatchObject({ source: 'calendar', resource: 'primary', hasCursor: false, lastSuccessAt: null });
  });
});

describe('choosing calendars', () => {
  let t: GoogleTestApp;
  beforeAll(async () => {
    t = await startGoogleTestApp();
  });
  afterAll(async () => t.close());

  it('lists the calendars Google has for the user, marks the watched ones, and answers Google failures as 502', async () => {
    const user = await addUser(t);
    const account = await t.control.createAccount({ email: user.email });
    await t.control.addCalendar(user.email, { id: 'team@group.calendar.google.com', summary: 'Team' });
    await t.call({ method: 'POST', url: `/api/users/${user.id}/connections/google`, payload: { refreshToken: account.refreshToken } });
    const listed = await t.call({ method: 'GET', url: `/api/users/${user.id}/connections/google/calendars`, token: user.token });
    expect(listed.status).toBe(200);
    expect(listed.body.watched).toEqual(['primary']);
    expect(listed.body.available).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ primary: true, watched: true }),
        expect.objectContaining({ id: 'team@group.calendar.google.com', summary: 'Team', primary: false, watched: false }),
      ]),
    );
    const chosen = await t.call({ method: 'PUT', url: `/api/users/${user.id}/connections/google/calendars`, payload: { calendars: ['primary', 'team@group.calendar.google.com'] } });
    expect(chosen.body.calendars).toEqual(['primary', 'team@group.calendar.google.com']);

    await t.control.addFault({ endpoint: 'calendar.*', account: user.email, status: 403, reason: 'insufficientPermissions', times: 1 });
    const refused = await t.call({ method: 'GET', url: `/api/users/${user.id}/connections/google/calendars` });
    expect(refused.status).toBe(502);
    expect(refused.body.error.code).toBe('google_refused');
  });
});
