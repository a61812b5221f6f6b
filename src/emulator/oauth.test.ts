import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { googleError, ManualClock, startTestEmulator, type TestEmulator } from './emulator.testkit.js';

let t: TestEmulator;
afterEach(() => t?.close());

const REDIRECT = 'http://127.0.0.1:3100/oauth/callback';
const form = (values: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(values).toString(),
});

async function token(values: Record<string, string>): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${t.url}/token`, form(values));
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

async function authorize(params: Record<string, string>): Promise<URL> {
  const res = await fetch(`${t.url}/o/oauth2/v2/auth?${new URLSearchParams(params).toString()}`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') ?? '');
}

describe('authorization code flow with PKCE', () => {
  it('consents for the hinted account, checks the verifier, and exchanges the code once', async () => {
    t = await startTestEmulator();
    await t.control.createAccount({ email: 'bob@example.com' });
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const scope = 'https://www.googleapis.com/auth/gmail.modify https://www.googleapis.com/auth/calendar';
    const location = await authorize({
      client_id: 'skytwin-client',
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope,
      state: 'xyz-123',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      access_type: 'offline',
      login_hint: 'bob@example.com',
    });
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('xyz-123');
    const code = location.searchParams.get('code') ?? '';
    expect(code).not.toBe('');

    const exchange = { grant_type: 'authorization_code', code, client_id: 'skytwin-client', client_secret: 'secret', redirect_uri: REDIRECT };
    const wrong = await token({ ...exchange, code_verifier: randomBytes(32).toString('base64url') });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');
    const noVerifier = await token(exchange);
    expect(noVerifier.body.error).toBe('invalid_request');
    const otherRedirect = await token({ ...exchange, code_verifier: verifier, redirect_uri: 'http://127.0.0.1:9/elsewhere' });
    expect(otherRedirect.body.error).toBe('redirect_uri_mismatch');

    const ok = await token({ ...exchange, code_verifier: verifier });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toContain('no-store');
    expect(ok.body).toEqual({ access_token: expect.stringMatching(/^ya29\./), expires_in: 3600, scope, token_type: 'Bearer', refresh_token: expect.stringMatching(/^1\/\//) });
    const profile = await t.api<{ emailAddress: string }>('/gmail/v1/users/me/profile', { token: String(ok.body.access_token) });
    expect(profile.body.emailAddress).toBe('bob@example.com');

    const reused = await token({ ...exchange, code_verifier: verifier });
    expect(reused.body.error).toBe('invalid_grant');

    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: String(ok.body.refresh_token), client_id: 'skytwin-client', client_secret: 'secret' });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).not.toHaveProperty('refresh_token');
  });

  it('picks the first account without a login hint, and reports bad requests', async () => {
    t = await startTestEmulator();
    const location = await authorize({ client_id: 'c', redirect_uri: REDIRECT, response_type: 'code', scope: 'https://www.googleapis.com/auth/calendar' });
    const code = location.searchParams.get('code') ?? '';
    const ok = await token({ grant_type: 'authorization_code', code, client_id: 'c', client_secret: 's', redirect_uri: REDIRECT });
    const list = await t.api<{ items: { id: string }[] }>('/calendar/v3/users/me/calendarList', { token: String(ok.body.access_token) });
    expect(list.body.items[0]?.id).toBe(t.email);
    expect((await t.api('/gmail/v1/users/me/profile', { token: String(ok.body.access_token) })).status).toBe(403);

    const missingScope = await fetch(`${t.url}/o/oauth2/v2/auth?client_id=c&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code`, { redirect: 'manual' });
    expect(missingScope.status).toBe(400);
    expect(await missingScope.json()).toEqual({ error: 'invalid_request', error_description: 'Missing required parameter: scope' });
    expect((await token({ grant_type: 'authorization_code', code: 'made-up', client_id: 'c', redirect_uri: REDIRECT })).body.error).toBe('invalid_grant');
    expect((await token({ grant_type: 'password', client_id: 'c' })).body.error).toBe('unsupported_grant_type');
  });
});

describe('refresh, revoke and expiry', () => {
  it('refreshes an access token and answers invalid_request for missing parameters', async () => {
    t = await startTestEmulator();
    const ok = await token({ grant_type: 'refresh_token', refresh_token: t.refreshToken, client_id: 'c', client_secret: 's' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: expect.stringContaining('gmail.modify') });
    const missing = await token({ grant_type: 'refresh_token', client_id: 'c', client_secret: 's' });
    expect(missing).toMatchObject({ status: 400, body: { error: 'invalid_request', error_description: 'Missing required parameter: refresh_token' } });
    expect((await token({ refresh_token: t.refreshToken })).body).toMatchObject({ error: 'invalid_request' });
    const unknown = await token({ grant_type: 'refresh_token', refresh_token: '1//nope', client_id: 'c', client_secret: 's' });
    expect(unknown).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } });
  });

  it('a revoked refresh token answers invalid_grant and its access tokens stop working', async () => {
    t = await startTestEmulator();
    const fixed = await t.control.createAccount({ email: 'carol@example.com', refreshToken: 'fixed-refresh-token' });
    expect(fixed.refreshToken).toBe('fixed-refresh-token');
    const access = await token({ grant_type: 'refresh_token', refresh_token: 'fixed-refresh-token', client_id: 'c', client_secret: 's' });
    expect((await t.api('/gmail/v1/users/me/profile', { token: String(access.body.access_token) })).status).toBe(200);
    await t.control.revokeRefreshTokens('carol@example.com');
    const again = await token({ grant_type: 'refresh_token', refresh_token: 'fixed-refresh-token', client_id: 'c', client_secret: 's' });
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } });
    const denied = await t.api('/gmail/v1/users/me/profile', { token: String(access.body.access_token) });
    expect(denied.status).toBe(401);
    expect((await t.api('/gmail/v1/users/me/profile')).status).toBe(200);
  });

  it('an access token expires after its lifetime: 401 authError with WWW-Authenticate', async () => {
    const clock = new ManualClock(Date.parse('2026-11-24T09:00:00Z'));
    t = await startTestEmulator({ clock, accessTokenTtlSeconds: 60 });
    const ok = await token({ grant_type: 'refresh_token', refresh_token: t.refreshToken, client_id: 'c', client_secret: 's' });
    expect(ok.body.expires_in).toBe(60);
    const bearer = String(ok.body.access_token);
    clock.advance(59_000);
    expect((await t.api('/calendar/v3/users/me/calendarList', { token: bearer })).status).toBe(200);
    clock.advance(1_000);
    const expired = await t.api('/calendar/v3/users/me/calendarList', { token: bearer });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toBe('Bearer realm="https://accounts.google.com/", error="invalid_token"');
    expect(googleError(expired.body)).toMatchObject({ status: 'UNAUTHENTICATED', reason: 'authError' });
  });

  it('the control API expires access tokens now', async () => {
    t = await startTestEmulator();
    expect((await t.api('/gmail/v1/users/me/profile')).status).toBe(200);
    expect(await t.control.expireAccessTokens()).toBe(1);
    expect((await t.api('/gmail/v1/users/me/profile')).status).toBe(401);
    const fresh = await t.control.issueAccessToken(t.email);
    expect((await t.api('/gmail/v1/users/me/profile', { token: fresh.accessToken })).status).toBe(200);
  });

  it('accepts JSON at the token endpoint and revokes through /revoke', async () => {
    t = await startTestEmulator();
    const res = await fetch(`${t.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: t.refreshToken, client_id: 'c', client_secret: 's' }),
    });
    expect(res.status).toBe(200);
    const revoke = await fetch(`${t.url}/revoke?token=${encodeURIComponent(t.refreshToken)}`, { method: 'POST' });
    expect(revoke.status).toBe(200);
    expect((await token({ grant_type: 'refresh_token', refresh_token: t.refreshToken, client_id: 'c', client_secret: 's' })).body.error).toBe('invalid_grant');
  });
});
