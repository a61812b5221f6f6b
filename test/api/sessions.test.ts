import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER_TOKEN, startTestApp, type TestApp } from '../support/app.js';
import { backends } from '../support/database.js';
import { openSse } from '../support/sse.js';
import { addUser } from '../support/users.js';

/** Real HTTP on loopback: what a browser and the CLI do. */
describe.each(backends())('dashboard sign-in and cookie sessions (%s)', (backend) => {
  let t: TestApp;
  let base: string;
  let user: { id: string; token: string };
  beforeAll(async () => {
    t = await startTestApp(backend);
    base = await t.listen();
    user = await addUser(t);
  });
  afterAll(async () => t.close());

  const http = (path: string, init: RequestInit & { cookie?: string; bearer?: string; origin?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.cookie) headers.set('cookie', `skytwin_session=${init.cookie}`);
    if (init.bearer) headers.set('authorization', `Bearer ${init.bearer}`);
    if (init.origin) headers.set('origin', init.origin);
    if (init.body) headers.set('content-type', 'application/json');
    return fetch(`${base}${path}`, { ...init, headers, redirect: 'manual' });
  };
  const mint = async (bearer = OWNER_TOKEN, body: object = {}) => {
    const response = await http('/api/sessions', { method: 'POST', bearer, body: JSON.stringify(body) });
    expect(response.status).toBe(201);
    return (await response.json()) as { url: string; expiresAt: string; userId: string | null };
  };
  const signIn = async (bearer = OWNER_TOKEN, body: object = {}) => {
    const link = await mint(bearer, body);
    const response = await fetch(link.url, { redirect: 'manual' });
    expect(response.status).toBe(303);
    const cookie = /skytwin_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
    expect(cookie).toBeTruthy();
    return cookie as string;
  };

  it('mints a one-time link that swaps its code for an HttpOnly, SameSite=Strict cookie and leaves the address bar', async () => {
    const link = await mint();
    expect(link.url).toMatch(new RegExp(`^${base}/signin\\?code=[A-Za-z0-9_-]{43}$`));
    expect(new Date(link.expiresAt).getTime() - t.clock.now().getTime()).toBe(12 * 3600 * 1000);
    const first = await fetch(link.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const setCookie = first.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^skytwin_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=2592000$/);
    // The code is stored hashed: the database never holds the link's secret.
    const code = new URL(link.url).searchParams.get('code') ?? '';
    const rows = await t.database.db.selectFrom('sign_in_codes').select('code_hash').execute();
    expect(rows.some((row) => row.code_hash === code)).toBe(false);

    const again = await fetch(link.url, { redirect: 'manual' });
    expect(again.status).toBe(410);
    expect(again.headers.get('content-type')).toMatch(/^text\/html/);
    expect(again.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(again.headers.get('set-cookie')).toBeNull();
    const page = await again.text();
    expect(page).toMatch(/already used/);
    expect(page).toMatch(/npx skytwin dashboard/);
    expect(page).not.toMatch(/<script|style=/);
  });

  it('mints the owner\'s link for a POST with no body at all (curl -X POST)', async () => {
    const response = await fetch(`${base}/api/sessions`, { method: 'POST', headers: { authorization: `Bearer ${OWNER_TOKEN}` } });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ userId: null, url: expect.stringMatching(/\/signin\?code=/) });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses an expired link (12 hours, on the injected clock) and one it never made', async () => {
    const link = await mint();
    t.clock.advance(12 * 3600 * 1000 + 1);
    const expired = await fetch(link.url, { redirect: 'manual' });
    expect(expired.status).toBe(410);
    expect(await expired.text()).toMatch(/expired/);
    const unknown = await fetch(`${base}/signin?code=${'A'.repeat(43)}`, { redirect: 'manual' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toMatch(/not one SkyTwin made/);
    expect((await fetch(`${base}/signin`, { redirect: 'manual' })).status).toBe(400);
    const overlong = await fetch(`${base}/signin?code=${'A'.repeat(1000)}`, { redirect: 'manual' });
    expect(overlong.status).toBe(400);
    expect(overlong.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('a cookie session is the owner; it says who it is and until when', async () => {
    const cookie = await signIn();
    const me = await http('/api/session', { cookie });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { kind: string; userId: string | null; via: string; expiresAt: string };
    expect(body).toMatchObject({ kind: 'owner', userId: null, via: 'cookie' });
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(t.clock.now().getTime());
    expect((await http('/api/users', { cookie })).status).toBe(200);
    const token = await http('/api/session', { bearer: user.token });
    expect(await token.json()).toEqual({ kind: 'user', userId: user.id, via: 'token', expiresAt: null });
    const none = await http('/api/session');
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { message: string } }).error.message).toMatch(/npx skytwin dashboard/);
  });

  it('a change by cookie must come from SkyTwin\'s own page; a Bearer token needs no Origin', async () => {
    const cookie = await signIn();
    const body = () => JSON.stringify({ email: `c${Math.random().toString(36).slice(2)}@example.com` });
    const foreign = await http('/api/users', { method: 'POST', cookie, origin: 'http://evil.example', body: body() });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('cross_origin');
    const unnamed = await http('/api/users', { method: 'POST', cookie, body: body() });
    expect(unnamed.status).toBe(403);
    const otherPort = await http('/api/users', { method: 'POST', cookie, origin: 'http://127.0.0.1:1', body: body() });
    expect(otherPort.status).toBe(403);
    const own = await http('/api/users', { method: 'POST', cookie, origin: base, body: body() });
    expect(own.status).toBe(201);
    const sameSite = await http('/api/users', { method: 'POST', cookie, headers: { 'sec-fetch-site': 'same-origin' }, body: body() });
    expect(sameSite.status).toBe(201);
    const bearer = await http('/api/users', { method: 'POST', bearer: OWNER_TOKEN, body: body() });
    expect(bearer.status).toBe(201);
  });

  it('a cookie never reaches the worker\'s internal routes, even the owner\'s', async () => {
    const cookie = await signIn();
    expect((await http('/api/internal/sync-targets', { cookie })).status).toBe(404);
    expect((await http('/api/internal/sync-targets', { bearer: OWNER_TOKEN })).status).toBe(200);
  });

  it('a user\'s link opens a session confined to that user', async () => {
    const other = await addUser(t);
    const asked = await http('/api/sessions', { method: 'POST', bearer: user.token, body: JSON.stringify({ userId: other.id }) });
    expect(asked.status).toBe(404);
    const cookie = await signIn(user.token);
    expect(await (await http('/api/session', { cookie })).json()).toMatchObject({ kind: 'user', userId: user.id, via: 'cookie' });
    expect((await http(`/api/users/${user.id}`, { cookie })).status).toBe(200);
    expect((await http(`/api/users/${other.id}`, { cookie })).status).toBe(404);
    const create = await http('/api/users', { method: 'POST', cookie, origin: base, body: JSON.stringify({ email: 'x@example.com' }) });
    expect(create.status).toBe(404);
    // The owner may mint a link for a user.
    const forOther = await mint(OWNER_TOKEN, { userId: other.id });
    expect(forOther.userId).toBe(other.id);
  });

  it('sign-out ends the session: the cookie is cleared and refused afterwards', async () => {
    const cookie = await signIn();
    const out = await http('/api/session/signout', { method: 'POST', cookie, origin: base });
    expect(out.status).toBe(200);
    expect(await out.json()).toEqual({ signedOut: true });
    expect(out.headers.get('set-cookie')).toMatch(/^skytwin_session=; HttpOnly; SameSite=Strict; Path=\/; Max-Age=0$/);
    const after = await http('/api/session', { cookie });
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'session_ended' });
  });

  it('a signed-out cookie the browser still sends is cleared again and never counts as a guess', async () => {
    const cookie = await signIn();
    expect((await http('/api/session/signout', { method: 'POST', cookie, origin: base })).status).toBe(200);
    // More refusals than the failed-token allowance (10 a minute): a page's stream retrying after sign-out.
    for (let i = 0; i < 12; i++) {
      const refused = await http('/api/session', { cookie });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('set-cookie')).toMatch(/^skytwin_session=; .*Max-Age=0$/);
    }
    const fresh = await signIn();
    expect((await http('/api/session', { cookie: fresh })).status).toBe(200);
  });

  it('opens the live stream with the cookie alone, for the session\'s own user only', async () => {
    const cookie = await signIn(user.token);
    const client = await openSse(`${base}/api/users/${user.id}/stream`, { cookie: `skytwin_session=${cookie}` });
    expect(client.status).toBe(200);
    expect(client.headers.get('content-type')).toMatch(/^text\/event-stream/);
    client.close();
    const other = await addUser(t);
    expect((await http(`/api/users/${other.id}/stream`, { cookie })).status).toBe(404);
  });

  it('keeps sessions as rows, hashed, so a restart keeps people signed in', async () => {
    const cookie = await signIn();
    const rows = await t.database.db.selectFrom('sessions').select(['token_hash', 'user_id', 'revoked_at']).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((row) => row.token_hash === cookie)).toBe(false);
  });

  it('throttles a client that keeps presenting bad cookies, like wrong tokens', async () => {
    let last = 0;
    for (let i = 0; i < 11; i++) last = (await http('/api/session', { cookie: `bogus${'x'.repeat(40)}${i}` })).status;
    expect(last).toBe(429);
    // The owner's Bearer token is checked before the throttle.
    expect((await http('/api/session', { bearer: OWNER_TOKEN })).status).toBe(200);
  });
});

describe('a user\'s cookie session and the rate limit', () => {
  it('counts against the user, together with the user\'s token', async () => {
    const t = await startTestApp(undefined, undefined, { rateLimit: { limit: 4, windowMs: 60_000 } });
    try {
      const base = await t.listen();
      const user = await addUser(t);
      const minted = await fetch(`${base}/api/sessions`, { method: 'POST', headers: { authorization: `Bearer ${user.token}` } });
      expect(minted.status).toBe(201);
      const { url } = (await minted.json()) as { url: string };
      const cookie = /skytwin_session=([^;]+)/.exec((await fetch(url, { redirect: 'manual' })).headers.get('set-cookie') ?? '')?.[1] ?? '';
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const response = await fetch(`${base}/api/session`, { headers: { cookie: `skytwin_session=${cookie}` } });
        expect(response.headers.get('ratelimit-limit')).toBe('4');
        statuses.push(response.status);
      }
      // The token's request made one, the cookie's three more: the fifth of the user's is refused.
      expect(statuses).toEqual([200, 200, 200, 429]);
      const byToken = await fetch(`${base}/api/session`, { headers: { authorization: `Bearer ${user.token}` } });
      expect(byToken.status).toBe(429);
      expect(byToken.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await t.close();
    }
  });
});
