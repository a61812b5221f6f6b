import { describe, expect, it } from 'vitest';
import { errorFromResponse, readGoogleErrorBody } from './classify.js';
import { googleError } from './scripted-server.testkit.js';
import { redact } from './redact.js';

const now = new Date('2025-03-10T12:00:00Z');
const context = { operation: 'gmail.messages.list', now, secrets: ['s3cret-token'] };

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return { status, headers: new Headers(headers), text: typeof body === 'string' ? body : JSON.stringify(body), durationMs: 1 };
}

describe('readGoogleErrorBody', () => {
  it('reads both REST and token-endpoint shapes', () => {
    expect(readGoogleErrorBody(JSON.stringify(googleError(429, 'rateLimitExceeded', 'Slow down')))).toEqual({ reason: 'rateLimitExceeded', message: 'Slow down' });
    expect(readGoogleErrorBody('{"error":"invalid_grant","error_description":"Bad Request"}')).toEqual({ reason: 'invalid_grant', message: 'Bad Request' });
    expect(readGoogleErrorBody('<html>')).toEqual({ reason: null, message: null });
  });

  it('falls back to the ErrorInfo reason of newer error bodies', () => {
    const body = { error: { code: 403, message: 'Quota', status: 'PERMISSION_DENIED', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'RATE_LIMIT_EXCEEDED' }] } };
    expect(readGoogleErrorBody(JSON.stringify(body)).reason).toBe('RATE_LIMIT_EXCEEDED');
    expect(errorFromResponse(answer(403, body), context)).toMatchObject({ code: 'google_transient', kind: 'rate_limited' });
  });
});

describe('errorFromResponse', () => {
  it.each([
    [429, 'rateLimitExceeded', 'google_transient'],
    [403, 'rateLimitExceeded', 'google_transient'],
    [403, 'userRateLimitExceeded', 'google_transient'],
    [403, 'dailyLimitExceeded', 'google_permanent'],
    [403, 'insufficientPermissions', 'google_permanent'],
    [403, 'forbidden', 'google_permanent'],
    [400, 'invalidArgument', 'google_permanent'],
    [404, 'notFound', 'google_permanent'],
    [409, 'duplicate', 'google_permanent'],
    [500, 'backendError', 'google_transient'],
    [502, 'backendError', 'google_transient'],
    [503, 'backendError', 'google_transient'],
    [504, 'backendError', 'google_transient'],
    [501, 'notImplemented', 'google_permanent'],
    [401, 'authError', 'google_unauthorized'],
  ])('HTTP %i %s → %s', (status, reason, code) => {
    expect(errorFromResponse(answer(status, googleError(status, reason, 'x')), context).code).toBe(code);
  });

  it('prefers the Retry-After header over the message hint', () => {
    const body = googleError(429, 'rateLimitExceeded', 'Retry after 2025-03-10T12:01:00Z');
    expect(errorFromResponse(answer(429, body, { 'retry-after': '5' }), context)).toMatchObject({ retryAfterMs: 5000 });
    expect(errorFromResponse(answer(429, body), context)).toMatchObject({ retryAfterMs: 60_000 });
    expect(errorFromResponse(answer(429, googleError(429, 'rateLimitExceeded', 'no hint')), context)).toMatchObject({ retryAfterMs: null });
  });
});

describe('redact', () => {
  it('removes known secrets, bearer values and Google token shapes', () => {
    const text = 'a s3cret-token b Bearer abc.def c ya29.a0AfH6SM-xyz d 1//0gLx-refresh e 4/0AX4XfWh-code';
    const safe = redact(text, ['s3cret-token']);
    for (const leaked of ['s3cret-token', 'abc.def', 'ya29.a0AfH6SM', '1//0gLx', '4/0AX4XfWh']) expect(safe).not.toContain(leaked);
    expect(safe).toContain('[redacted]');
  });

  it('keeps messages short', () => {
    expect(redact('x'.repeat(1000), []).length).toBeLessThanOrEqual(300);
  });
});
