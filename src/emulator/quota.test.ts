import { afterEach, describe, expect, it } from 'vitest';
import { GMAIL_QUOTA_UNITS } from '../google/index.js';
import { googleError, ManualClock, startTestEmulator, type TestEmulator } from './emulator.testkit.js';
import { GmailQuota } from './quota.js';

let t: TestEmulator;
afterEach(() => t?.close());

const LIST = '/gmail/v1/users/me/messages';
const START = Date.parse('2026-11-24T09:00:00Z');

describe('GmailQuota', () => {
  it("charges each call what Gmail's table says, per account, and refuses the one that would go over", () => {
    const quota = new GmailQuota({ units: 50, windowMs: 60_000 });
    expect(quota.charge('ann@example.com', 'gmail.messages.get', 0)).toEqual({ allowed: true, units: GMAIL_QUOTA_UNITS['messages.get'] });
    expect(quota.charge('ann@example.com', 'gmail.messages.get', 1_000)).toEqual({ allowed: true, units: 20 });
    expect(quota.charge('ann@example.com', 'gmail.history.list', 2_000)).toEqual({ allowed: true, units: 2 });
    // 42 spent: another messages.get (20) must wait for the first to leave the window, at 60 s.
    expect(quota.charge('ann@example.com', 'gmail.messages.get', 30_000)).toEqual({ allowed: false, retryAfterSeconds: 30 });
    // The refusal cost nothing, and another account has a budget of its own.
    expect(quota.used('ann@example.com', 30_000)).toBe(42);
    expect(quota.charge('bob@example.com', 'gmail.messages.get', 30_000).allowed).toBe(true);
    expect(quota.charge('ann@example.com', 'gmail.messages.get', 59_999).allowed).toBe(false);
    expect(quota.charge('ann@example.com', 'gmail.messages.get', 60_000)).toEqual({ allowed: true, units: 20 });
    // Calendar and the token endpoint are not counted in Gmail units.
    expect(quota.charge('ann@example.com', 'calendar.events.list', 60_000)).toEqual({ allowed: true, units: 0 });
  });

  it('counts nothing when off, and starts afresh when configured again', () => {
    const quota = new GmailQuota(null);
    for (let n = 0; n < 1_000; n++) expect(quota.charge('ann@example.com', 'gmail.messages.get', 0).allowed).toBe(true);
    quota.configure({ units: 20, windowMs: 1_000 });
    expect(quota.charge('ann@example.com', 'gmail.messages.get', 0).allowed).toBe(true);
    expect(quota.charge('ann@example.com', 'gmail.messages.get', 0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(() => quota.configure({ units: 0, windowMs: 1_000 })).toThrow(/units must be a whole number/);
    expect(() => quota.configure({ units: 10, windowMs: 10 })).toThrow(/windowMs must be/);
  });
});

describe("the emulator's Gmail quota", () => {
  it('answers 429 rateLimitExceeded with Retry-After over the limit, and serves again once the window has passed', async () => {
    const clock = new ManualClock(START);
    // 20 messages.list calls (5 units each) fit in 100.
    t = await startTestEmulator({ clock, gmailQuota: { units: 100, windowMs: 60_000 } });
    for (let n = 0; n < 20; n++) {
      expect((await t.api(LIST)).status).toBe(200);
      clock.advance(1_000);
    }
    const refused = await t.api(LIST);
    expect(refused.status).toBe(429);
    // The first call (at 0 s) leaves the window after 60 s; it is now 20 s.
    expect(refused.headers.get('retry-after')).toBe('40');
    expect(refused.body).toEqual({
      error: {
        code: 429,
        message: expect.stringMatching(/^Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user' of service 'gmail\.googleapis\.com'/),
        errors: [{ message: expect.stringMatching(/^Quota exceeded/), domain: 'usageLimits', reason: 'rateLimitExceeded' }],
        status: 'RESOURCE_EXHAUSTED',
      },
    });
    expect(googleError(refused.body)).toMatchObject({ code: 429, reason: 'rateLimitExceeded', domain: 'usageLimits' });
    // Calendar is not counted against Gmail's units.
    expect((await t.api('/calendar/v3/calendars/primary/events')).status).toBe(200);

    clock.advance(39_000);
    expect((await t.api(LIST)).status).toBe(429);
    clock.advance(1_000);
    expect((await t.api(LIST)).status).toBe(200);

    const log = await t.control.requestLog({ endpoint: 'gmail.messages.list' });
    expect(log.map((entry) => entry.status)).toEqual([...Array<number>(20).fill(200), 429, 429, 200]);
    expect(log.every((entry) => !entry.faulted)).toBe(true);
  });

  it('is off by default in process, and the control API reads, sets and switches it off', async () => {
    t = await startTestEmulator();
    expect(await t.control.quota()).toEqual({ gmail: null, used: {} });
    for (let n = 0; n < 30; n++) expect((await t.api(`${LIST}?maxResults=1`)).status).toBe(200);

    expect(await t.control.setGmailQuota({ units: 10, windowMs: 60_000 })).toEqual({ gmail: { units: 10, windowMs: 60_000 }, used: {} });
    expect((await t.api(LIST)).status).toBe(200);
    expect((await t.api(LIST)).status).toBe(200);
    expect((await t.api(LIST)).status).toBe(429);
    expect(await t.control.quota()).toEqual({ gmail: { units: 10, windowMs: 60_000 }, used: { [t.email]: 10 } });

    await expect(t.control.setGmailQuota({ units: -1, windowMs: 60_000 })).rejects.toMatchObject({ code: 400 });
    await expect(t.control.setGmailQuota({ units: 10, windowMs: 5 })).rejects.toMatchObject({ code: 400 });
    const raw = await fetch(`${t.url}/_emulator/quota`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"units":10}' });
    expect(raw.status).toBe(400);
    // Refused settings changed nothing.
    expect((await t.control.quota()).gmail).toEqual({ units: 10, windowMs: 60_000 });

    expect((await t.control.setGmailQuota(null)).gmail).toBeNull();
    expect((await t.api(LIST)).status).toBe(200);
  });

  it('lets a test fault come first, and counts only calls with a valid token', async () => {
    t = await startTestEmulator({ gmailQuota: { units: 5, windowMs: 60_000 } });
    await t.control.addFault({ endpoint: 'gmail.messages.list', status: 503 });
    expect((await t.api(LIST)).status).toBe(503);
    expect((await t.api(LIST, { token: 'not-a-token' })).status).toBe(401);
    // Neither the fault nor the refused token used the 5 units.
    expect((await t.api(LIST)).status).toBe(200);
    expect((await t.api(LIST)).status).toBe(429);
  });
});
