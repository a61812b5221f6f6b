import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes } from '../../src/api/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseDigest } from '../support/digest.js';
import { emailSignal, invitation } from '../support/signals.js';
import { addUser, ingest } from '../support/users.js';

// Every write route, driven over HTTP with generated hostile bodies: valid bodies with one value
// swapped for something hostile, and random JSON. Whatever comes in, the API never answers 5xx,
// every refusal has the error shape, and a refused request leaves the database as it was.

const HOSTILE_STRINGS = ['\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '', ' ', 'a'.repeat(5000), '0000-01-01T00:00:00Z', '275760-09-13T00:00:00Z', '9'.repeat(40), '__proto__', '../../etc/passwd', '<script>', 'NaN', '-1'];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...HOSTILE_STRINGS, null, true, false, 0, -1, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER + 2, [], {}, ['high'], [null], { a: '\u0000' }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 60, max: 200 }).map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown),
);

type Path = (string | number)[];

function pathsOf(value: unknown, only?: (node: unknown) => boolean): Path[] {
  const paths: Path[] = [];
  const walk = (node: unknown, path: Path) => {
    if (!only || only(node)) paths.push(path);
    if (Array.isArray(node)) node.forEach((item, index) => walk(item, [...path, index]));
    else if (typeof node === 'object' && node !== null) Object.entries(node).forEach(([key, item]) => walk(item, [...path, key]));
  };
  walk(value, []);
  return paths;
}

/** A copy of `value` with the thing at `path` replaced by what `change` makes of it. */
function changeAt(value: unknown, path: Path, change: (old: unknown) => unknown): unknown {
  if (path.length === 0) return change(value);
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  node[last] = change(node[last]);
  return copy;
}

/** How a generated request body is made from a valid one. */
type Mutation = { kind: 'raw'; value: unknown } | { kind: 'replace'; pick: number; value: unknown } | { kind: 'taint'; pick: number; flaw: string; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('raw' as const), value: hostileValue }),
  fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: hostileValue }),
  fc.record({ kind: fc.constant('taint' as const), pick: fc.nat(), flaw: fc.constantFrom('\u0000', '\ud800', '\udc00', '\u0000\ud83d'), at: fc.nat() }),
);

function apply(valid: unknown, change: Mutation): unknown {
  if (change.kind === 'raw') return change.value;
  if (change.kind === 'replace') {
    const paths = pathsOf(valid);
    return changeAt(valid, paths[change.pick % paths.length] ?? [], () => change.value);
  }
  // A string the route takes, with a character no database stores slipped into it.
  const strings = pathsOf(valid, (node) => typeof node === 'string');
  const path = strings[change.pick % Math.max(1, strings.length)];
  if (!path) return valid;
  return changeAt(valid, path, (old) => {
    const text = String(old);
    const at = change.at % (text.length + 1);
    return `${text.slice(0, at)}${change.flaw}${text.slice(at)}`;
  });
}

describe('hostile bodies on every write route', () => {
  let t: TestApp;
  let userId: string;
  let approvalIds: string[];
  let decisionId: string;
  beforeAll(async () => {
    t = await startTestApp();
    userId = (await addUser(t)).id;
    await t.call({ method: 'PUT', url: `/api/users/${userId}/settings`, payload: { trustTiers: { email: 'suggest' } } });
    const asked = [];
    for (let n = 0; n < 6; n++) asked.push(await ingest(t, emailSignal(userId, { from: `P${n} <p${n}@partner.example>`, subject: 'Can you review the contract by Friday?' })));
    decisionId = asked[0]?.decisionId ?? '';
    const approvals = await t.call({ method: 'GET', url: `/api/users/${userId}/approvals` });
    approvalIds = (approvals.body.approvals as { id: string }[]).map((a) => a.id);
  });
  afterAll(async () => t.close());

  /** A body each write route accepts, to mutate. */
  function validBody(method: string, url: string): unknown {
    if (url === '/api/users') return { email: 'new@example.com', name: 'New User' };
    if (url === '/api/events/ingest') return { signals: [emailSignal(userId), invitation(userId)] };
    if (url.endsWith('/settings')) return { trustTiers: { email: 'low' }, spendLimits: { perActionCents: 500 }, quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' }, blockedDomains: ['example.org'], domainOverrides: { email: { allowIrreversible: ['send_email'] } } };
    if (url.includes('/twin/preferences/')) return { value: 'archive' };
    if (url.endsWith('/reject')) return { reason: 'not now' };
    if (url.endsWith('/edit')) return { parameters: { body: 'Thanks, will do.' } };
    if (url.endsWith('/feedback')) return { kind: 'correct', action: 'archive', parameters: {} };
    if (url.endsWith('/connections/google')) return { refreshToken: '1//refresh-token-xyz', calendars: ['primary'] };
    if (url.endsWith('/calendars')) return { calendars: ['primary', 'work@example.com'] };
    if (url.endsWith('/google-token')) return { rejected: 'ya29.old' };
    if (url.endsWith('/internal/users/:userId/sync'.replace(':userId', userId))) {
      return { sources: [{ source: 'gmail', resource: 'INBOX', ok: true, cursor: '123', error: null, nextPollAt: '2026-11-24T09:12:44Z' }] };
    }
    return method === 'DELETE' ? undefined : {};
  }

  it('never answers 5xx, always in the error shape, and a refusal changes nothing', async () => {
    const writes = declaredRoutes(t.app).filter((route) => ['POST', 'PUT', 'DELETE', 'PATCH'].includes(route.method) && route.audience !== 'public');
    expect(writes.length).toBeGreaterThanOrEqual(15);
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: writes.length - 1 }),
        fc.nat(),
        mutation,
        async (routeIndex, pick, change) => {
          const route = writes[routeIndex];
          if (!route) return;
          const url = route.url
            .replace(':userId', userId)
            .replace(':key', 'email.newsletter')
            .replace(':id', route.url.startsWith('/api/approvals') ? (approvalIds[pick % approvalIds.length] ?? '') : decisionId);
          const body = apply(validBody(route.method, url), change);
          const before = await databaseDigest(t);
          const answer = await t.app.inject({
            method: route.method as 'POST',
            url,
            headers: { host: `127.0.0.1:${t.port()}`, authorization: 'Bearer sto_test-owner-token-0123456789', 'content-type': 'application/json' },
            payload: JSON.stringify(body) ?? '',
          });
          const label = `${route.method} ${route.url} ${JSON.stringify(body)?.slice(0, 300)} -> ${answer.statusCode} ${answer.body.slice(0, 300)}`;
          if (answer.statusCode >= 500) failures.push(label);
          if (answer.statusCode >= 400) {
            const parsed = answer.json() as { error?: { code?: unknown; message?: unknown; details?: unknown } };
            if (typeof parsed.error?.code !== 'string' || typeof parsed.error.message !== 'string' || !Array.isArray(parsed.error.details)) failures.push(`shape: ${label}`);
            if ((await databaseDigest(t)) !== before) failures.push(`changed the database: ${label}`);
          }
          expect(failures).toEqual([]);
        },
      ),
      { numRuns: 400, seed: Number(process.env.SKYTWIN_PROPERTY_SEED ?? 20261202) },
    );
  });
});
