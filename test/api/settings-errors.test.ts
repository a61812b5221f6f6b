import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { addUser } from '../support/users.js';

/** Every bad field of a settings change is named by its path, so the page can show the error beside it; nothing changes. */
describe.each(backends())('settings errors beside the field (%s)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  }, 60_000);
  afterAll(async () => t.close());

  const put = (userId: string, payload: Record<string, unknown>) => t.call({ method: 'PUT', url: `/api/users/${userId}/settings`, payload });
  const fields = (body: { error: { details: { field: string; message: string }[] } }) => Object.fromEntries(body.error.details.map((d) => [d.field, d.message]));

  it('answers the document with one line of help per tier and progression switch', async () => {
    const user = await addUser(t);
    const got = await t.call({ method: 'GET', url: `/api/users/${user.id}/settings` });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ trustTiers: { email: 'observer', calendar: 'observer', finance: 'observer' }, spendLimits: { perActionCents: 2000, dailyCents: 5000 }, quietHours: null });
    expect(Object.keys(got.body.help.tiers)).toEqual(['observer', 'suggest', 'low', 'moderate', 'high']);
    expect(got.body.help.tiers.low).toMatch(/reversible/);
    expect(got.body.help.trustProgression.maxAutoTier).toMatch(/highest tier/);
  });

  it('names each bad field a schema can see: unknown domain, bad tier, negative cents', async () => {
    const user = await addUser(t);
    const refused = await put(user.id, { trustTiers: { shopping: 'low', email: 'boss' }, spendLimits: { perActionCents: -5, dailyCents: 1.5 } });
    expect(refused.status).toBe(400);
    expect(fields(refused.body)).toEqual({
      'trustTiers.shopping': 'is not a field this route knows',
      'trustTiers.email': 'must be one of observer, suggest, low, moderate, high',
      'spendLimits.perActionCents': expect.stringMatching(/>= 0/),
      'spendLimits.dailyCents': expect.stringMatching(/integer/),
    });
  });

  it('names each bad field the service checks: time zone, times, equal start and end, blocked domains', async () => {
    const user = await addUser(t);
    const zone = await put(user.id, { quietHours: { start: '22:00', end: '22:00', timeZone: 'Mars/Olympus' }, blockedDomains: ['ok.example', 'not a domain'] });
    expect(zone.status).toBe(400);
    expect(fields(zone.body)).toEqual({
      'quietHours.timeZone': 'must be an IANA time zone such as Europe/Berlin',
      'quietHours.end': 'must differ from the start; to turn quiet hours off, clear them',
      'blockedDomains[1]': '"not a domain" is not a domain name such as example.com',
    });
    const times = await put(user.id, { quietHours: { start: '25:00', end: '7', timeZone: 'Europe/Berlin' } });
    expect(Object.keys(fields(times.body)).sort()).toEqual(['quietHours.end', 'quietHours.start']);

    const unchanged = await t.call({ method: 'GET', url: `/api/users/${user.id}/settings` });
    expect(unchanged.body.quietHours).toBeNull();
    expect(unchanged.body.blockedDomains).toEqual([]);
  });

  it('saves a good change and answers the merged document', async () => {
    const user = await addUser(t);
    const saved = await put(user.id, { trustTiers: { email: 'suggest' }, quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' }, trustProgression: { maxAutoTier: 'moderate' } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({
      trustTiers: { email: 'suggest', calendar: 'observer' },
      quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' },
      trustProgression: { maxAutoTier: 'moderate', enabled: true },
    });
    expect(saved.body.help.tiers.suggest).toMatch(/approval/);
  });
});
