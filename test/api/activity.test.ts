import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionBody, DecisionList, DecisionListItem, UndoTodayPreview } from '../../src/contract/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { emailSignal, invitation, newsletter } from '../support/signals.js';
import { addUser, ingest, setSettings } from '../support/users.js';

async function activity(t: TestApp, userId: string, query = ''): Promise<DecisionList> {
  const response = await t.call({ method: 'GET', url: `/api/users/${userId}/decisions${query}` });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as DecisionList;
}

async function detail(t: TestApp, id: string): Promise<DecisionBody> {
  const response = await t.call({ method: 'GET', url: `/api/decisions/${id}` });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as DecisionBody;
}

async function itemOf(t: TestApp, userId: string, id: string): Promise<DecisionListItem> {
  const list = await activity(t, userId, '?limit=200');
  const item = list.decisions.find((d) => d.id === id);
  expect(item).toBeDefined();
  return item as DecisionListItem;
}

async function approve(t: TestApp, decisionId: string) {
  const d = await detail(t, decisionId);
  const response = await t.call({ method: 'POST', url: `/api/approvals/${d.approval?.id}/approve` });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

/** A user whose mail from `sender` SkyTwin archives on its own: low autonomy, no ramp, a stated preference. */
async function autoArchiver(t: TestApp, senders: string[]) {
  const user = await addUser(t);
  await setSettings(t, user.id, { trustTiers: { email: 'low' }, trustProgression: { enabled: false, newDomainApprovals: 0 } });
  for (const sender of senders) {
    const put = await t.call({ method: 'PUT', url: `/api/users/${user.id}/twin/preferences/email.sender:${sender}`, payload: { value: 'archive' } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  }
  return user;
}

describe('Activity: each decision\'s life, filters and search', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('follows a decision through approval, execution and undo, and says what happened', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    const { decisionId } = await ingest(t, newsletter(user.id, 'Acme News <news@acme-news.com>'));
    let item = await itemOf(t, user.id, decisionId);
    expect(item.life.state).toBe('pending');
    expect(item.summary).toMatch(/^Waiting for your approval/);
    expect(item.sender).toEqual({ name: 'Acme News', address: 'news@acme-news.com' });
    expect(item.subject).toBe('This week at Acme: 5 stories');
    expect(item.undoable).toBe(false);

    await approve(t, decisionId);
    item = await itemOf(t, user.id, decisionId);
    expect(item.life.state).toBe('queued');
    expect(item.undoable).toBe(true);

    await t.runner.drain();
    item = await itemOf(t, user.id, decisionId);
    expect(item.life).toMatchObject({ state: 'executed', reason: null });
    expect(item.life.at).not.toBeNull();
    expect(item.summary).toBe('Archived the newsletter from news@acme-news.com at 09:00.');
    expect(item.undoable).toBe(true);
    const executed = await detail(t, decisionId);
    expect(executed.explanation.summary).toBe(item.summary);
    expect(executed.explanation.decidedSummary).toMatch(/^Waiting for your approval/);
    expect(executed.approval?.summary).toBe(item.summary);
    expect(executed.life.state).toBe('executed');
    expect(executed.explanation.howToCorrect[0]).toBe('Undo it if it was wrong; the undo teaches the twin.');
    expect(executed.explanation.whatHappened).toMatch(/It asks you before .* Since then: archived the newsletter from news@acme-news\.com at 09:00\.$/);

    const undo = await t.call({ method: 'POST', url: `/api/decisions/${decisionId}/undo` });
    expect(undo.status).toBe(202);
    item = await itemOf(t, user.id, decisionId);
    expect(item.undoable).toBe(false);
    await t.runner.drain();
    item = await itemOf(t, user.id, decisionId);
    expect(item.life.state).toBe('undone');
    expect(item.summary).toBe('Undone at 09:00: SkyTwin had archived the newsletter from news@acme-news.com, and put it back.');
    expect(item.undoable).toBe(false);
    expect((await t.call({ method: 'POST', url: `/api/decisions/${decisionId}/undo` })).status).toBe(409);
  });

  it('says cancelled, failed (in plain words), rejected with the reason, and shadow', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    const cancelled = await ingest(t, newsletter(user.id, 'One <one@letters-one.example>'));
    await approve(t, cancelled.decisionId);
    expect((await t.call({ method: 'POST', url: `/api/decisions/${cancelled.decisionId}/undo` })).status).toBe(202);

    const failed = await ingest(t, newsletter(user.id, 'Two <two@letters-two.example>'));
    await approve(t, failed.decisionId);
    t.executor.script('archive', { status: 'failed', reason: 'Google said no (404 notFound): Requested entity was not found.' });
    await t.runner.drain();

    const rejected = await ingest(t, newsletter(user.id, 'Three <three@letters-three.example>'));
    const r = await detail(t, rejected.decisionId);
    expect((await t.call({ method: 'POST', url: `/api/approvals/${r.approval?.id}/reject`, payload: { reason: 'I read these' } })).status).toBe(200);

    const observer = await addUser(t);
    const shadow = await ingest(t, newsletter(observer.id));

    const c = await itemOf(t, user.id, cancelled.decisionId);
    expect(c.life.state).toBe('cancelled');
    expect(c.summary).toBe('Cancelled at 09:00 before it ran — nothing was done.');
    expect(c.undoable).toBe(false);
    const f = await itemOf(t, user.id, failed.decisionId);
    expect(f.life).toMatchObject({ state: 'failed', reason: 'the message was deleted in Gmail' });
    expect(f.summary).toBe('Failed: the message was deleted in Gmail.');
    expect(f.undoable).toBe(false);
    const rj = await itemOf(t, user.id, rejected.decisionId);
    expect(rj.life).toMatchObject({ state: 'rejected', reason: 'I read these' });
    expect(rj.summary).toBe('Rejected at 09:00 (you said: I read these) — nothing was done.');
    const s = await itemOf(t, observer.id, shadow.decisionId);
    expect(s.life.state).toBe('shadow');
    expect(s.feedback).toEqual({ given: null, correctedTo: null });
    const shadowDetail = await detail(t, shadow.decisionId);
    expect(shadowDetail.correctOptions.map((o) => o.action)).toContain('label');
    expect(shadowDetail.correctOptions.find((o) => o.action === 'mark_read')?.words).toBe('Mark this newsletter as read');
    const corrected = await t.call({ method: 'POST', url: `/api/decisions/${shadow.decisionId}/feedback`, payload: { kind: 'correct', action: 'mark_read' } });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect((await itemOf(t, observer.id, shadow.decisionId)).feedback).toEqual({ given: 'corrected', correctedTo: 'mark_read' });

    const failedOnly = await activity(t, user.id, '?state=failed');
    expect(failedOnly.decisions.map((d) => d.id)).toEqual([failed.decisionId]);
    const cancelledOnly = await activity(t, user.id, '?state=cancelled');
    expect(cancelledOnly.decisions.map((d) => d.id)).toEqual([cancelled.decisionId]);
  });

  it('expired requests say so, and nothing ran', async () => {
    const clock = new ManualClock();
    const own = await startTestApp(undefined, clock);
    try {
      const user = await addUser(own);
      await setSettings(own, user.id, { trustTiers: { email: 'suggest' } });
      const { decisionId } = await ingest(own, newsletter(user.id));
      const expiresAt = (await detail(own, decisionId)).approval?.expiresAt as string;
      clock.set(new Date(new Date(expiresAt).getTime() + 60_000));
      const item = await itemOf(own, user.id, decisionId);
      expect(item.life.state).toBe('expired');
      expect(item.life.at).toBe(expiresAt);
      expect(item.summary).toMatch(/^Expired unanswered at .* — nothing was done\.$/);
      expect((await detail(own, decisionId)).explanation.summary).toBe(item.summary);
      expect((await activity(own, user.id, '?state=expired')).decisions.map((d) => d.id)).toEqual([decisionId]);
    } finally {
      await own.close();
    }
  });

  it('filters by outcome, domain, situation and state, searches sender and subject, and pages filtered results', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest', calendar: 'observer' } });
    const letters = [];
    for (let i = 0; i < 7; i++) letters.push(await ingest(t, newsletter(user.id, `Weekly ${i} <digest@weekly${i}.example>`)));
    const lunch = await ingest(t, emailSignal(user.id, { from: 'Bob Stone <bob@example.com>', subject: 'Lunch on Friday?' }));
    const percent = await ingest(t, emailSignal(user.id, { from: 'Sales <sales@shop.example>', subject: '100% off_today' }));
    const invite = await ingest(t, invitation(user.id));

    expect((await activity(t, user.id, '?domain=calendar')).decisions.map((d) => d.id)).toEqual([invite.decisionId]);
    expect((await activity(t, user.id, '?outcome=shadow')).decisions.map((d) => d.id)).toEqual([invite.decisionId]);
    const news = await activity(t, user.id, '?situation=newsletter');
    expect(news.decisions).toHaveLength(7);
    expect(news.decisions.every((d) => d.situation === 'newsletter')).toBe(true);
    expect((await activity(t, user.id, '?q=BOB%20stone')).decisions.map((d) => d.id)).toEqual([lunch.decisionId]);
    expect((await activity(t, user.id, '?q=lunch%20on')).decisions.map((d) => d.id)).toEqual([lunch.decisionId]);
    expect((await activity(t, user.id, '?q=weekly3.example')).decisions.map((d) => d.id)).toEqual([letters[3]?.decisionId]);
    expect((await activity(t, user.id, '?q=100%25')).decisions.map((d) => d.id)).toEqual([percent.decisionId]);
    expect((await activity(t, user.id, '?q=_')).decisions.map((d) => d.id)).toEqual([percent.decisionId]);
    expect((await activity(t, user.id, '?q=nobody-matches-this')).decisions).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: DecisionList = await activity(t, user.id, `?state=pending&limit=3${cursor === null ? '' : `&cursor=${cursor}`}`);
      expect(page.decisions.length).toBeLessThanOrEqual(3);
      seen.push(...page.decisions.map((d) => d.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(new Set(seen).size).toBe(9);
    expect(seen).not.toContain(invite.decisionId);

    const bad = await t.call({ method: 'GET', url: `/api/users/${user.id}/decisions?state=sleeping` });
    expect(bad.status).toBe(400);
    const badCursor = await t.call({ method: 'GET', url: `/api/users/${user.id}/decisions?cursor=xyz` });
    expect(badCursor.status).toBe(400);
  });

  it('explains with alternatives in words and links to the settings that would change the outcome', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    const { decisionId } = await ingest(t, newsletter(user.id));
    const d = await detail(t, decisionId);
    expect(d.proposal).toBe('Archive this newsletter');
    expect(d.explanation.whyThisAction).toContain('Policy: needs your approval — email is at the suggest tier');
    expect(d.explanation.alternatives.length).toBeGreaterThan(0);
    for (const alternative of d.explanation.alternatives) {
      expect(['allowed', 'would need your approval', 'not allowed']).toContain(alternative.verdictWords);
      expect(alternative.words).toMatch(/^[A-Z]/);
    }
    expect(d.explanation.changeLinks).toContainEqual({ label: 'Change how much SkyTwin may do in email', view: 'settings', field: 'trustTiers.email' });
    expect(d.explanation.changeLinks).toContainEqual({ label: 'Tell the twin what you prefer here', view: 'twin', field: 'email.sender:news@acme-news.com' });
    expect(JSON.stringify(d.explanation)).not.toContain('twin page');
  });
});

describe('undo everything SkyTwin did today', () => {
  it('previews what it ran on its own since the start of the day and undoes exactly the ids given', async () => {
    const clock = new ManualClock('2026-11-23T22:00:00Z');
    const t = await startTestApp(undefined, clock);
    try {
      const user = await autoArchiver(t, ['a@letters-a.example', 'b@letters-b.example', 'c@letters-c.example']);
      const yesterday = await ingest(t, newsletter(user.id, 'A <a@letters-a.example>'));
      await t.runner.drain();
      clock.set('2026-11-24T08:00:00Z');
      const first = await ingest(t, newsletter(user.id, 'B <b@letters-b.example>'));
      const second = await ingest(t, newsletter(user.id, 'C <c@letters-c.example>'));
      await t.runner.drain();
      const asked = await ingest(t, newsletter(user.id, 'D <d@letters-d.example>'));
      expect((await detail(t, first.decisionId)).outcome).toBe('auto_execute');
      expect((await detail(t, asked.decisionId)).outcome).toBe('needs_approval');
      await t.call({ method: 'POST', url: `/api/decisions/${second.decisionId}/undo` });
      await t.runner.drain();

      const response = await t.call({ method: 'GET', url: `/api/users/${user.id}/undo-today` });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const preview = response.body as UndoTodayPreview;
      expect(preview.since).toBe('2026-11-24T00:00:00.000Z');
      expect(preview.items.map((i) => i.decisionId)).toEqual([first.decisionId]);
      expect(preview.items[0]).toMatchObject({
        undo: 'Move it back to the inbox',
        sender: { name: 'B', address: 'b@letters-b.example' },
        summary: 'Archived the newsletter from b@letters-b.example automatically at 08:00.',
      });
      expect(preview.cannot).toEqual([expect.objectContaining({ decisionId: second.decisionId, why: 'already undone' })]);

      const run = await t.call({
        method: 'POST',
        url: `/api/users/${user.id}/undo-today`,
        payload: { ids: [first.decisionId, yesterday.decisionId, asked.decisionId] },
      });
      expect(run.status, JSON.stringify(run.body)).toBe(200);
      expect(run.body.undone).toEqual([expect.objectContaining({ decisionId: first.decisionId, undo: 'queued' })]);
      expect(run.body.failed.map((f: { decisionId: string; code: string }) => [f.decisionId, f.code])).toEqual([
        [yesterday.decisionId, 'not_in_preview'],
        [asked.decisionId, 'not_in_preview'],
      ]);
      await t.runner.drain();
      expect((await detail(t, first.decisionId)).life.state).toBe('undone');
      expect((await detail(t, yesterday.decisionId)).life.state).toBe('executed');
      const again = (await t.call({ method: 'GET', url: `/api/users/${user.id}/undo-today` })).body as UndoTodayPreview;
      expect(again.items).toEqual([]);
      const empty = await t.call({ method: 'POST', url: `/api/users/${user.id}/undo-today`, payload: { ids: [] } });
      expect(empty.status).toBe(400);
    } finally {
      await t.close();
    }
  });
});
