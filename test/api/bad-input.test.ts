import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { emailSignal } from '../support/signals.js';
import { addUser, countRows } from '../support/users.js';

describe('bad input gets a 4xx in the error shape and writes nothing', () => {
  let t: TestApp;
  let user: { id: string; token: string };
  beforeAll(async () => {
    t = await startTestApp();
    user = await addUser(t);
  });
  afterAll(async () => t.close());

  const expectError = (response: { status: number; body: { error?: { code?: unknown; message?: unknown } } }, status: number, code?: string) => {
    expect(response.status).toBe(status);
    expect(typeof response.body.error?.message).toBe('string');
    expect(typeof response.body.error?.code).toBe('string');
    if (code) expect(response.body.error?.code).toBe(code);
  };

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const response = await t.call({ method: 'GET', url: '/api/health/live', headers: { host: 'evil.example:3100' } });
    expectError(response, 403, 'forbidden_host');
    const wrongPort = await t.call({ method: 'GET', url: '/api/users', headers: { host: '127.0.0.1:9999' } });
    expectError(wrongPort, 403, 'forbidden_host');
    const ok = await t.call({ method: 'GET', url: '/api/health/live', headers: { host: 'localhost:3100' } });
    expect(ok.status).toBe(200);
  });

  it('needs a valid token everywhere but health', async () => {
    expectError(await t.call({ method: 'GET', url: '/api/users', token: null }), 401, 'unauthorized');
    expectError(await t.call({ method: 'GET', url: '/api/users', token: 'nope' }), 401, 'unauthorized');
    expect((await t.call({ method: 'GET', url: '/api/health/live', token: null })).status).toBe(200);
  });

  it('answers malformed JSON, wrong types and missing fields with 400s naming the fields', async () => {
    const before = await countRows(t, 'signals');
    const malformed = await t.call({
      method: 'POST',
      url: '/api/events/ingest',
      payload: '{"userId": ',
      headers: { 'content-type': 'application/json' },
    });
    expectError(malformed, 400, 'invalid_json');

    const signal = emailSignal(user.id) as unknown as Record<string, unknown>;
    const { subject: _subject, ...dataWithoutSubject } = signal.data as Record<string, unknown>;
    const missing = await t.call({ method: 'POST', url: '/api/events/ingest', payload: { ...signal, data: dataWithoutSubject } });
    expectError(missing, 400, 'validation_failed');
    expect(JSON.stringify(missing.body.error.details)).toContain('data.subject');

    const wrongType = await t.call({ method: 'POST', url: '/api/events/ingest', payload: { ...signal, occurredAt: 42 } });
    expectError(wrongType, 400, 'validation_failed');
    expect(JSON.stringify(wrongType.body.error.details)).toContain('occurredAt');

    const badSource = await t.call({ method: 'POST', url: '/api/events/ingest', payload: { ...signal, source: 'fax' } });
    expectError(badSource, 400);

    const notUuid = await t.call({ method: 'POST', url: '/api/events/ingest', payload: { ...signal, userId: 'abc' } });
    expectError(notUuid, 400);

    const oneBadInBatch = await t.call({
      method: 'POST',
      url: '/api/events/ingest',
      payload: { signals: [emailSignal(user.id), { ...emailSignal(user.id), externalId: '' }] },
    });
    expectError(oneBadInBatch, 400);
    expect(JSON.stringify(oneBadInBatch.body.error.details)).toContain('signals[1].externalId');
    expect(await countRows(t, 'signals')).toBe(before);
  });

  it('answers unknown and foreign ids with 404, never touching other users', async () => {
    const other = await addUser(t);
    const unknownUser = await t.call({
      method: 'POST',
      url: '/api/events/ingest',
      payload: emailSignal('00000000-0000-4000-8000-000000000000'),
    });
    expectError(unknownUser, 404, 'not_found');
    const foreign = await t.call({ method: 'POST', url: '/api/events/ingest', payload: emailSignal(other.id), token: user.token });
    expectError(foreign, 404, 'not_found');
    expectError(await t.call({ method: 'GET', url: `/api/users/${other.id}/decisions`, token: user.token }), 404);
    expectError(await t.call({ method: 'GET', url: `/api/users/${other.id}/settings`, token: user.token }), 404);
    expectError(await t.call({ method: 'GET', url: '/api/decisions/00000000-0000-4000-8000-000000000000' }), 404);
    expectError(await t.call({ method: 'GET', url: '/api/decisions/not-a-uuid' }), 400);
    expectError(await t.call({ method: 'POST', url: '/api/approvals/00000000-0000-4000-8000-000000000000/approve' }), 404);
    expectError(await t.call({ method: 'GET', url: '/api/nowhere' }), 404);
  });

  it('refuses oversized bodies', async () => {
    const huge = emailSignal(user.id, { bodyText: 'x'.repeat(9 * 1024 * 1024) });
    const response = await t.call({ method: 'POST', url: '/api/events/ingest', payload: huge });
    expectError(response, 413, 'payload_too_large');
    const tooLongText = await t.call({ method: 'POST', url: '/api/events/ingest', payload: emailSignal(user.id, { bodyText: 'x'.repeat(300_000) }) });
    expectError(tooLongText, 400);
  });

  it('validates settings and changes nothing on a bad patch', async () => {
    const url = `/api/users/${user.id}/settings`;
    const before = (await t.call({ method: 'GET', url })).body;
    expectError(await t.call({ method: 'PUT', url, payload: { trustTiers: { email: 'godmode' } } }), 400);
    expectError(await t.call({ method: 'PUT', url, payload: { spendLimits: { perActionCents: 12.5 } } }), 400);
    expectError(await t.call({ method: 'PUT', url, payload: { spendLimits: { perActionCents: -1 } } }), 400);
    expectError(
      await t.call({ method: 'PUT', url, payload: { quietHours: { start: '25:00', end: '07:00', timeZone: 'Europe/Berlin' } } }),
      400,
    );
    expectError(await t.call({ method: 'PUT', url, payload: { quietHours: { start: '22:00', end: '07:00', timeZone: 'Mars/Base' } } }), 400);
    expectError(await t.call({ method: 'PUT', url, payload: { blockedDomains: ['not a domain'] } }), 400);
    expectError(await t.call({ method: 'PUT', url, payload: { surprise: true } }), 400);
    expect((await t.call({ method: 'GET', url })).body).toEqual(before);
  });

  it('validates users', async () => {
    expectError(await t.call({ method: 'POST', url: '/api/users', payload: { email: 'not-an-email' } }), 400);
    expectError(await t.call({ method: 'POST', url: '/api/users', payload: {} }), 400);
    const dup = await addUser(t);
    expectError(await t.call({ method: 'POST', url: '/api/users', payload: { email: dup.email } }), 409, 'email_taken');
    expectError(await t.call({ method: 'POST', url: '/api/users', payload: { email: 'x@example.com' }, token: dup.token }), 404);
  });
});
