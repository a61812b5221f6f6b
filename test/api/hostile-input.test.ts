import { sql } from 'kysely';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandling } from '../../src/api/plugins/errors.js';
import { MAX_JSON_DEPTH } from '../../src/api/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseDigest } from '../support/digest.js';
import { emailSignal, invitation } from '../support/signals.js';
import { addUser, countRows, ingest } from '../support/users.js';

type Answer = Awaited<ReturnType<TestApp['call']>>;

const NUL = 'a\u0000b';
const LONE = 'a\ud800b';

function expectRefused(answer: Answer, status: number, field?: string): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String), details: expect.any(Array) } });
  if (field) expect(JSON.stringify(answer.body.error)).toContain(field);
}

describe('input the database or the pipeline cannot take is refused up front and changes nothing', () => {
  let t: TestApp;
  let user: { id: string; token: string };
  let approvalId: string;
  beforeAll(async () => {
    t = await startTestApp();
    user = await addUser(t);
    await t.call({ method: 'PUT', url: `/api/users/${user.id}/settings`, payload: { trustTiers: { email: 'suggest' } } });
    const asked = await ingest(t, emailSignal(user.id, { from: 'Carol <carol@partner.example>', subject: 'Can you review the contract by Friday?' }));
    const approvals = await t.call({ method: 'GET', url: `/api/users/${user.id}/approvals` });
    approvalId = approvals.body.approvals.find((a: { decisionId: string }) => a.decisionId === asked.decisionId)?.id;
    expect(approvalId).toBeTruthy();
  });
  afterAll(async () => t.close());

  /** Sends a request that must be refused, and checks the database did not move. */
  async function refused(options: Parameters<TestApp['call']>[0], status: number, field?: string): Promise<Answer> {
    const before = await databaseDigest(t);
    const answer = await t.call(options);
    expectRefused(answer, status, field);
    expect(await databaseDigest(t), `${options.method} ${options.url} changed the database`).toBe(before);
    return answer;
  }

  it('refuses NUL and lone surrogates in every kind of field, naming it', async () => {
    for (const bad of [NUL, LONE]) {
      await refused({ method: 'POST', url: '/api/users', payload: { email: 'new@example.com', name: bad } }, 400, 'name');
      await refused({ method: 'POST', url: `/api/approvals/${approvalId}/reject`, payload: { reason: bad } }, 400, 'reason');
      await refused({ method: 'PUT', url: `/api/users/${user.id}/twin/preferences/email.newsletter`, payload: { value: bad } }, 400, 'value');
      await refused({ method: 'PUT', url: `/api/users/${user.id}/settings`, payload: { blockedDomains: [`x${bad}.example`] } }, 400, 'blockedDomains[0]');
      await refused({ method: 'PUT', url: `/api/users/${user.id}/connections/google/calendars`, payload: { calendars: [bad] } }, 400, 'calendars[0]');
      await refused({ method: 'POST', url: '/api/events/ingest', payload: emailSignal(user.id, { subject: bad }) }, 400, 'data.subject');
      await refused({ method: 'POST', url: '/api/events/ingest', payload: emailSignal(user.id, { to: ['ann@example.com', bad] }) }, 400, 'data.to[1]');
      await refused({ method: 'POST', url: '/api/events/ingest', payload: { ...emailSignal(user.id), externalId: bad } }, 400, 'externalId');
      await refused({ method: 'POST', url: '/api/events/ingest', payload: emailSignal(user.id, { extra: { [bad]: 1 } } as never) }, 400, 'data.extra');
      await refused({ method: 'POST', url: '/api/events/ingest', payload: { ...invitation(user.id), data: { ...invitation(user.id).data, summary: bad } } }, 400, 'data.summary');
    }
    await refused({ method: 'PUT', url: `/api/users/${user.id}/twin/preferences/email.%00news`, payload: { value: 'archive' } }, 400, 'params.key');
    await refused({ method: 'GET', url: `/api/users/${user.id}/decisions?cursor=%00` }, 400, 'query.cursor');
  });

  it('stores no user whose name is not valid text (it used to be altered silently)', async () => {
    const before = await countRows(t, 'users');
    await refused({ method: 'POST', url: '/api/users', payload: { email: 'lone@example.com', name: `Ann ${'\udc00'}` } }, 400, 'name');
    expect(await countRows(t, 'users')).toBe(before);
    const paired = await t.call({ method: 'POST', url: '/api/users', payload: { email: 'emoji@example.com', name: 'Ann 😀' } });
    expect(paired.status).toBe(201);
    expect(paired.body.name).toBe('Ann 😀');
  });

  it('refuses nesting deeper than the bound and bodies over the limit, in the error shape', async () => {
    const deep = (levels: number): string => `${'['.repeat(levels)}1${']'.repeat(levels)}`;
    const signal = JSON.stringify(emailSignal(user.id, { nested: 'HERE' } as never));
    const body = signal.replace('"HERE"', deep(5000));
    await refused({ method: 'POST', url: '/api/events/ingest', payload: body, headers: { 'content-type': 'application/json' } }, 400, 'nests deeper');
    const fine = signal.replace('"HERE"', deep(MAX_JSON_DEPTH - 4));
    expect((await t.call({ method: 'POST', url: '/api/events/ingest', payload: fine, headers: { 'content-type': 'application/json' } })).status).toBe(200);
    await refused({ method: 'PUT', url: `/api/users/${user.id}/settings`, payload: { blockedDomains: ['a'.repeat(2 * 1024 * 1024)] } }, 413);
  });

  it('bounds dates to 1970-2100 in signals and pagination cursors', async () => {
    await refused({ method: 'POST', url: '/api/events/ingest', payload: emailSignal(user.id, {}, '0000-01-01T00:00:00Z') }, 400, 'occurredAt');
    await refused({ method: 'POST', url: '/api/events/ingest', payload: emailSignal(user.id, {}, '1969-12-31T23:59:59Z') }, 400, 'occurredAt');
    await refused({ method: 'POST', url: '/api/events/ingest', payload: emailSignal(user.id, {}, '2101-01-01T00:00:01Z') }, 400, 'occurredAt');
    await refused({ method: 'POST', url: '/api/events/ingest', payload: invitation(user.id, { start: '0000-01-01T10:00:00Z' }) }, 400, 'data.start');
    await refused({ method: 'POST', url: '/api/events/ingest', payload: invitation(user.id, { end: '9999-12-31T10:00:00Z' }) }, 400, 'data.end');
    expect((await t.call({ method: 'POST', url: '/api/events/ingest', payload: emailSignal(user.id, {}, '2100-12-31T23:59:59Z') })).status).toBe(200);
    const report = (nextPollAt: string) => ({ sources: [{ source: 'gmail', resource: 'INBOX', ok: true, cursor: '1', error: null, nextPollAt }] });
    await refused({ method: 'PUT', url: `/api/internal/users/${user.id}/sync`, payload: report('0000-01-01T00:00:00Z') }, 400, 'nextPollAt');
    await refused({ method: 'PUT', url: `/api/internal/users/${user.id}/sync`, payload: report('2200-01-01T00:00:00Z') }, 400, 'nextPollAt');
    for (const forged of [`275760-09-13T00:00:00.000Z|${'0'.repeat(8)}-0000-4000-8000-000000000000`, 'x|y', '0000-01-01T00:00:00Z|00000000-0000-4000-8000-000000000000']) {
      const cursor = Buffer.from(forged).toString('base64url');
      await refused({ method: 'GET', url: `/api/users/${user.id}/decisions?cursor=${cursor}` }, 400, 'cursor');
    }
  });

  it('lets later versions of an event through when a stored version has an unreadable span', async () => {
    const first = invitation(user.id, { start: '2026-12-10T10:00:00Z', end: '2026-12-10T11:00:00Z' });
    await ingest(t, first);
    await sql`UPDATE calendar_events SET starts_at = '0001-01-01 00:00:00+00 BC', ends_at = '0001-01-01 01:00:00+00 BC' WHERE event_id = ${first.data.eventId}`.execute(t.database.db);
    const moved = { ...first, externalId: `primary/${first.data.eventId}@2`, data: { ...first.data, start: '2026-12-11T10:00:00Z', end: '2026-12-11T11:00:00Z' } };
    expect((await t.call({ method: 'POST', url: '/api/events/ingest', payload: moved })).status).toBe(200);
    await sql`UPDATE calendar_events SET starts_at = '0001-01-01 00:00:00+00 BC' WHERE event_id = ${first.data.eventId}`.execute(t.database.db);
    const cancelled = { ...first, externalId: `primary/${first.data.eventId}@3`, data: { ...first.data, status: 'cancelled' as const } };
    expect((await t.call({ method: 'POST', url: '/api/events/ingest', payload: { signals: [cancelled] } })).status).toBe(200);
  });

  it('converts no types: a wrong type is refused and the settings stay as they were', async () => {
    const url = `/api/users/${user.id}/settings`;
    for (const payload of [
      { spendLimits: { perActionCents: true } },
      { spendLimits: { perActionCents: '500' } },
      { trustTiers: { email: ['high'] } },
      { quietHours: false },
      { domainOverrides: { email: { allowIrreversible: ['launch_missiles'] } } },
      { trustProgression: { enabled: 'yes' } },
    ]) {
      await refused({ method: 'PUT', url, payload }, 400);
    }
    const allowed = await t.call({ method: 'PUT', url, payload: { domainOverrides: { email: { allowIrreversible: ['send_email'] } } } });
    expect(allowed.status).toBe(200);
    // Query strings are text by nature and still convert.
    expect((await t.call({ method: 'GET', url: `/api/users/${user.id}/decisions?limit=2` })).body.decisions).toHaveLength(2);
  });

  it('says what a bad tier may be, once', async () => {
    const answer = await refused({ method: 'PUT', url: `/api/users/${user.id}/settings`, payload: { trustTiers: { email: 'godmode' } } }, 400);
    expect(answer.body.error.message).toBe('Invalid body: trustTiers.email must be one of observer, suggest, low, moderate, high');
    expect(answer.body.error.details).toEqual([{ field: 'trustTiers.email', message: 'must be one of observer, suggest, low, moderate, high' }]);
    const quiet = await refused({ method: 'PUT', url: `/api/users/${user.id}/settings`, payload: { quietHours: { start: '22:00' } } }, 400);
    expect(quiet.body.error.message).toContain('quietHours.end is required');
    expect(quiet.body.error.message).not.toContain('must be null');
  });

  it('writes all of a batch or none of it', async () => {
    const other = await addUser(t);
    const before = await countRows(t, 'signals');
    await refused({ method: 'POST', url: '/api/events/ingest', payload: { signals: [emailSignal(user.id), emailSignal(other.id, { subject: NUL })] } }, 400, 'signals[1].data.subject');
    await refused({ method: 'POST', url: '/api/events/ingest', payload: { signals: [emailSignal(user.id), emailSignal('00000000-0000-4000-8000-00000000abcd')] } }, 404);
    expect(await countRows(t, 'signals')).toBe(before);
    const both = await t.call({ method: 'POST', url: '/api/events/ingest', payload: { signals: [emailSignal(user.id), emailSignal(other.id)] } });
    expect(both.status).toBe(200);
    expect(await countRows(t, 'signals')).toBe(before + 2);
  });

  it("answers the framework's own refusals in the error shape", async () => {
    const tooLong = await refused({ method: 'GET', url: `/api/decisions/${'a'.repeat(200)}` }, 414);
    expect(tooLong.headers['x-content-type-options']).toBe('nosniff');
    expect(tooLong.headers['x-frame-options']).toBe('DENY');
    await refused({ method: 'POST', url: '/api/users', payload: 'email=a@example.com', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415);
    await refused({ method: 'POST', url: '/api/users', payload: '{"email":', headers: { 'content-type': 'application/json' } }, 400, 'invalid_json');
    await refused({ method: 'POST', url: '/api/users', payload: '{"__proto__":{"x":1},"email":"p@example.com"}', headers: { 'content-type': 'application/json' } }, 400);
  });

  it('takes an empty JSON body on approve and reject as {}', async () => {
    const signal = emailSignal(user.id, { from: 'Dan <dan@partner.example>', subject: 'Can you send the slides by Monday?' });
    const asked = await ingest(t, signal);
    const approval = (await t.call({ method: 'GET', url: `/api/users/${user.id}/approvals` })).body.approvals.find((a: { decisionId: string }) => a.decisionId === asked.decisionId);
    const rejected = await t.call({ method: 'POST', url: `/api/approvals/${approval.id}/reject`, payload: '', headers: { 'content-type': 'application/json' } });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    const approved = await t.call({ method: 'POST', url: `/api/approvals/${approvalId}/approve`, payload: '', headers: { 'content-type': 'application/json' } });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  });

  it('answers 404 to the owner for the decisions and approvals of a user that does not exist', async () => {
    const ghost = '00000000-0000-4000-8000-00000000dead';
    await refused({ method: 'GET', url: `/api/users/${ghost}/decisions` }, 404, ghost);
    await refused({ method: 'GET', url: `/api/users/${ghost}/approvals` }, 404, ghost);
    const fresh = await addUser(t);
    expect((await t.call({ method: 'GET', url: `/api/users/${fresh.id}/decisions` })).body.decisions).toEqual([]);
  });

  it('turns a data exception the database raises into a 400 in the error shape', async () => {
    const app = Fastify();
    installErrorHandling(app);
    app.get('/cast', async () => sql`SELECT ${'not a number'}::int AS n`.execute(t.database.db));
    app.get('/nul', async () => sql`SELECT ${'a\u0000b'}::text AS s`.execute(t.database.db));
    for (const url of ['/cast', '/nul']) {
      const answer = await app.inject({ method: 'GET', url });
      expect(answer.statusCode, answer.body).toBe(400);
      expect(answer.json()).toMatchObject({ error: { code: 'unstorable_value' } });
    }
    await app.close();
  });
});
