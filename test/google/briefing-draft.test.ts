import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { briefingDraftMarker, deliverBriefingIfDue } from '../../src/services/index.js';
import { startGoogleTestApp, type GoogleTestApp } from '../support/google.js';
import { addUser, setSettings } from '../support/users.js';
import { zoneAtNoon } from '../support/zones.js';

describe('the daily briefing as a Gmail draft (emulator)', () => {
  let t: GoogleTestApp;
  beforeAll(async () => {
    t = await startGoogleTestApp();
  });
  afterAll(async () => t.close());

  const gmail = async (email: string, path: string) => {
    const token = await t.control.issueAccessToken(email);
    const response = await fetch(`${t.emulator.url}/gmail/v1/users/me/${path}`, { headers: { authorization: `Bearer ${token.accessToken}` } });
    expect(response.status).toBe(200);
    return response.json() as Promise<Record<string, unknown>>;
  };

  it('creates one draft to the user themself when two deliveries race, and records its id', async () => {
    const user = await addUser(t);
    const account = await t.control.createAccount({ email: user.email });
    expect((await t.call({ method: 'POST', url: `/api/users/${user.id}/connections/google`, payload: { refreshToken: account.refreshToken } })).status).toBe(201);
    await setSettings(t, user.id, { briefingDraft: true, quietHours: { start: '23:00', end: '06:00', timeZone: zoneAtNoon(t.clock.now()) } });
    await t.control.clearRequestLog();

    const results = await Promise.all([1, 2].map(() => deliverBriefingIfDue(t.services, { id: user.id, email: user.email }, t.briefingDrafts)));
    const delivered = results.flatMap((r) => (r.delivered ? [r.delivered] : []));
    expect(delivered).toHaveLength(1);
    const creates = (await t.control.requestLog()).filter((entry) => entry.endpoint === 'gmail.drafts.create');
    expect(creates).toHaveLength(1);
    const listed = (await gmail(user.email, 'drafts')) as { drafts?: { id: string }[] };
    expect(listed.drafts).toHaveLength(1);
    const draftId = listed.drafts?.[0]?.id ?? '';
    const row = await t.database.db.selectFrom('briefing_deliveries').select(['draft_state', 'draft_id', 'local_date']).where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ draft_state: 'created', draft_id: draftId });

    const draft = (await gmail(user.email, `drafts/${draftId}?format=full`)) as { message: { payload?: { headers?: { name: string; value: string }[] } } };
    const header = (name: string) => draft.message.payload?.headers?.find((h) => h.name.toLowerCase() === name)?.value;
    expect(header('to')).toBe(user.email);
    expect(header('subject')).toBe(`Your SkyTwin briefing for ${row.local_date}`);

    // Asked again with the same marker (a retry after a crash), the port finds the draft instead of making another.
    const again = await t.briefingDrafts.createOnce(user.id, { marker: briefingDraftMarker(user.id, row.local_date), to: user.email, subject: 'x', body: 'y' });
    expect(again).toBe(draftId);
    expect((await t.control.requestLog()).filter((entry) => entry.endpoint === 'gmail.drafts.create')).toHaveLength(1);
    const briefing = await t.call({ method: 'GET', url: `/api/users/${user.id}/briefing`, token: user.token });
    expect(briefing.body.lastDelivered).toMatchObject({ localDate: row.local_date, draftId });
  });

  it('records a draft Google could not take as failed, says so, and neither delivers nor tries again', async () => {
    const user = await addUser(t);
    // Never connected: there is no Google account to put the draft in.
    await setSettings(t, user.id, { briefingDraft: true, quietHours: { start: '23:00', end: '06:00', timeZone: zoneAtNoon(t.clock.now()) } });
    await expect(deliverBriefingIfDue(t.services, { id: user.id, email: user.email }, t.briefingDrafts)).rejects.toThrow(/delivered, but its Gmail draft was not created: /);
    const rows = await t.database.db.selectFrom('briefing_deliveries').select(['draft_state', 'draft_id', 'draft_error']).where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ draft_state: 'failed', draft_id: null });
    expect(rows[0]?.draft_error).not.toBe('');
    const again = await deliverBriefingIfDue(t.services, { id: user.id, email: user.email }, t.briefingDrafts);
    expect(again.delivered).toBeNull();
  });

  it('promises no draft when Google is not wired', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { briefingDraft: true, quietHours: { start: '23:00', end: '06:00', timeZone: zoneAtNoon(t.clock.now()) } });
    const result = await deliverBriefingIfDue(t.services, { id: user.id, email: user.email }, null);
    expect(result.delivered?.draftState).toBe('off');
  });
});
