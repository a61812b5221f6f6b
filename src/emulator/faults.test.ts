import { afterEach, describe, expect, it } from 'vitest';
import { googleError, startTestEmulator, type TestEmulator } from './emulator.testkit.js';

let t: TestEmulator;
afterEach(() => t?.close());

const LIST = '/gmail/v1/users/me/messages';

describe('faults', () => {
  it('answers the injected status, body and headers for the next N matching calls, then normally', async () => {
    t = await startTestEmulator();
    const fault = await t.control.addFault({ endpoint: 'gmail.messages.list', status: 429, headers: { 'Retry-After': '2' }, times: 2 });
    expect(fault).toMatchObject({ id: 'fault-1', remaining: 2 });
    for (let i = 0; i < 2; i += 1) {
      const res = await t.api(LIST);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(googleError(res.body)).toMatchObject({ code: 429, reason: 'rateLimitExceeded', status: 'RESOURCE_EXHAUSTED' });
    }
    expect((await t.api(LIST)).status).toBe(200);
    expect((await t.api('/gmail/v1/users/me/profile')).status).toBe(200);
    expect((await t.control.faults())[0]).toMatchObject({ remaining: 0, applied: 2 });
  });

  it('generates Google bodies for 403 rate limits, insufficient scopes and backend errors', async () => {
    t = await startTestEmulator();
    const retryAt = 'Wed, 25 Nov 2026 10:00:00 GMT';
    await t.control.addFault({ endpoint: 'gmail.history.list', status: 403, reason: 'userRateLimitExceeded', headers: { 'Retry-After': retryAt } });
    const user = await t.api('/gmail/v1/users/me/history?startHistoryId=1');
    expect(user.status).toBe(403);
    expect(user.headers.get('retry-after')).toBe(retryAt);
    const item = googleError(user.body);
    expect(item).toMatchObject({ reason: 'userRateLimitExceeded', domain: 'usageLimits' });
    expect(item.message).toMatch(/^User-rate limit exceeded\. {2}Retry after \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    await t.control.addFault({ endpoint: 'calendar.events.list', status: 403 });
    expect(googleError((await t.api('/calendar/v3/calendars/primary/events')).body)).toMatchObject({ reason: 'rateLimitExceeded', domain: 'usageLimits' });
    await t.control.addFault({ endpoint: 'calendar.events.patch', status: 403, reason: 'insufficientPermissions' });
    expect(googleError((await t.api('/calendar/v3/calendars/primary/events/abcdef', { method: 'PATCH', body: {} })).body)).toMatchObject({
      reason: 'insufficientPermissions',
      status: 'PERMISSION_DENIED',
    });
    await t.control.addFault({ endpoint: 'gmail.*', status: 503 });
    const backend = await t.api('/gmail/v1/users/me/labels');
    expect(backend.status).toBe(503);
    expect(googleError(backend.body)).toMatchObject({ reason: 'backendError', status: 'UNAVAILABLE' });
    await t.control.addFault({ endpoint: 'gmail.messages.get', status: 500, body: { error: { code: 500, message: 'custom' } } });
    expect((await t.api(`${LIST}/0000000000000000`)).body).toEqual({ error: { code: 500, message: 'custom' } });
  });

  it('applies only to the named account', async () => {
    t = await startTestEmulator();
    await t.control.createAccount({ email: 'bob@example.com' });
    const bob = await t.control.issueAccessToken('bob@example.com');
    await t.control.addFault({ endpoint: '*', account: 'bob@example.com', status: 500, times: 5 });
    expect((await t.api(LIST)).status).toBe(200);
    expect((await t.api(LIST, { token: bob.accessToken })).status).toBe(500);
  });

  it('delays a call and then answers it normally', async () => {
    t = await startTestEmulator();
    await t.control.addFault({ endpoint: 'gmail.messages.list', delayMs: 250 });
    const started = Date.now();
    const res = await t.api(LIST);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect((await t.api(LIST)).status).toBe(200);
    // The fault was spent on the first call: the second went through undelayed.
    expect((await t.control.requestLog({ endpoint: 'gmail.messages.list' })).map((entry) => entry.faulted)).toEqual([true, false]);
    expect((await t.control.faults())[0]).toMatchObject({ remaining: 0, applied: 1 });
  });

  it('drops the connection without an answer', async () => {
    t = await startTestEmulator();
    await t.control.addFault({ endpoint: 'gmail.messages.list', drop: true });
    await expect(fetch(`${t.url}${LIST}`, { headers: { authorization: `Bearer ${t.token}` } })).rejects.toThrow();
    expect((await t.api(LIST)).status).toBe(200);
    const log = await t.control.requestLog({ endpoint: 'gmail.messages.list' });
    expect(log.map((e) => [e.status, e.faulted])).toEqual([
      [null, true],
      [200, false],
    ]);
  });

  it('with drop "after", carries the call out and then drops the connection: the change is made, the answer lost', async () => {
    t = await startTestEmulator();
    const { id } = await t.control.addMessage(t.email, { from: 'bob@example.org', subject: 'Archive me', text: 'Hello.', labels: ['INBOX', 'UNREAD'] });
    await t.control.addFault({ endpoint: 'gmail.messages.modify', drop: 'after' });
    const modify = fetch(`${t.url}${LIST}/${id}/modify`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ removeLabelIds: ['INBOX'] }),
    });
    await expect(modify).rejects.toThrow();
    expect((await t.api<{ labelIds: string[] }>(`${LIST}/${id}?format=minimal`)).body.labelIds).toEqual(['UNREAD']);
    const log = await t.control.requestLog({ endpoint: 'gmail.messages.modify' });
    expect(log.map((e) => [e.status, e.faulted])).toEqual([[null, true]]);
    // The next call is answered as usual.
    const again = await t.api<{ labelIds: string[] }>(`${LIST}/${id}/modify`, { method: 'POST', body: { removeLabelIds: ['UNREAD'] } });
    expect([again.status, again.body.labelIds]).toEqual([200, []]);
    await expect(t.control.addFault({ endpoint: '*', drop: 'after', status: 500 })).rejects.toMatchObject({ code: 400 });
    await expect(t.control.addFault({ endpoint: '*', drop: 'later' as unknown as boolean })).rejects.toMatchObject({ code: 400 });
  });

  it('faults the token endpoint with an OAuth-shaped body', async () => {
    t = await startTestEmulator();
    await t.control.addFault({ endpoint: 'oauth.token', status: 503, headers: { 'Retry-After': '1' } });
    const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: t.refreshToken, client_id: 'c', client_secret: 's' });
    const res = await fetch(`${t.url}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: expect.any(String) });
    const log = await t.control.requestLog({ endpoint: 'oauth.token' });
    expect(log[0]).toMatchObject({ account: t.email, status: 503, faulted: true });
  });

  it('applies a probability from the seed: the same seed gives the same pattern', async () => {
    const pattern = async (seed: number): Promise<number[]> => {
      t = await startTestEmulator({ seed });
      await t.control.addFault({ endpoint: 'gmail.messages.list', status: 500, probability: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) statuses.push((await t.api(LIST)).status);
      await t.close();
      return statuses;
    };
    const first = await pattern(7);
    expect(await pattern(7)).toEqual(first);
    expect(first.filter((s) => s === 500).length).toBeGreaterThan(3);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(3);
    expect(await pattern(8)).not.toEqual(first);
  });

  it('gives each disturbed call one outcome of a oneOf list, replayed by the same seed', async () => {
    const run = async (seed: number): Promise<(number | null)[]> => {
      t = await startTestEmulator({ seed });
      const fault = await t.control.addFault({
        endpoint: 'gmail.*',
        probability: 0.5,
        oneOf: [{ status: 500 }, { status: 429, headers: { 'Retry-After': '1' } }, { drop: true }],
      });
      const seen: (number | null)[] = [];
      for (let i = 0; i < 60; i += 1) {
        const answer = await fetch(`${t.url}${LIST}`, { headers: { authorization: `Bearer ${t.token}` } }).catch(() => null);
        seen.push(answer === null ? null : answer.status);
        if (answer?.status === 429) expect(answer.headers.get('retry-after')).toBe('1');
        await answer?.arrayBuffer();
      }
      const [listed] = await t.control.faults();
      expect(listed).toMatchObject({ id: fault.id, remaining: null, applied: seen.filter((s) => s !== 200).length });
      // The log shows the same outcomes as the caller saw: a drop has no status.
      expect((await t.control.requestLog({ endpoint: 'gmail.messages.list' })).map((e) => e.status)).toEqual(seen);
      await t.close();
      return seen;
    };
    const first = await run(11);
    for (const outcome of [200, 500, 429, null]) expect(first, `outcome ${String(outcome)}`).toContain(outcome);
    expect(first.every((s) => s === 200 || s === 500 || s === 429 || s === null)).toBe(true);
    expect(await run(11)).toEqual(first);
  });

  it('refuses a oneOf that is empty, has an outcome that does nothing, or is mixed with an outcome of its own', async () => {
    t = await startTestEmulator();
    const refusal = (spec: Parameters<typeof t.control.addFault>[0]) => t.control.addFault(spec).then(
      () => 'accepted',
      (error: { code: number; message: string }) => `${error.code} ${error.message}`,
    );
    expect(await refusal({ endpoint: '*', probability: 0.1, oneOf: [] })).toMatch(/^400 .*fault\.oneOf must be a non-empty list/);
    expect(await refusal({ endpoint: '*', probability: 0.1, oneOf: [{ status: 500 }, {}] })).toMatch(/^400 .*fault\.oneOf\[1\] needs status, delayMs or drop/);
    expect(await refusal({ endpoint: '*', oneOf: [{ status: 700 }] })).toMatch(/^400 .*fault\.oneOf\[0\]\.status must be an HTTP status/);
    expect(await refusal({ endpoint: '*', status: 503, oneOf: [{ status: 500 }] })).toMatch(/^400 .*takes its outcomes from the list only/);
    expect(await t.control.faults()).toEqual([]);
    expect((await t.api(LIST)).status).toBe(200);
  });

  it('clears faults, and rejects a fault that does nothing', async () => {
    t = await startTestEmulator();
    await t.control.addFault({ endpoint: '*', status: 500, times: 10 });
    await t.control.clearFaults();
    expect((await t.api(LIST)).status).toBe(200);
    await expect(t.control.addFault({ endpoint: '*' })).rejects.toMatchObject({ code: 400 });
    const removable = await t.control.addFault({ endpoint: '*', status: 500 });
    await t.control.removeFault(removable.id);
    expect(await t.control.faults()).toEqual([]);
  });
});

describe('request log', () => {
  it('records each Google call with endpoint, account and status, and can be cleared', async () => {
    t = await startTestEmulator();
    await t.control.addFault({ endpoint: 'gmail.messages.get', status: 429 });
    await t.api(LIST);
    await t.api(`${LIST}?q=in:inbox`);
    await t.api(`${LIST}/0123456789abcdef`);
    await t.api('/calendar/v3/users/me/calendarList', { token: null });
    await t.api('/nowhere');
    const all = await t.control.requestLog();
    expect(all.map((e) => [e.seq, e.method, e.path, e.endpoint, e.account, e.status, e.faulted])).toEqual([
      [1, 'GET', LIST, 'gmail.messages.list', t.email, 200, false],
      [2, 'GET', LIST, 'gmail.messages.list', t.email, 200, false],
      [3, 'GET', `${LIST}/0123456789abcdef`, 'gmail.messages.get', t.email, 429, true],
      [4, 'GET', '/calendar/v3/users/me/calendarList', 'calendar.calendarList.list', null, 401, false],
      [5, 'GET', '/nowhere', null, null, 404, false],
    ]);
    expect(all[1]?.query).toBe('q=in:inbox');
    expect(all[0]?.time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await t.control.requestLog({ endpoint: 'gmail.messages.list' })).toHaveLength(2);
    expect(await t.control.requestLog({ account: t.email })).toHaveLength(3);
    await t.control.clearRequestLog();
    expect(await t.control.requestLog()).toEqual([]);
  });
});
