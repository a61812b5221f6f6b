import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { TSchema } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes, type DeclaredRoute } from '../../src/api/index.js';
import {
  CalendarListBody,
  ConnectionBody,
  ConsentStartBody,
  CreatedUserBody,
  ErrorBody,
  GoogleTokenBody,
  HealthLiveBody,
  HealthReadyBody,
  IngestAnswerBody,
  PollLeaseGrantBody,
  PollLeaseReleasedBody,
  SyncTargetsBody,
  UsersViewBody,
  UsersViewEntry,
} from '../../src/contract/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startGoogleTestApp, type GoogleTestApp } from '../support/google.js';
import { emailSignal, newsletter } from '../support/signals.js';
import { addUser, setSettings } from '../support/users.js';

/**
 * Routes whose answer is not JSON, so no JSON schema can describe it: Google's OAuth redirect
 * lands on an HTML page, the sign-in link sets a cookie and redirects, the live stream is
 * `text/event-stream`. Public routes (health, the dashboard's files) are not walked at all.
 */
const notJson = new Set(['GET /api/oauth/google/callback', 'GET /api/users/:userId/stream', 'GET /signin']);

/**
 * Routes that still answer a loose object. Each is converted to a contract schema in its own
 * area; the list only shrinks, and a route that has been converted must leave it (see below).
 */
const pendingRoutes: readonly string[] = [];

/**
 * Routes that change something but take no body (the path says it all), and ingest and sent mail,
 * whose body parseSignals checks against the contract's signal schemas signal by signal so that
 * every problem names its signal and field.
 */
const noBodySchema = new Set([
  'POST /api/events/ingest',
  'POST /api/events/sent-mail',
  'POST /api/decisions/:id/undo',
  'DELETE /api/users/:userId/twin/preferences/:key',
  'DELETE /api/users/:userId/twin/text-model',
  'POST /api/users/:userId/connections/google/consent',
  'POST /api/session/signout',
  'DELETE /api/session',
]);

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object schema that says nothing: no properties, and anything else allowed. */
function isLooseObject(schema: Json): boolean {
  const hasShape = [schema.properties, schema.patternProperties].some((value) => isRecord(value) && Object.keys(value).length > 0);
  return schema.type === 'object' && !hasShape && schema.additionalProperties !== false && !isRecord(schema.additionalProperties);
}

/** Paths inside `schema` (itself included) where a loose object hides. */
function looseObjectsIn(schema: unknown, at = '$'): string[] {
  if (Array.isArray(schema)) return schema.flatMap((item, index) => looseObjectsIn(item, `${at}[${index}]`));
  if (!isRecord(schema)) return [];
  const here = isLooseObject(schema) ? [at] : [];
  return [...here, ...Object.entries(schema).flatMap(([key, value]) => looseObjectsIn(value, `${at}.${key}`))];
}

/** What is wrong with the 2xx answers a route declares, or [] when each is a real schema. */
function responseProblems(route: DeclaredRoute): string[] {
  const response = route.schema?.response;
  if (!isRecord(response)) return ['declares no response schema'];
  const success = Object.entries(response).filter(([status]) => /^2(\d\d|xx)$/.test(status));
  if (success.length === 0) return ['declares no 2xx response schema'];
  return success.flatMap(([status, schema]) => looseObjectsIn(schema).map((path) => `${status} answers a loose object at ${path}`));
}

const routeName = (route: DeclaredRoute) => `${route.method} ${route.url}`;

describe('the HTTP contract: every route declares what it answers', () => {
  let t: TestApp;
  let routes: DeclaredRoute[];
  beforeAll(async () => {
    t = await startTestApp();
    // HEAD routes are Fastify's copies of the GET routes; they answer no body.
    routes = declaredRoutes(t.app).filter((route) => route.method !== 'HEAD' && route.audience !== 'public' && !notJson.has(routeName(route)));
  });
  afterAll(async () => t.close());

  it('finds the routes it walks', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.map(routeName)).toContain('POST /api/events/ingest');
  });

  it('has a real 2xx response schema on every JSON route but the pending ones', () => {
    const failures = routes
      .filter((route) => !pendingRoutes.includes(routeName(route)))
      .flatMap((route) => responseProblems(route).map((problem) => `${routeName(route)} ${problem}`));
    expect(failures).toEqual([]);
  });

  it('lists as pending only routes that exist and still answer a loose object', () => {
    const byName = new Map(routes.map((route) => [routeName(route), route]));
    const stale = pendingRoutes.filter((name) => {
      const route = byName.get(name);
      return !route || responseProblems(route).length === 0;
    });
    // A converted route leaves the list, so the list says what is left to do.
    expect(stale).toEqual([]);
  });

  it('declares the path parameters of every route that has some, and the body of every route that takes one', () => {
    const withoutParams = routes.filter((route) => route.url.includes(':') && !isRecord(route.schema?.params));
    expect(withoutParams.map(routeName)).toEqual([]);
    const takesBody = (route: DeclaredRoute) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method) && !noBodySchema.has(routeName(route));
    const withoutBody = routes.filter((route) => takesBody(route) && !isRecord(route.schema?.body));
    expect(withoutBody.map(routeName)).toEqual([]);
  });

  it('declares the error shape for 4xx and 5xx on every JSON route', () => {
    const missing = routes.filter((route) => {
      const response = route.schema?.response;
      return !isRecord(response) || response['4xx'] !== ErrorBody || response['5xx'] !== ErrorBody;
    });
    expect(missing.map(routeName)).toEqual([]);
  });
});

describe('answers match their schemas at run time', () => {
  let t: GoogleTestApp;
  // The API's own validator settings: formats checked, nothing removed or coerced.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const expectValid = (schema: TSchema, body: unknown, what: string) => {
    const validate = ajv.compile(schema);
    const ok = validate(body);
    expect(ok ? [] : validate.errors, `${what}: ${JSON.stringify(body)}`).toEqual([]);
  };
  beforeAll(async () => {
    t = await startGoogleTestApp();
  });
  afterAll(async () => t.close());

  it('health, live and ready, the latter as application/health+json', async () => {
    const live = await t.call({ method: 'GET', url: '/api/health/live', token: null });
    expect(live.status).toBe(200);
    expectValid(HealthLiveBody, live.body, 'live');
    const ready = await t.call({ method: 'GET', url: '/api/health/ready', token: null });
    expect(ready.status).toBe(200);
    expect(String(ready.headers['content-type'])).toContain('application/health+json');
    expectValid(HealthReadyBody, ready.body, 'ready');
    expect(ready.body.checks.database).toEqual([{ status: 'pass', output: 'test' }]);
  });

  it('users: the created user with its token and settings, one user, the list', async () => {
    const created = await t.call({ method: 'POST', url: '/api/users', payload: { email: `contract-${Date.now()}@example.com`, name: 'Contract Check' } });
    expect(created.status).toBe(201);
    expectValid(CreatedUserBody, created.body, 'created user');
    expect(created.body.settings.trustTiers).toEqual({ email: 'observer', calendar: 'observer', finance: 'observer' });
    const one = await t.call({ method: 'GET', url: `/api/users/${created.body.id}` });
    expectValid(UsersViewEntry, one.body, 'one user');
    expect(one.body).not.toHaveProperty('token');
    const list = await t.call({ method: 'GET', url: '/api/users' });
    expectValid(UsersViewBody, list.body, 'user list');
    const mine = await t.call({ method: 'GET', url: '/api/users', token: created.body.token });
    expect(mine.body.users.map((user: { id: string }) => user.id)).toEqual([created.body.id]);
  });

  it('ingest: a new signal and its duplicate', async () => {
    const user = await addUser(t);
    const signal = emailSignal(user.id);
    const first = await t.call({ method: 'POST', url: '/api/events/ingest', payload: { signals: [signal] } });
    expect(first.status).toBe(200);
    expectValid(IngestAnswerBody, first.body, 'ingest');
    expect(first.body.results[0]).toMatchObject({ externalId: signal.externalId, duplicate: false });
    expect(first.body.results[0].outcome).toBe('shadow');
    const again = await t.call({ method: 'POST', url: '/api/events/ingest', payload: signal });
    expectValid(IngestAnswerBody, again.body, 'duplicate ingest');
    expect(again.body.results[0]).toMatchObject({ decisionId: first.body.results[0].decisionId, duplicate: true, outcome: null });
  });

  it("a Google connection and the worker's routes: targets, token, lease claim, report, release", async () => {
    const user = await addUser(t);
    const account = await t.control.createAccount({ email: user.email });
    const stored = await t.call({ method: 'POST', url: `/api/users/${user.id}/connections/google`, payload: { refreshToken: account.refreshToken } });
    expect(stored.status).toBe(201);
    expectValid(ConnectionBody, stored.body, 'stored connection');
    expectValid(ConnectionBody, (await t.call({ method: 'GET', url: `/api/users/${user.id}/connections/google` })).body, 'connection');
    const calendars = await t.call({ method: 'GET', url: `/api/users/${user.id}/connections/google/calendars` });
    expect(calendars.status).toBe(200);
    expectValid(CalendarListBody, calendars.body, 'calendars');
    const consent = await t.call({ method: 'POST', url: `/api/users/${user.id}/connections/google/consent` });
    expect(consent.status).toBe(200);
    expectValid(ConsentStartBody, consent.body, 'consent');

    const report = { sources: [{ source: 'gmail', resource: '', ok: true, cursor: 'h-1', nextPollAt: null }], breaker: { state: 'closed', consecutiveFailures: 0, openUntil: null, snapshot: { kept: [1, 'two'] } } };
    expect((await t.call({ method: 'PUT', url: `/api/internal/users/${user.id}/sync`, payload: report })).status).toBe(204);
    const targets = await t.call({ method: 'GET', url: '/api/internal/sync-targets' });
    expectValid(SyncTargetsBody, targets.body, 'sync targets');
    const target = targets.body.targets.find((entry: { userId: string }) => entry.userId === user.id);
    // The breaker's opaque snapshot comes back whole: the worker restores itself from it.
    expect(target.breaker.snapshot).toEqual({ kept: [1, 'two'] });
    expect(target.sources[0]).toEqual({ source: 'gmail', resource: '', cursor: 'h-1' });

    const token = await t.call({ method: 'POST', url: `/api/internal/users/${user.id}/google-token`, payload: {} });
    expectValid(GoogleTokenBody, token.body, 'google token');
    const claim = await t.call({ method: 'POST', url: '/api/internal/sync-leases', payload: { workerId: 'contract-worker', leaseMs: 10_000 } });
    expect(claim.status).toBe(200);
    expectValid(PollLeaseGrantBody, claim.body, 'lease grant');
    expect(claim.body.targets.map((entry: { userId: string }) => entry.userId)).toContain(user.id);
    const released = await t.call({ method: 'POST', url: '/api/internal/sync-leases/release', payload: { workerId: 'contract-worker' } });
    expectValid(PollLeaseReleasedBody, released.body, 'lease release');
    expect(released.body.released).toBeGreaterThan(0);
  });

  it("every user GET answers what its own response schema says, on a user with decisions, approvals and a connection", async () => {
    const user = await addUser(t);
    const account = await t.control.createAccount({ email: user.email });
    expect((await t.call({ method: 'POST', url: `/api/users/${user.id}/connections/google`, payload: { refreshToken: account.refreshToken } })).status).toBe(201);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    const ingested = await t.call({ method: 'POST', url: '/api/events/ingest', payload: { signals: [newsletter(user.id), newsletter(user.id), emailSignal(user.id)] } });
    expect(ingested.status).toBe(200);
    expect(ingested.body.results.map((result: { outcome: string }) => result.outcome)).toContain('needs_approval');
    const decisionId: string = ingested.body.results[0].decisionId;
    const gets = declaredRoutes(t.app).filter((route) => route.method === 'GET' && route.audience === 'user' && !notJson.has(routeName(route)));
    expect(gets.length).toBeGreaterThan(10);
    for (const route of gets) {
      const url = route.url.replace(':userId', user.id).replace(':id', decisionId);
      const answer = await t.call({ method: 'GET', url });
      expect(answer.status, `${url}: ${JSON.stringify(answer.body)}`).toBe(200);
      const schema = (route.schema?.response as Record<string, TSchema>)['200'] as TSchema;
      expectValid(schema, answer.body, routeName(route));
    }
  });
});

describe('the contract stays importable by every client', () => {
  const root = join(import.meta.dirname, '..', '..');
  // `import type {…}`, or `import {…}` whose every name is marked `type`: erased at build time.
  const typeOnly = (keyword: string | undefined, clause: string) =>
    Boolean(keyword) || /^\{[^}]*\}$/.test(clause.trim()) && clause.replace(/[{}]/g, '').split(',').map((name) => name.trim()).filter(Boolean).every((name) => /^type\s/.test(name));
  const importsOf = (file: string) =>
    [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s+(type\s+)?([^'"]*?)\s*from\s+'([^']+)'/gm)].map((match) => ({
      typeOnly: typeOnly(match[1], match[2] ?? ''),
      from: match[3] as string,
    }));

  it('imports nothing at run time but TypeBox, its own files and the domain types', () => {
    const dir = join(root, 'src', 'contract');
    const allowed = (from: string) => from === '@sinclair/typebox' || from.startsWith('./') || from === '../domain/types.js';
    const offending = readdirSync(dir)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .flatMap((name) => importsOf(join(dir, name)).filter((found) => !allowed(found.from)).map((found) => `${name}: ${found.from}`));
    expect(offending).toEqual([]);
  });

  it('is imported by the web app for its types only', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : []));
    const runtime = files(join(root, 'web', 'src')).flatMap((file) =>
      importsOf(file).filter((found) => found.from.includes('/contract') && !found.typeOnly).map((found) => `${file}: ${found.from}`),
    );
    expect(runtime).toEqual([]);
  });
});
