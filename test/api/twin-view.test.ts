import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/database.js';
import { startTestApp, type JsonBody, type TestApp } from '../support/app.js';
import { newsletter } from '../support/signals.js';
import { addUser, decision, ingest, setSettings } from '../support/users.js';

/** The twin page's data: readable preferences, trust with the way to the next tier, versions with before → after. */
describe.each(backends())('the twin view (%s)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  }, 60_000);
  afterAll(async () => t.close());

  const approveNewsletter = async (userId: string) => {
    const result = await ingest(t, newsletter(userId));
    const pending = await decision(t, result.decisionId);
    expect(pending.outcome).toBe('needs_approval');
    const answer = await t.call({ method: 'POST', url: `/api/approvals/${pending.approval.id}/approve`, payload: {} });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return result.decisionId;
  };
  const twin = async (userId: string) => (await t.call({ method: 'GET', url: `/api/users/${userId}/twin` })).body as JsonBody;
  const versions = async (userId: string, query = '') => {
    const response = await t.call({ method: 'GET', url: `/api/users/${userId}/twin/versions${query}` });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as JsonBody;
  };

  it('shows what an approval taught, why, and how far email is from the next tier', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' }, trustProgression: { promoteAfterApprovals: 3, maxAutoTier: 'low', minApprovalRate: 0.5 } });
    const first = await approveNewsletter(user.id);

    const view = await twin(user.id);
    const learned = view.preferences.find((p: { key: string }) => p.key === 'email.sender:news@acme-news.com');
    expect(learned).toMatchObject({ value: 'archive', source: 'inferred', origin: 'Inferred: learned from 1 of your answers.' });
    expect(learned.summary).toBe('archive: mail from news@acme-news.com');
    expect(learned.evidenceSummary[0]).toMatchObject({ kind: 'approve', count: 1, supports: true });
    expect(learned.evidenceSummary[0].text).toMatch(/^approved "archive" on \d{1,2} [A-Z][a-z]{2}$/);
    const email = view.trustByDomain.find((d: { domain: string }) => d.domain === 'email');
    expect(email).toMatchObject({ tier: 'suggest', ceiling: 'low', nextTier: 'low', streak: 1, streakNeeded: 3, approvalsToNext: 2, approvalRate: 1 });
    expect(email.sentence).toBe('2 more approvals in a row without a rejection or undo to reach low in email.');
    expect(view.trustByDomain.map((d: { domain: string }) => d.domain)).toEqual(['email', 'calendar', 'finance']);

    const page = await versions(user.id);
    expect(page.total).toBe(1);
    expect(page.nextCursor).toBeNull();
    expect(page.versions[0]).toMatchObject({ version: 1, cause: { kind: 'approve', decisionId: first } });
    expect(page.versions[0].why).toBe('You approved "archive" on "This week at Acme: 5 stories" from Acme News <news@acme-news.com>.');
    expect(page.versions[0].changes).toContainEqual({
      kind: 'preference',
      key: 'email.sender:news@acme-news.com',
      about: 'mail from news@acme-news.com',
      before: null,
      after: { value: 'archive', confidence: expect.any(Number), source: 'inferred' },
    });
  });

  it('records a promotion as a trust change and then says the domain is at its ceiling', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' }, trustProgression: { promoteAfterApprovals: 2, maxAutoTier: 'low', minApprovalRate: 0.5 } });
    await approveNewsletter(user.id);
    await approveNewsletter(user.id);
    const page = await versions(user.id);
    expect(page.versions[0].changes).toContainEqual({ kind: 'trust', domain: 'email', before: 'suggest', after: 'low', reason: expect.stringContaining('promoted email to low') });
    const email = (await twin(user.id)).trustByDomain.find((d: { domain: string }) => d.domain === 'email');
    expect(email).toMatchObject({ tier: 'low', nextTier: null, approvalsToNext: null, progress: 1 });
    expect(email.sentence).toMatch(/^Email is at low, as high as you let SkyTwin promote itself/);

    await setSettings(t, user.id, { trustProgression: { enabled: false } });
    const off = (await twin(user.id)).trustByDomain.find((d: { domain: string }) => d.domain === 'calendar');
    expect(off.sentence).toBe('Stays at observer in calendar: automatic promotion is off in settings.');
  });

  it('pages versions newest first and names statements and removals as their cause', async () => {
    const user = await addUser(t);
    const key = encodeURIComponent('email.sender:news@acme-news.com');
    const put = await t.call({ method: 'PUT', url: `/api/users/${user.id}/twin/preferences/${key}`, payload: { value: 'archive' } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ version: 1, preference: { source: 'explicit', value: 'archive', origin: expect.stringMatching(/^You said so on /) } });
    await t.call({ method: 'PUT', url: `/api/users/${user.id}/twin/preferences/${key}`, payload: { value: 'mark_read' } });
    const removed = await t.call({ method: 'DELETE', url: `/api/users/${user.id}/twin/preferences/${key}` });
    expect(removed.body).toEqual({ version: 3 });

    const first = await versions(user.id, '?limit=2');
    expect(first.total).toBe(3);
    expect(first.versions.map((v: { version: number }) => v.version)).toEqual([3, 2]);
    expect(first.versions[0]).toMatchObject({ cause: { kind: 'remove', decisionId: null }, why: 'You removed the preference for mail from news@acme-news.com.' });
    expect(first.versions[0].changes).toEqual([
      { kind: 'preference', key: 'email.sender:news@acme-news.com', about: 'mail from news@acme-news.com', before: { value: 'mark_read', confidence: expect.any(Number), source: 'explicit' }, after: null },
    ]);
    expect(first.versions[1]).toMatchObject({ cause: { kind: 'restate' }, why: 'You said what to do with mail from news@acme-news.com: "mark as read".' });
    expect(first.versions[1].changes[0]).toMatchObject({ before: { value: 'archive' }, after: { value: 'mark_read' } });
    const second = await versions(user.id, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a bad cursor, and keeps users apart', async () => {
    const ann = await addUser(t);
    const bob = await addUser(t);
    const bad = await t.call({ method: 'GET', url: `/api/users/${ann.id}/twin/versions?cursor=abc` });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toMatch(/cursor/);
    expect((await t.call({ method: 'GET', url: `/api/users/${ann.id}/twin/versions`, token: bob.token })).status).toBe(404);
    expect((await t.call({ method: 'GET', url: `/api/users/${ann.id}/twin`, token: bob.token })).status).toBe(404);
  });

  it('lists the trust ledger per scope, the scope an undo concerns first, with its miss', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' }, trustProgression: { enabled: false } });
    expect((await twin(user.id)).scopes).toEqual({ total: 0, entries: [] });
    const first = await approveNewsletter(user.id);
    await t.runner.drain();
    await approveNewsletter(user.id);
    t.clock.advance(60_000);
    const undo = await t.call({ method: 'POST', url: `/api/decisions/${first}/undo` });
    expect(undo.status, JSON.stringify(undo.body)).toBe(202);
    await t.runner.drain();

    const { scopes } = await twin(user.id);
    expect(scopes.total).toBe(3);
    expect(scopes.entries[0]).toMatchObject({
      key: 'email/newsletter/sender:news@acme-news.com',
      domain: 'email',
      scope: 'newsletters from news@acme-news.com',
      answers: 3,
      agreed: 2,
      earned: false,
      lastMiss: { kind: 'undo', severe: false },
      hold: null,
    });
    expect(scopes.entries[0].lastMiss.text).toMatch(/^you undid it on \d{1,2} [A-Z][a-z]{2}$/);
    expect(scopes.entries[0].lowerBound).toBeGreaterThan(0);
    expect(scopes.entries[0].lowerBound).toBeLessThan(0.85);
    const wide = scopes.entries.find((e: { key: string }) => e.key === 'email/newsletter');
    // SkyTwin's guess came from the habit for newsletters, so the undo counts against the wider scopes too; the miss stays on the sender.
    expect(wide).toMatchObject({ scope: 'newsletters', answers: 3, agreed: 2, lastMiss: null });
    const times = scopes.entries.map((e: { updatedAt: string }) => e.updatedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });
});
