import { request as httpRequest } from 'node:http';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes, requireDeclaredAudience, type DeclaredRoute } from '../../src/api/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseDigest } from '../support/digest.js';
import { addUser } from '../support/users.js';

const SOME_ID = '00000000-0000-4000-8000-000000000000';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends the request line exactly as written: no client-side normalisation of the path. */
function raw(port: number, method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, method, path: target, agent: false, headers: { host: `127.0.0.1:${port}`, ...headers, ...(body ? { 'content-type': 'application/json' } : {}) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const bodyFor = (method: string): string | undefined => (['POST', 'PUT', 'PATCH'].includes(method) ? '{}' : undefined);

/** The route's path with every parameter filled in. */
function concrete(url: string): string {
  return url.replace(/:userId|:id/g, SOME_ID).replace(/:key/g, 'email.newsletter').replace(/:name/g, 'dashboard.js');
}

/** The ways a client can spell one path that a prefix comparison on the raw URL would not see. */
function spellings(path: string, port: number): Record<string, string> {
  const segments = path.split('/').slice(1);
  const escapeFirst = (segment: string) => (segment ? `%${segment.charCodeAt(0).toString(16)}${segment.slice(1)}` : segment);
  return {
    'percent-escaped': `/${segments.map(escapeFirst).join('/')}`,
    'percent-escaped slash': path.replace(/\//g, (slash, at: number) => (at === 0 ? slash : '%2F')),
    'absolute form': `http://127.0.0.1:${port}${path}`,
    'doubled slash': `/${path}`,
    'doubled inner slash': path.replace('/api/', '/api//'),
    'dot segment': path.replace('/api/', '/api/./'),
    'dot-dot segment': `/x/..${path}`,
    'upper case': path.toUpperCase(),
    'mixed case': path.replace('/api/', '/Api/'),
    'trailing slash': `${path}/`,
    'encoded dot segment': path.replace('/api/', '/api/%2e/'),
  };
}

describe('authorization follows the matched route, however its path is spelled', () => {
  let t: TestApp;
  let port: number;
  let routes: readonly DeclaredRoute[];
  let userToken: string;
  beforeAll(async () => {
    t = await startTestApp();
    userToken = (await addUser(t)).token;
    await t.listen();
    port = t.port();
    routes = declaredRoutes(t.app);
  });
  afterAll(async () => t.close());

  it('knows every route and who may call it', () => {
    expect(routes.length).toBeGreaterThan(25);
    const audienceOf = (method: string, url: string) => routes.find((r) => r.method === method && r.url === url)?.audience;
    expect(audienceOf('GET', '/api/health/live')).toBe('public');
    expect(audienceOf('POST', '/api/users')).toBe('owner');
    expect(audienceOf('GET', '/api/internal/sync-targets')).toBe('internal');
    expect(audienceOf('GET', '/api/users/:userId/decisions')).toBe('user');
    expect(audienceOf('GET', '/api/oauth/google/callback')).toBe('link');
  });

  it('refuses a route registered without a declared audience', async () => {
    const app = Fastify();
    requireDeclaredAudience(app);
    app.get('/declared', { config: { audience: 'user' } }, async () => ({}));
    expect(() => app.get('/forgotten', async () => ({}))).toThrow(/declares no audience/);
    await app.close();
  });

  it('answers every token route, in every spelling, without a token: 401, 404 or 400, and writes nothing', async () => {
    const before = await databaseDigest(t);
    const leaks: string[] = [];
    for (const route of routes.filter((r) => r.audience !== 'public' && r.audience !== 'link')) {
      const path = concrete(route.url);
      const body = bodyFor(route.method);
      const plain = await raw(port, route.method, path, {}, body);
      if (plain.status !== 401) leaks.push(`${route.method} ${path} (as written) answered ${plain.status}`);
      for (const [name, target] of Object.entries(spellings(path, port))) {
        const answer = await raw(port, route.method, target, {}, body);
        if (![400, 401, 404].includes(answer.status)) leaks.push(`${route.method} ${target} (${name}) answered ${answer.status}: ${answer.body.slice(0, 200)}`);
        else if (route.method !== 'HEAD') expect(JSON.parse(answer.body)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      }
    }
    expect(leaks).toEqual([]);
    expect(await databaseDigest(t)).toBe(before);
  });

  it('answers owner and internal routes called with a user token as if they did not exist', async () => {
    for (const route of routes.filter((r) => r.audience === 'owner' || r.audience === 'internal')) {
      const path = concrete(route.url);
      const answer = await raw(port, route.method, path, { authorization: `Bearer ${userToken}` }, bodyFor(route.method));
      expect(answer.status, `${route.method} ${path}`).toBe(404);
    }
  });

  it('answers public routes in any spelling without a token', async () => {
    expect((await raw(port, 'GET', '/%61pi/health/live')).status).toBe(200);
    expect((await raw(port, 'GET', '/')).status).toBe(200);
  });
});
