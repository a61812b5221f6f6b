import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Briefing } from '../../src/contract/index.js';
import { BriefingDeliveries, deliverBriefingIfDue } from '../../src/services/index.js';
import { recordQuestions } from '../../src/store/index.js';
import { backends } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { invitation, newsletter } from '../support/signals.js';
import { addUser, decision, ingest, setSettings } from '../support/users.js';

async function briefing(t: TestApp, userId: string, token?: string): Promise<Briefing> {
  const response = await t.call({ method: 'GET', url: `/api/users/${userId}/briefing`, token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as Briefing;
}

describe.each(backends())('GET /api/users/:userId/briefing (%s)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  it('for a new user: empty sections, the last 24 hours, the next briefing at 08:00 in their zone', async () => {
    t.clock.set('2026-11-24T09:00:00Z');
    const user = await addUser(t);
    const body = await briefing(t, user.id, user.token);
    expect(body).toMatchObject({
      userId: user.id,
      generatedAt: '2026-11-24T09:00:00.000Z',
      timeZone: 'UTC',
      period: { since: '2026-11-23T09:00:00.000Z', until: '2026-11-24T09:00:00.000Z', basis: 'last_24_hours' },
      nextAt: '2026-11-25T08:00:00.000Z',
      lastDelivered: null,
      summarySource: 'rules',
      did: { total: 0, groups: [] },
      waiting: { total: 0, items: [] },
      today: { date: '2026-11-24', meetings: [], conflicts: [] },
      followUps: { items: [] },
    });
    expect(body.nextAtBasis).toMatch(/^08:00 UTC, the default/);
    expect(body.summary).toBe('SkyTwin ran nothing in the last 24 hours. Nothing waits for your approval. No meetings today.');
  });

  it('lists what ran (undone ones marked), what waits oldest first, and today\'s meetings with their conflicts', async () => {
    t.clock.set('2026-11-24T09:00:00Z');
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' }, quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' } });
    // Two approved and run archives, one of them undone since.
    const ran: string[] = [];
    for (const sender of ['One <one@letters-one.example>', 'Two <two@letters-two.example>']) {
      const { decisionId } = await ingest(t, newsletter(user.id, sender));
      const asked = await decision(t, decisionId);
      expect((await t.call({ method: 'POST', url: `/api/approvals/${asked.approval.id}/approve` })).status).toBe(200);
      ran.push(decisionId);
      t.clock.advance(60_000);
    }
    await t.runner.drain();
    expect((await t.call({ method: 'POST', url: `/api/decisions/${ran[0]}/undo` })).status).toBe(202);
    await t.runner.drain();
    // Two requests left waiting, ten minutes apart.
    t.clock.set('2026-11-24T09:10:00Z');
    const first = await ingest(t, newsletter(user.id, 'Three <three@letters-three.example>'));
    t.clock.set('2026-11-24T09:20:00Z');
    const second = await ingest(t, newsletter(user.id, 'Four <four@letters-four.example>'));
    // Today in Berlin: two accepted meetings that overlap, one tomorrow.
    await ingest(t, invitation(user.id, { eventId: 'standup', start: '2026-11-24T14:00:00+01:00', end: '2026-11-24T15:00:00+01:00', response: 'accepted' }));
    await ingest(t, invitation(user.id, { eventId: 'review', start: '2026-11-24T14:30:00+01:00', end: '2026-11-24T15:30:00+01:00', response: 'accepted' }));
    await ingest(t, invitation(user.id, { eventId: 'tomorrow', start: '2026-11-25T10:00:00+01:00', end: '2026-11-25T11:00:00+01:00', response: 'accepted' }));

    const body = await briefing(t, user.id, user.token);
    expect(body.timeZone).toBe('Europe/Berlin');
    expect(body.nextAt).toBe('2026-11-25T07:00:00.000Z');
    expect(body.did.total).toBe(2);
    expect(body.did.groups).toHaveLength(1);
    const archived = body.did.groups[0];
    expect(archived).toMatchObject({ action: 'archive', label: 'Archived', count: 2, undone: 1 });
    expect(archived?.items.map((i) => [i.decisionId, i.state, i.onItsOwn])).toEqual([
      [ran[0], 'undone', false],
      [ran[1], 'executed', false],
    ]);
    expect(archived?.items[1]?.sender).toEqual({ name: 'Two', address: 'two@letters-two.example' });
    expect(body.waiting.total).toBe(2);
    expect(body.waiting.items.map((i) => i.decisionId)).toEqual([first.decisionId, second.decisionId]);
    expect(body.waiting.items[0]).toMatchObject({ sender: { name: 'Three', address: 'three@letters-three.example' }, subject: 'This week at Acme: 5 stories' });
    expect(Date.parse(body.waiting.items[0]?.expiresAt ?? '')).toBeGreaterThan(Date.parse(body.generatedAt));
    expect(body.today.date).toBe('2026-11-24');
    expect(body.today.meetings.map((m) => [m.eventId, m.time])).toEqual([
      ['standup', '14:00–15:00'],
      ['review', '14:30–15:30'],
    ]);
    expect(body.today.conflicts).toEqual([{ first: 'standup', second: 'review', words: '"Design review" (14:00–15:00) overlaps "Design review" (14:30–15:30)' }]);
    expect(body.summary).toMatch(
      /^SkyTwin ran 2 actions in the last 24 hours \(archived: 2\), 1 since undone\. 2 requests wait for your approval; the oldest is from Three and expires at .+\. Today: 2 meetings, the first "Design review" at 14:00 and 1 conflict\.$/,
    );
  });

  it('answers 404 for another user\'s briefing and for an unknown user, 400 for a bad id', async () => {
    const ann = await addUser(t);
    const bob = await addUser(t);
    const other = await t.call({ method: 'GET', url: `/api/users/${bob.id}/briefing`, token: ann.token });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('not_found');
    const unknown = await t.call({ method: 'GET', url: '/api/users/00000000-0000-4000-8000-000000000000/briefing' });
    expect(unknown.status).toBe(404);
    const bad = await t.call({ method: 'GET', url: '/api/users/not-a-uuid/briefing' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });

  it('lists the follow-ups due, oldest first, and counts them in the summary', async () => {
    t.clock.set('2026-11-24T09:00:00Z');
    const user = await addUser(t);
    const asked = (threadId: string, askedAt: string, dueAt: string) => ({
      userId: user.id, threadId, askedMessageId: `${threadId}-1`, counterpart: 'bob@example.com', counterpartName: 'Bob Stone',
      subject: `Question ${threadId}`, question: 'Could you send the figures?', askedAt: new Date(askedAt), dueAt: new Date(dueAt),
    });
    await recordQuestions(t.database.db, [asked('t-due', '2026-11-20T09:00:00Z', '2026-11-23T09:00:00Z'), asked('t-later', '2026-11-23T09:00:00Z', '2026-11-26T09:00:00Z')], t.clock.now());
    const body = await briefing(t, user.id, user.token);
    expect(body.followUps.items).toEqual([
      { threadId: 't-due', to: { name: 'Bob Stone', address: 'bob@example.com' }, subject: 'Question t-due', question: 'Could you send the figures?', askedAt: '2026-11-20T09:00:00.000Z', dueAt: '2026-11-23T09:00:00.000Z', decisionId: null },
    ]);
    expect(body.summary).toMatch(/ 1 follow-up is due\.$/);
  });

  it('is delivered once per local day at the start of the active window, however many processes try, and moves the next period', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' } });
    const account = { id: user.id, email: user.email };
    t.clock.set('2026-11-25T06:30:00Z');
    const early = await deliverBriefingIfDue(t.services, account, null);
    expect(early.delivered).toBeNull();
    expect(early.nextCheckAt?.toISOString()).toBe('2026-11-25T07:00:00.000Z');

    t.clock.set('2026-11-25T07:05:00Z');
    const [one, two, three] = await Promise.all([1, 2, 3].map(() => deliverBriefingIfDue(t.services, account, null)));
    const delivered = [one, two, three].flatMap((r) => (r?.delivered ? [r.delivered] : []));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ localDate: '2026-11-25', draftState: 'off', periodStart: new Date('2026-11-24T07:05:00Z') });
    const sweeps = new BriefingDeliveries(t.services, null, () => undefined);
    await sweeps.sweep();
    const days = async () =>
      (await t.database.db.selectFrom('briefing_deliveries').select(['local_date']).where('user_id', '=', user.id).orderBy('local_date').execute()).map((r) => r.local_date);
    expect(await days()).toEqual(['2026-11-25']);

    // Read later that day, it is the delivered briefing brought up to now.
    t.clock.set('2026-11-25T09:00:00Z');
    const later = await briefing(t, user.id, user.token);
    expect(later.period).toEqual({ since: '2026-11-24T07:05:00.000Z', until: '2026-11-25T09:00:00.000Z', basis: 'todays_briefing' });
    expect(later.lastDelivered).toEqual({ localDate: '2026-11-25', deliveredAt: '2026-11-25T07:05:00.000Z', draftId: null });
    expect(later.nextAt).toBe('2026-11-26T07:00:00.000Z');
    expect(later.summary).toMatch(/^SkyTwin ran nothing since 24 Nov 08:05\./);
    // It stays the current briefing until the next window opens; then, until delivered, the coming
    // one covers the time since the last delivery.
    t.clock.set('2026-11-26T06:30:00Z');
    expect((await briefing(t, user.id, user.token)).period.basis).toBe('todays_briefing');
    t.clock.set('2026-11-26T07:00:00Z');
    const coming = await briefing(t, user.id, user.token);
    expect(coming.period).toEqual({ since: '2026-11-25T07:05:00.000Z', until: '2026-11-26T07:00:00.000Z', basis: 'last_briefing' });
    expect(coming.summary).toMatch(/^SkyTwin ran nothing since your last briefing \(25 Nov 08:05\)\./);

    // A sweep delivers it, once.
    expect(await sweeps.sweep()).toBeGreaterThanOrEqual(1);
    expect(await days()).toEqual(['2026-11-25', '2026-11-26']);
    expect(await sweeps.sweep()).toBe(0);
    expect(await new BriefingDeliveries(t.services, null, () => undefined).sweep()).toBe(0);
    expect(await days()).toEqual(['2026-11-25', '2026-11-26']);
  });

  it('keeps the briefing draft setting: off by default, on when asked, refused when not a boolean', async () => {
    const user = await addUser(t);
    const read = await t.call({ method: 'GET', url: `/api/users/${user.id}/settings`, token: user.token });
    expect(read.body.briefingDraft).toBe(false);
    const on = await setSettings(t, user.id, { briefingDraft: true });
    expect(on.briefingDraft).toBe(true);
    const bad = await t.call({ method: 'PUT', url: `/api/users/${user.id}/settings`, payload: { briefingDraft: 'yes' } });
    expect(bad.status).toBe(400);
    expect((await t.call({ method: 'GET', url: `/api/users/${user.id}/settings` })).body.briefingDraft).toBe(true);
  });
});
