import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GoogleClient, type GoogleClientOptions } from './client.js';
import {
  GoogleUnauthorizedError,
  HistoryExpiredError,
  PermanentGoogleError,
  SyncTokenExpiredError,
  TransientGoogleError,
} from './errors.js';
import type { GoogleLogEvent } from './log.js';
import { googleError, ScriptedServer } from './scripted-server.testkit.js';
import { singleFlightTokens } from './token-source.js';

const NOW = new Date('2025-03-10T12:00:00.000Z');
const LIST_BODY = { messages: [{ id: 'm1', threadId: 't1' }], resultSizeEstimate: 1 };
const rateLimited = (reason = 'rateLimitExceeded', status = 429) =>
  ({ status, body: googleError(status, reason, 'Rate Limit Exceeded', 'RESOURCE_EXHAUSTED') });

let server: ScriptedServer;
let events: GoogleLogEvent[];
let tokenFetches: number;

beforeEach(async () => {
  server = await ScriptedServer.start();
  events = [];
  tokenFetches = 0;
});

afterEach(async () => {
  await server.close();
});

function countingTokens() {
  return singleFlightTokens(async () => {
    tokenFetches += 1;
    return { token: `ya29.token-${tokenFetches}`, expiresAt: new Date(Date.now() + 3_600_000) };
  });
}

function client(overrides: Partial<GoogleClientOptions> = {}): GoogleClient {
  return new GoogleClient({
    apiBaseUrl: server.url,
    tokens: countingTokens(),
    retry: { timeScale: 0 },
    timeoutMs: 2000,
    log: (event) => events.push(event),
    now: () => NOW,
    ...overrides,
  });
}

function retryDelays(): number[] {
  return events.flatMap((event) => (event.type === 'retry' ? [event.delayMs] : []));
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('GoogleClient resilience', () => {
  it('returns the answer of a successful call, sending the bearer token', async () => {
    server.enqueue({ body: LIST_BODY });
    await expect(client().gmail.messages.list({ q: 'is:unread' })).resolves.toEqual(LIST_BODY);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer ya29.token-1');
    expect(retryDelays()).toEqual([]);
  });

  it('retries a 429 after 1 s', async () => {
    server.enqueue(rateLimited(), { body: LIST_BODY });
    await expect(client().gmail.messages.list()).resolves.toEqual(LIST_BODY);
    expect(server.requests).toHaveLength(2);
    expect(retryDelays()).toEqual([1000]);
  });

  it('retries a 500', async () => {
    server.enqueue({ status: 500, body: googleError(500, 'backendError', 'Backend Error', 'INTERNAL') }, { body: LIST_BODY });
    await expect(client().gmail.messages.list()).resolves.toEqual(LIST_BODY);
    expect(server.requests).toHaveLength(2);
  });

  it('retries 502, 503 and 504 even with a non-JSON body', async () => {
    server.enqueue({ status: 502, body: '<html>Bad Gateway</html>' }, { status: 503 }, { status: 504 }, { body: LIST_BODY });
    await expect(client().gmail.messages.list()).resolves.toEqual(LIST_BODY);
    expect(server.requests).toHaveLength(4);
  });

  it('gives up after 1 + 3 attempts, having waited 1 s, 2 s and 4 s', async () => {
    const unavailable = { status: 503, body: googleError(503, 'backendError', 'The service is currently unavailable.', 'UNAVAILABLE') };
    server.enqueue(unavailable, unavailable, unavailable, unavailable, { body: LIST_BODY });
    const error = await failure(client().gmail.messages.list());
    expect(error).toBeInstanceOf(TransientGoogleError);
    expect(error).toMatchObject({ code: 'google_transient', kind: 'server_error', status: 503, reason: 'backendError', operation: 'gmail.messages.list' });
    expect(server.requests).toHaveLength(4);
    expect(retryDelays()).toEqual([1000, 2000, 4000]);
  });

  it('waits the Retry-After seconds', async () => {
    server.enqueue({ ...rateLimited(), headers: { 'retry-after': '7' } }, { body: LIST_BODY });
    await client().gmail.messages.list();
    expect(retryDelays()).toEqual([7000]);
  });

  it('waits until a Retry-After HTTP date', async () => {
    server.enqueue({ status: 503, headers: { 'retry-after': new Date(NOW.getTime() + 12_000).toUTCString() } }, { body: LIST_BODY });
    await client().gmail.messages.list();
    expect(retryDelays()).toEqual([12_000]);
  });

  it("waits until the time in Gmail's \"Retry after\" message", async () => {
    const message = `User-rate limit exceeded.  Retry after ${new Date(NOW.getTime() + 20_500).toISOString()}`;
    server.enqueue({ status: 429, body: googleError(429, 'rateLimitExceeded', message, 'RESOURCE_EXHAUSTED') }, { body: LIST_BODY });
    await client().gmail.messages.list();
    expect(retryDelays()).toEqual([20_500]);
  });

  it('retries 403 rateLimitExceeded and userRateLimitExceeded', async () => {
    server.enqueue(rateLimited('rateLimitExceeded', 403), rateLimited('userRateLimitExceeded', 403), { body: LIST_BODY });
    await expect(client().gmail.messages.list()).resolves.toEqual(LIST_BODY);
    expect(server.requests).toHaveLength(3);
    expect(retryDelays()).toEqual([1000, 2000]);
  });

  it('does not retry a 400', async () => {
    server.enqueue({ status: 400, body: googleError(400, 'invalidArgument', 'Invalid query') }, { body: LIST_BODY });
    const error = await failure(client().gmail.messages.list({ q: '(' }));
    expect(error).toBeInstanceOf(PermanentGoogleError);
    expect(error).toMatchObject({ code: 'google_permanent', status: 400, reason: 'invalidArgument' });
    expect((error as Error).message).toContain('Invalid query');
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a 403 insufficientPermissions', async () => {
    server.enqueue({ status: 403, body: googleError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.', 'PERMISSION_DENIED') });
    const error = await failure(client().gmail.labels.list());
    expect(error).toBeInstanceOf(PermanentGoogleError);
    expect(error).toMatchObject({ status: 403, reason: 'insufficientPermissions' });
    expect(server.requests).toHaveLength(1);
  });

  it('retries after a dropped connection', async () => {
    server.enqueue({ drop: true }, { body: LIST_BODY });
    await expect(client().gmail.messages.list()).resolves.toEqual(LIST_BODY);
    expect(server.requests).toHaveLength(2);
    expect(events).toContainEqual(expect.objectContaining({ type: 'retry', kind: 'network', status: null, delayMs: 1000 }));
  });

  it('retries after a response slower than the timeout', async () => {
    // The slow answer would differ from the retry's, and it would come far later than the timeout.
    const SLOW_BODY = { messages: [], resultSizeEstimate: 0 };
    server.enqueue({ body: SLOW_BODY, delayMs: 30_000 }, { body: LIST_BODY });
    await expect(client({ timeoutMs: 150 }).gmail.messages.list()).resolves.toEqual(LIST_BODY);
    expect(server.requests).toHaveLength(2);
    expect(events).toContainEqual(expect.objectContaining({ type: 'retry', kind: 'timeout' }));
  });

  it('surfaces a timeout as a transient error once retries run out', async () => {
    const slow = { body: LIST_BODY, delayMs: 30_000 };
    server.enqueue(slow, slow);
    const error = await failure(client({ timeoutMs: 100, retry: { maxRetries: 1, timeScale: 0 } }).gmail.messages.list());
    expect(error).toMatchObject({ code: 'google_transient', kind: 'timeout', status: null });
    expect((error as Error).message).toContain('100 ms');
  });

  it('retries a 2xx whose body is not JSON', async () => {
    server.enqueue({ status: 200, body: '<html>captive portal</html>' }, { body: LIST_BODY });
    await expect(client().gmail.messages.list()).resolves.toEqual(LIST_BODY);
    expect(events).toContainEqual(expect.objectContaining({ type: 'retry', kind: 'bad_response' }));
  });

  it('refreshes the token once on a 401 and repeats the call with the new token', async () => {
    server.enqueue({ status: 401, body: googleError(401, 'authError', 'Invalid Credentials', 'UNAUTHENTICATED') }, { body: LIST_BODY });
    await expect(client().gmail.messages.list()).resolves.toEqual(LIST_BODY);
    expect(tokenFetches).toBe(2);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer ya29.token-1', 'Bearer ya29.token-2']);
    expect(retryDelays()).toEqual([]);
  });

  it('shares one refresh among concurrent calls rejected with the same token', async () => {
    server.otherwise((request) =>
      request.headers.authorization === 'Bearer ya29.token-1'
        ? { status: 401, body: googleError(401, 'authError', 'Invalid Credentials', 'UNAUTHENTICATED') }
        : { body: LIST_BODY },
    );
    const google = client();
    const results = await Promise.all([google.gmail.messages.list(), google.gmail.messages.list(), google.calendar.calendarList.list()]);
    expect(results).toHaveLength(3);
    expect(tokenFetches).toBe(2);
    expect(server.requests.filter((r) => r.headers.authorization === 'Bearer ya29.token-1')).toHaveLength(3);
    expect(server.requests.filter((r) => r.headers.authorization === 'Bearer ya29.token-2')).toHaveLength(3);
  });

  it('reports a second 401 after the refresh as unauthorized, without retrying', async () => {
    const unauthorized = { status: 401, body: googleError(401, 'authError', 'Invalid Credentials', 'UNAUTHENTICATED') };
    server.enqueue(unauthorized, unauthorized, { body: LIST_BODY });
    const error = await failure(client().gmail.messages.list());
    expect(error).toBeInstanceOf(GoogleUnauthorizedError);
    expect(error).toMatchObject({ code: 'google_unauthorized', status: 401 });
    expect(server.requests).toHaveLength(2);
    expect(tokenFetches).toBe(2);
  });

  it('does not refresh twice in one call when a retried attempt meets another 401', async () => {
    const unauthorized = { status: 401, body: googleError(401, 'authError', 'Invalid Credentials', 'UNAUTHENTICATED') };
    server.enqueue(unauthorized, { status: 503 }, unauthorized, { body: LIST_BODY });
    await expect(failure(client().gmail.messages.list())).resolves.toBeInstanceOf(GoogleUnauthorizedError);
    expect(server.requests).toHaveLength(3);
    expect(tokenFetches).toBe(2);
  });

  it('turns a history.list 404 into HistoryExpiredError', async () => {
    server.enqueue({ status: 404, body: googleError(404, 'notFound', 'Requested entity was not found.', 'NOT_FOUND') });
    const error = await failure(client().gmail.history.list({ startHistoryId: '12345' }));
    expect(error).toBeInstanceOf(HistoryExpiredError);
    expect(error).toMatchObject({ code: 'google_history_expired', status: 404 });
    expect(server.requests).toHaveLength(1);
  });

  it('keeps a 404 on other calls a permanent error', async () => {
    server.enqueue({ status: 404, body: googleError(404, 'notFound', 'Requested entity was not found.', 'NOT_FOUND') });
    const error = await failure(client().gmail.messages.get('gone'));
    expect(error).toBeInstanceOf(PermanentGoogleError);
    expect(error).not.toBeInstanceOf(HistoryExpiredError);
  });

  it('turns a Calendar 410 into SyncTokenExpiredError', async () => {
    server.enqueue({ status: 410, body: googleError(410, 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.', 'GONE') });
    const error = await failure(client().calendar.events.list('primary', { syncToken: 'CPDAlvWDx70CEPDAlvWDx70CGAU=' }));
    expect(error).toBeInstanceOf(SyncTokenExpiredError);
    expect(error).toMatchObject({ code: 'google_sync_token_expired', status: 410, reason: 'fullSyncRequired' });
    expect(server.requests).toHaveLength(1);
  });

  it('does not repeat drafts.create after a 500 or a dropped connection', async () => {
    server.enqueue({ status: 500, body: googleError(500, 'backendError', 'Backend Error', 'INTERNAL') }, { drop: true }, { body: { id: 'd1' } });
    const google = client();
    await expect(failure(google.gmail.drafts.create({ raw: 'UmF3' }))).resolves.toMatchObject({ kind: 'server_error' });
    expect(server.requests).toHaveLength(1);
    await expect(failure(google.gmail.drafts.create({ raw: 'UmF3' }))).resolves.toMatchObject({ kind: 'network' });
    expect(server.requests).toHaveLength(2);
  });

  it('repeats drafts.create after a 429 or 403 rate limit: nothing was created', async () => {
    const draft = { id: 'd1', message: { id: 'm1', threadId: 't1', labelIds: ['DRAFT'] } };
    server.enqueue(rateLimited(), rateLimited('userRateLimitExceeded', 403), { body: draft });
    await expect(client().gmail.drafts.create({ raw: 'UmF3' })).resolves.toEqual(draft);
    expect(server.requests).toHaveLength(3);
  });

  it('treats a 404 on a repeated drafts.delete as done', async () => {
    server.enqueue({ drop: true }, { status: 404, body: googleError(404, 'notFound', 'Requested entity was not found.', 'NOT_FOUND') });
    await expect(client().gmail.drafts.delete('d1')).resolves.toBeUndefined();
    expect(server.requests.map((r) => r.method)).toEqual(['DELETE', 'DELETE']);
  });

  it('keeps tokens out of error messages and log events', async () => {
    const leaky = 'Token ya29.token-1 is not valid. Header was Bearer ya29.token-1';
    server.enqueue({ status: 403, body: googleError(403, 'forbidden', leaky, 'PERMISSION_DENIED') });
    const error = await failure(client().gmail.messages.list());
    const everything = [String(error), (error as Error).stack ?? '', JSON.stringify(error), JSON.stringify(events)].join('\n');
    expect(everything).not.toContain('token-1');
    expect((error as Error).message).toContain('[redacted]');
  });
});

describe('stopping', () => {
  it('ends a call in flight at once when the stop signal fires, without retrying or calling it a Google failure', async () => {
    server.enqueue({ status: 200, body: LIST_BODY, delayMs: 30_000 });
    const controller = new AbortController();
    const call = client({ signal: controller.signal, retry: { timeScale: 1 }, timeoutMs: 60_000 }).gmail.messages.list();
    // Stop once the call has reached the server and waits for its answer.
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const stoppedAt = Date.now();
    controller.abort();
    const error = await call.then(() => null, (failure: unknown) => failure);
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TransientGoogleError);
    expect(server.requests).toHaveLength(1);
  });

  it('starts nothing once stopped', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(client({ signal: controller.signal }).gmail.messages.list()).rejects.toThrow(/stopped before Google answered/);
    expect(server.requests).toHaveLength(0);
  });
});
