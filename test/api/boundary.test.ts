import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseDigest } from '../support/digest.js';
import { addUser } from '../support/users.js';

describe('the rest of the boundary: guessing, framing, other origins', () => {
  let t: TestApp;
  let user: { id: string; token: string };
  beforeAll(async () => {
    t = await startTestApp();
    user = await addUser(t);
  });
  afterAll(async () => t.close());

  it('refuses a client that keeps presenting wrong tokens, but never the owner', async () => {
    const wrong = (n: number) => t.call({ method: 'GET', url: '/api/users', token: `stu_wrong-${n}-xxxxxxxxxxxxxxxxxxxx`, remoteAddress: '127.0.0.9' });
    for (let n = 0; n < 10; n++) expect((await wrong(n)).status).toBe(401);
    const throttled = await wrong(10);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('too_many_failed_tokens');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(throttled.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Even the right user token waits: while refused, a guess cannot tell right from wrong.
    expect((await t.call({ method: 'GET', url: '/api/users', token: user.token, remoteAddress: '127.0.0.9' })).status).toBe(429);
    expect((await t.call({ method: 'GET', url: '/api/users', remoteAddress: '127.0.0.9' })).status).toBe(200);
    // Another client is not affected.
    expect((await t.call({ method: 'GET', url: '/api/users', token: user.token, remoteAddress: '127.0.0.10' })).status).toBe(200);
    t.clock.advance(61_000);
    expect((await wrong(11)).status).toBe(401);
    expect((await t.call({ method: 'GET', url: '/api/users', token: user.token, remoteAddress: '127.0.0.9' })).status).toBe(200);
  });

  it('sends the security headers on every answer, and forbids framing any page', async () => {
    for (const url of ['/api/health/live', '/api/users', '/api/nowhere', '/']) {
      const answer = await t.call({ method: 'GET', url });
      expect(answer.headers['x-content-type-options'], url).toBe('nosniff');
      expect(answer.headers['referrer-policy'], url).toBe('no-referrer');
      expect(String(answer.headers['content-security-policy']), url).toContain("frame-ancestors 'none'");
    }
    const page = await t.call({ method: 'GET', url: '/', token: null });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-type'])).toContain('text/html');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(page.headers['content-security-policy'])).not.toContain('unsafe-inline');
    expect(String(page.body)).not.toMatch(/<script>(?!<\/script>)|<style>|\sstyle="|\son\w+="/);
    expect(String(page.headers['cache-control'])).toBe('no-cache');
    // The page's script, by the content-hashed name the build gave it, kept by the browser for a year.
    const scriptUrl = /<script type="module"[^>]* src="(\/assets\/[^"]+\.js)"/.exec(String(page.body))?.[1] ?? '';
    expect(scriptUrl).toMatch(/^\/assets\/index-[\w-]+\.js$/);
    const script = await t.call({ method: 'GET', url: scriptUrl, token: null });
    expect(script.status).toBe(200);
    expect(String(script.headers['content-type'])).toContain('javascript');
    expect(String(script.headers['cache-control'])).toContain('immutable');
    expect((await t.call({ method: 'GET', url: '/assets/..%2Fpackage.json', token: null })).status).toBe(404);
    expect((await t.call({ method: 'GET', url: '/assets/..%2Findex.html', token: null })).status).toBe(404);
    expect((await t.call({ method: 'GET', url: '/assets/nothing.js', token: null })).status).toBe(404);
    const cached = await t.call({ method: 'GET', url: '/', token: null, headers: { 'if-none-match': String(page.headers.etag) } });
    expect(cached.status).toBe(304);
    // The browser applies a 304's policy to the page it kept: it must still allow the page's script.
    expect(String(cached.headers['content-security-policy'])).toContain("script-src 'self'");
    // Every view has an address of its own that answers the same page.
    for (const url of ['/activity', '/twin', '/settings', '/connections', '/users', `/decisions/${user.id}`]) {
      const view = await t.call({ method: 'GET', url, token: null });
      expect(view.status, url).toBe(200);
      expect(String(view.headers['content-security-policy']), url).toContain("script-src 'self'");
    }
  });

  it("refuses a change asked for by another origin's page, even with a valid token", async () => {
    const before = await databaseDigest(t);
    const url = `/api/users/${user.id}/settings`;
    const payload = { trustTiers: { email: 'high' } };
    for (const headers of [{ origin: 'http://evil.example' }, { origin: 'null' }, { origin: 'http://127.0.0.1:9999' }, { 'sec-fetch-site': 'cross-site' }]) {
      const answer = await t.call({ method: 'PUT', url, payload, headers });
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.body.error.code).toBe('cross_origin');
    }
    expect((await t.call({ method: 'POST', url: '/api/events/ingest', payload: {}, headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect(await databaseDigest(t)).toBe(before);
    // Its own page, and clients that are not browsers, may.
    const own = await t.call({ method: 'PUT', url, payload, headers: { origin: `http://127.0.0.1:${t.port()}`, 'sec-fetch-site': 'same-origin' } });
    expect(own.status).toBe(200);
    expect((await t.call({ method: 'PUT', url, payload: { trustTiers: { email: 'suggest' } } })).status).toBe(200);
    // Reading is not a change: the browser keeps the answer from the other page anyway.
    expect((await t.call({ method: 'GET', url, headers: { origin: 'http://evil.example' } })).status).toBe(200);
  });
});
