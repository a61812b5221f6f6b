import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/index.js';
import { TemporalProfiles } from '../../src/services/index.js';
import { OWNER_TOKEN, startTestApp, type TestApp } from '../support/app.js';
import { emailSignal, invitation, newsletter } from '../support/signals.js';
import { addUser, decision, ingest, setSettings } from '../support/users.js';

const MINUTE = 60_000;

const securityAlert = (userId: string) =>
  emailSignal(userId, {
    from: 'Google <no-reply@accounts.google.com>',
    subject: 'Security alert',
    snippet: 'New sign-in to your Google Account on a Mac device',
    labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'],
  });

/** Asks (email at suggest) and answers `count` times, one a day at `hour`:MM UTC, `waitMinutes` after asking. */
async function answerDaily(t: TestApp, userId: string, count: number, firstDay: string, hour: number, waitMinutes = 5) {
  await setSettings(t, userId, { trustProgression: { enabled: false } });
  for (let day = 0; day < count; day++) {
    t.clock.set(new Date(Date.parse(`${firstDay}T${String(hour).padStart(2, '0')}:00:00Z`) + day * 24 * 60 * MINUTE + (day % 3) * 10 * MINUTE));
    const asked = await decision(t, (await ingest(t, newsletter(userId, `News ${day} <news${day}@letters.example>`))).decisionId);
    expect(asked.outcome, `day ${day}: ${JSON.stringify(asked.reasons)}`).toBe('needs_approval');
    t.clock.advance(waitMinutes * MINUTE);
    const answered = await t.call({ method: 'POST', url: `/api/approvals/${asked.approval.id}/approve` });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
  }
}

const ownerHeaders = { host: '127.0.0.1:3100', authorization: `Bearer ${OWNER_TOKEN}` };

/** What a second API process over the same database is built with. */
function appDeps(t: TestApp) {
  return { services: t.services, apiToken: OWNER_TOKEN, port: () => 3100, readiness: async () => [], demoMode: false, isServing: () => true, rateLimit: null };
}

describe('GET /api/users/:userId/twin/temporal-profile', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('is derived from the answers: hours, learned window, median answer time, common answers', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    const empty = await t.call({ method: 'GET', url: `/api/users/${user.id}/twin/temporal-profile`, token: user.token });
    expect(empty.status).toBe(200);
    expect(empty.body.basedOn).toMatchObject({ answers: 0, trusted: false });
    expect(empty.body.activeWindow).toMatchObject({ source: 'default', start: '08:00', end: '22:00', timeZone: 'UTC' });
    expect(empty.body.timeZone).toMatchObject({ name: 'UTC', source: 'host' });

    await answerDaily(t, user.id, 12, '2026-11-02', 10, 7);
    const answer = await t.call({ method: 'GET', url: `/api/users/${user.id}/twin/temporal-profile`, token: user.token });
    expect(answer.status).toBe(200);
    const profile = answer.body;
    expect(profile.basedOn).toMatchObject({ answers: 12, trusted: true });
    expect(profile.activity.byHour.reduce((a: number, b: number) => a + b, 0)).toBe(12);
    expect(profile.activity.byHour[10]).toBe(12);
    expect(profile.activeWindow).toMatchObject({ source: 'learned', modeHour: 10, hours: 8, coverage: 1 });
    expect(profile.responseTimes).toEqual([{ domain: 'email', urgency: 'low', answers: 12, medianSeconds: 420 }]);
    const monday = profile.commonAnswers.find((d: { weekday: string }) => d.weekday === 'monday');
    expect(monday).toEqual({ weekday: 'monday', total: 2, mostCommon: 'approve', answers: [{ kind: 'approve', count: 2 }] });

    // The quiet hours' zone becomes the profile's: the same answers, read in Berlin's hours.
    await setSettings(t, user.id, { quietHours: { start: '23:00', end: '06:00', timeZone: 'Europe/Berlin' } });
    const berlin = (await t.call({ method: 'GET', url: `/api/users/${user.id}/twin/temporal-profile` })).body;
    expect(berlin.timeZone).toMatchObject({ name: 'Europe/Berlin', source: 'quiet_hours' });
    expect(berlin.activity.byHour[11]).toBe(12);

    // A restarted API (new profiles, rebuilt from the rows as on start) serves the identical profile.
    const restarted = new TemporalProfiles('UTC');
    expect(await restarted.rebuild(t.database.db, t.clock)).toBeGreaterThanOrEqual(1);
    const again = await buildApp({ ...appDeps(t), services: { ...t.services, temporal: restarted } });
    try {
      const rebuilt = await again.inject({ method: 'GET', url: `/api/users/${user.id}/twin/temporal-profile`, headers: ownerHeaders });
      expect(rebuilt.json()).toEqual(berlin);
    } finally {
      await again.close();
    }
  });

  it('answers 404 for another user, with that user’s token, and for a user that does not exist', async () => {
    const ann = await addUser(t);
    const bob = await addUser(t);
    const other = await t.call({ method: 'GET', url: `/api/users/${ann.id}/twin/temporal-profile`, token: bob.token });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('not_found');
    const missing = await t.call({ method: 'GET', url: '/api/users/00000000-0000-4000-8000-000000000000/twin/temporal-profile' });
    expect(missing.status).toBe(404);
    const bad = await t.call({ method: 'GET', url: '/api/users/not-a-uuid/twin/temporal-profile' });
    expect(bad.status).toBe(400);
  });

  it('follows answers recorded by another API process on the same database', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    const before = (await t.call({ method: 'GET', url: `/api/users/${user.id}/twin/temporal-profile` })).body;
    expect(before.basedOn.answers).toBe(0);
    // A second app with its own profiles over the same database stands in for another API process.
    const replica = await buildApp({ ...appDeps(t), services: { ...t.services, temporal: new TemporalProfiles('UTC') } });
    try {
      const asked = await decision(t, (await ingest(t, newsletter(user.id))).decisionId);
      const answered = await replica.inject({
        method: 'POST',
        url: `/api/approvals/${asked.approval.id}/approve`,
        headers: ownerHeaders,
      });
      expect(answered.statusCode).toBe(200);
    } finally {
      await replica.close();
    }
    const after = (await t.call({ method: 'GET', url: `/api/users/${user.id}/twin/temporal-profile` })).body;
    expect(after.basedOn.answers).toBe(1);
  });
});

describe('approval expiry counts the user’s active time', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('an urgent request at 03:00 is still open at 03:20, expires after 15 active minutes, stays visible, and never runs', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    t.clock.set('2026-11-24T03:00:00Z');
    const asked = await decision(t, (await ingest(t, securityAlert(user.id))).decisionId);
    expect(asked.situation).toMatchObject({ kind: 'security_alert', urgency: 'high' });
    expect(asked.outcome).toBe('needs_approval');
    expect(asked.approval.expiresAt).toBe('2026-11-24T08:15:00.000Z');
    expect(asked.reasons.map((r: { code: string }) => r.code)).toContain('active_hours_expiry');
    expect(asked.explanation.whatHappened).toContain('The request expires at 2026-11-24T08:15:00.000Z. Its clock runs only in the hours you are usually active (temporal profile).');

    t.clock.set('2026-11-24T03:20:00Z');
    const pending = await t.call({ method: 'GET', url: `/api/users/${user.id}/approvals?status=pending` });
    expect(pending.body.approvals.map((a: { id: string }) => a.id)).toContain(asked.approval.id);

    t.clock.set('2026-11-24T08:14:00Z');
    const stillOpen = await t.call({ method: 'GET', url: `/api/users/${user.id}/approvals?status=pending` });
    expect(stillOpen.body.approvals.map((a: { id: string }) => a.id)).toContain(asked.approval.id);

    t.clock.set('2026-11-24T08:15:00Z');
    const late = await t.call({ method: 'POST', url: `/api/approvals/${asked.approval.id}/approve` });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'approval_expired', message: `Approval ${asked.approval.id} expired at 2026-11-24T08:15:00.000Z` });

    const expired = await t.call({ method: 'GET', url: `/api/users/${user.id}/approvals?status=expired` });
    const listed = expired.body.approvals.find((a: { id: string }) => a.id === asked.approval.id);
    expect(listed.status).toBe('expired');
    expect(listed.note).toBe('This request expired unanswered at 08:15: SkyTwin did nothing and will not act on it.');
    const view = await decision(t, asked.id);
    expect(view.approval.status).toBe('expired');
    expect(view.explanation.whatHappened).toContain('expired unanswered');
    expect(view.execution).toBeNull();

    const again = await t.call({ method: 'POST', url: `/api/approvals/${asked.approval.id}/approve` });
    expect(again.status).toBe(409);
    await t.runner.drain();
    expect(t.executor.calls).toHaveLength(0);
    const actions = await t.database.db.selectFrom('actions').select('id').where('decision_id', '=', asked.id).execute();
    expect(actions).toEqual([]);
  });

  it('a request inside the active window keeps its plain expiry', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    t.clock.set('2026-11-24T10:00:00Z');
    const asked = await decision(t, (await ingest(t, securityAlert(user.id))).decisionId);
    expect(asked.approval.expiresAt).toBe('2026-11-24T10:15:00.000Z');
    expect(asked.reasons.map((r: { code: string }) => r.code)).not.toContain('active_hours_expiry');
  });
});

describe('RSVPs wait for the learned active window when no quiet hours are set', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  async function rsvpUser() {
    const user = await addUser(t);
    await setSettings(t, user.id, {
      trustTiers: { email: 'suggest', calendar: 'high' },
      trustProgression: { newDomainApprovals: 0, enabled: false },
    });
    const put = await t.call({ method: 'PUT', url: `/api/users/${user.id}/twin/preferences/calendar.organizer:bob@example.com`, payload: { value: 'rsvp:accepted' } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    return user;
  }

  it('an invitation answered at 03:00 is held until 06:00, when the user is usually active, and says so', async () => {
    const user = await rsvpUser();
    await answerDaily(t, user.id, 12, '2026-11-02', 9);
    const profile = (await t.call({ method: 'GET', url: `/api/users/${user.id}/twin/temporal-profile` })).body;
    // Every answer came between 09:05 and 09:25: the window is 8 hours around 09:00.
    expect(profile.activeWindow).toMatchObject({ source: 'learned', start: '06:00', end: '14:00' });

    t.clock.set('2026-11-24T03:00:00Z');
    const invited = await decision(t, (await ingest(t, invitation(user.id))).decisionId);
    expect(invited.outcome, JSON.stringify(invited.explanation)).toBe('auto_execute');
    expect(invited.selectedAction.action).toBe('rsvp');
    expect(invited.notBefore).toBe('2026-11-24T06:00:00.000Z');
    expect(invited.selectedAction.reasons.map((r: { code: string }) => r.code)).toContain('active_hours_deferred');
    expect(invited.explanation.summary).toContain('when you are usually active');
    expect(invited.explanation.whatHappened).toContain('held until 06:00, when you are usually active');

    await t.runner.drain();
    expect(t.executor.calls.filter((c) => c.actionId === invited.execution.actionId)).toHaveLength(0);
    t.clock.set('2026-11-24T06:00:01Z');
    await t.runner.drain();
    expect(t.executor.calls.filter((c) => c.actionId === invited.execution.actionId)).toHaveLength(1);

    const twin = (await t.call({ method: 'GET', url: `/api/users/${user.id}/twin` })).body;
    expect(twin.temporalProfile).toMatchObject({ route: `/api/users/${user.id}/twin/temporal-profile`, activeWindow: { start: '06:00', source: 'learned' } });
    expect(twin.temporalProfile.effects).toContainEqual(expect.objectContaining({ decisionId: invited.id, code: 'active_hours_deferred' }));
  });

  it('inside the window, or with quiet hours set, the RSVP is not held by the profile', async () => {
    const user = await rsvpUser();
    await answerDaily(t, user.id, 12, '2026-11-02', 9);
    t.clock.set('2026-11-24T11:00:00Z');
    const daytime = await decision(t, (await ingest(t, invitation(user.id))).decisionId);
    expect(daytime.outcome).toBe('auto_execute');
    expect(daytime.notBefore).toBeNull();

    await setSettings(t, user.id, { quietHours: { start: '01:00', end: '02:00', timeZone: 'UTC' } });
    t.clock.set('2026-11-25T03:00:00Z');
    const night = await decision(t, (await ingest(t, invitation(user.id))).decisionId);
    expect(night.outcome).toBe('auto_execute');
    expect(night.notBefore).toBeNull();
  });
});
