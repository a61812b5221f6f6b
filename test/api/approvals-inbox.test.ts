import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalItem, ApprovalList } from '../../src/contract/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { emailSignal, newsletter } from '../support/signals.js';
import { addUser, decision, ingest, setSettings } from '../support/users.js';

async function ingestMany(t: TestApp, signals: object[]) {
  for (let i = 0; i < signals.length; i += 100) {
    const response = await t.call({ method: 'POST', url: '/api/events/ingest', payload: { signals: signals.slice(i, i + 100) } });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  }
}

async function inbox(t: TestApp, userId: string, query = ''): Promise<ApprovalList> {
  const response = await t.call({ method: 'GET', url: `/api/users/${userId}/approvals${query}` });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as ApprovalList;
}

/** A user who has told the twin to draft replies to Bob: his mail becomes a reply draft to approve. */
async function draftsForBob(t: TestApp) {
  const user = await addUser(t);
  await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
  const put = await t.call({ method: 'PUT', url: `/api/users/${user.id}/twin/preferences/email.sender:bob@example.com`, payload: { value: 'draft_reply' } });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  return user;
}

describe('the approvals inbox', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('pages 120 pending approvals by cursor with the total and counts per urgency, no silent cap', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    await ingestMany(t, Array.from({ length: 120 }, (_, i) => newsletter(user.id, `Letter ${i} <news${i}@letters${i}.example>`)));
    const first = await inbox(t, user.id, '?status=pending&limit=50');
    expect(first.total).toBe(120);
    expect(first.approvals).toHaveLength(50);
    expect(Object.values(first.counts).reduce((a, b) => a + b, 0)).toBe(120);
    const seen = new Set(first.approvals.map((a) => a.id));
    let cursor = first.nextCursor;
    let pages = 1;
    while (cursor !== null) {
      const page = await inbox(t, user.id, `?status=pending&limit=50&cursor=${cursor}`);
      expect(page.total).toBe(120);
      for (const item of page.approvals) seen.add(item.id);
      cursor = page.nextCursor;
      pages += 1;
    }
    expect(seen.size).toBe(120);
    expect(pages).toBe(3);
    const created = first.approvals.map((a) => a.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    const group = first.groups.find((g) => g.count === 120);
    expect(group?.label).toBe('archive 120 newsletters');
    expect(first.approvals[0]?.group).toEqual({ key: group?.key, label: 'archive 120 newsletters' });
    const bad = await t.call({ method: 'GET', url: `/api/users/${user.id}/approvals?cursor=nonsense` });
    expect(bad.status).toBe(400);
  });

  it('lists the most urgent first, newest first within an urgency, and counts each urgency', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    const older = await ingest(t, newsletter(user.id, 'Old <old@letters-old.example>'));
    const alert = await ingest(
      t,
      emailSignal(user.id, { from: 'Google <no-reply@accounts.google.com>', subject: 'Security alert', snippet: 'New sign-in to your Google Account', labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'] }),
    );
    t.clock.advance(1000);
    const newer = await ingest(t, newsletter(user.id, 'New <new@letters-new.example>'));
    const list = await inbox(t, user.id);
    expect(list.approvals.map((a) => a.decisionId)).toEqual([alert.decisionId, newer.decisionId, older.decisionId]);
    expect(list.counts).toEqual({ critical: 0, high: 1, normal: 0, low: 2 });
    expect(list.approvals[0]?.urgency).toBe('high');
    const page1 = await inbox(t, user.id, '?limit=1');
    const page2 = await inbox(t, user.id, `?limit=1&cursor=${page1.nextCursor}`);
    const page3 = await inbox(t, user.id, `?limit=1&cursor=${page2.nextCursor}`);
    expect([page1, page2, page3].map((p) => p.approvals[0]?.decisionId)).toEqual([alert.decisionId, newer.decisionId, older.decisionId]);
    expect(page3.nextCursor).toBeNull();
  });

  it('gives each row what it shows: sender, subject, snippet, proposal, draft, risk and why it asks', async () => {
    const user = await draftsForBob(t);
    const signal = emailSignal(user.id, {
      from: 'Bob Stone <bob@example.com>',
      subject: 'Can you review the Q1 roadmap by Friday?',
      snippet: 'Please review the roadmap doc',
      bodyText: 'Hi Ann, can you please review the Q1 roadmap by Friday? Thanks, Bob',
    });
    const result = await ingest(t, signal);
    const list = await inbox(t, user.id);
    const item = list.approvals.find((a) => a.decisionId === result.decisionId) as ApprovalItem;
    expect(item).toBeDefined();
    expect(item.sender).toEqual({ name: 'Bob Stone', address: 'bob@example.com' });
    expect(item.subject).toBe('Can you review the Q1 roadmap by Friday?');
    expect(item.snippet).toBe('Please review the roadmap doc');
    expect(item.situation.words.length).toBeGreaterThan(5);
    expect(item.asks).toContain('email is at the suggest tier');
    expect(item.summary).toMatch(/^Waiting for your approval/);
    expect(item.risk?.overall).toBeDefined();
    expect(item.action?.type).toBe('draft_reply');
    expect(item.proposal).toMatch(/^Draft a reply to this/);
    expect(item.draft?.subject).toBe('Re: Can you review the Q1 roadmap by Friday?');
    expect(item.draft?.body).toContain('Hi Bob');
    expect(item.draft?.to).toEqual(['bob@example.com']);
    for (const text of [item.proposal, item.asks, item.summary]) expect(text).not.toMatch(/needs_approval|auto_execute|no_action/);
  });

  it('editing a reply draft then approving it queues the edited text', async () => {
    const user = await draftsForBob(t);
    const result = await ingest(
      t,
      emailSignal(user.id, { from: 'Bob Stone <bob@example.com>', subject: 'Can you send the report?', bodyText: 'Hi Ann, can you send me the report by Monday? Bob' }),
    );
    const pending = await decision(t, result.decisionId);
    expect(pending.approval?.action?.type).toBe('draft_reply');
    const edited = await t.call({
      method: 'POST',
      url: `/api/approvals/${pending.approval.id}/edit`,
      payload: { parameters: { body: 'Hi Bob,\n\nAttached. Ann' } },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    await t.runner.drain();
    const done = await decision(t, result.decisionId);
    expect(done.execution.parameters.body).toBe('Hi Bob,\n\nAttached. Ann');
    expect(done.execution.state).toBe('succeeded');
    expect(t.executor.calls.filter((c) => c.actionId === done.execution.actionId)).toHaveLength(1);
  });

  it('bulk-approves a group through the single-approval path and lists what could not be approved', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    await ingestMany(t, [
      ...Array.from({ length: 7 }, (_, i) => newsletter(user.id, `Weekly ${i} <digest@weekly${i}.example>`)),
      emailSignal(user.id, { from: 'Bob Stone <bob@example.com>', subject: 'Lunch?' }),
    ]);
    const before = await inbox(t, user.id);
    expect(before.total).toBe(8);
    const group = before.groups.find((g) => g.label === 'archive 7 newsletters');
    expect(group).toBeDefined();
    const preview = await inbox(t, user.id, `?group=${encodeURIComponent(group?.key ?? '')}`);
    expect(preview.total).toBe(7);
    expect(preview.approvals.every((a) => a.action?.type === 'archive')).toBe(true);

    const answered = await t.call({ method: 'POST', url: `/api/approvals/${preview.approvals[0]?.id}/reject`, payload: { reason: 'I read this one' } });
    expect(answered.status).toBe(200);
    const bulk = await t.call({ method: 'POST', url: `/api/users/${user.id}/approvals/bulk-approve`, payload: { group: group?.key } });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(200);
    expect(bulk.body.approved).toHaveLength(6);
    expect(bulk.body.failed).toEqual([]);
    const after = await inbox(t, user.id);
    expect(after.total).toBe(1);
    expect(after.approvals[0]?.subject).toBe('Lunch?');

    const byIds = await t.call({
      method: 'POST',
      url: `/api/users/${user.id}/approvals/bulk-approve`,
      payload: { ids: [preview.approvals[0]?.id, preview.approvals[1]?.id, after.approvals[0]?.id] },
    });
    expect(byIds.status).toBe(200);
    expect(byIds.body.approved.map((a: { approvalId: string }) => a.approvalId)).toEqual([after.approvals[0]?.id]);
    expect(byIds.body.failed.map((f: { code: string }) => f.code)).toEqual(['approval_already_answered', 'approval_already_answered']);

    const stranger = await addUser(t);
    const foreign = await t.call({ method: 'POST', url: `/api/users/${stranger.id}/approvals/bulk-approve`, payload: { ids: [preview.approvals[2]?.id] } });
    expect(foreign.body.failed[0].code).toBe('not_found');
    const empty = await t.call({ method: 'POST', url: `/api/users/${user.id}/approvals/bulk-approve`, payload: { ids: [] } });
    expect(empty.status).toBe(400);
  });

  it('"always" states the preference for the sender in words, and the next decision for that sender follows it', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'low' }, trustProgression: { enabled: false, newDomainApprovals: 0 } });
    const first = await ingest(t, newsletter(user.id, 'Compiler Weekly <news@compilerweekly.example>'));
    const asked = await decision(t, first.decisionId);
    expect(asked.outcome).toBe('needs_approval');
    expect(asked.selectedAction.action).toBe('archive');
    const approve = await t.call({ method: 'POST', url: `/api/approvals/${asked.approval.id}/approve`, payload: { always: true } });
    expect(approve.status, JSON.stringify(approve.body)).toBe(200);
    expect(approve.body.preference).toEqual({
      key: 'email.sender:news@compilerweekly.example',
      value: 'archive',
      words: 'always archive mail from news@compilerweekly.example',
    });
    const twin = (await t.call({ method: 'GET', url: `/api/users/${user.id}/twin` })).body;
    expect(twin.preferences.find((p: { key: string }) => p.key === 'email.sender:news@compilerweekly.example')).toMatchObject({ value: 'archive', source: 'explicit' });

    const next = await ingest(t, newsletter(user.id, 'Compiler Weekly <news@compilerweekly.example>'));
    const followed = await decision(t, next.decisionId);
    expect(followed.outcome).toBe('auto_execute');
    expect(followed.selectedAction.prediction.preferenceKeys).toContain('email.sender:news@compilerweekly.example');
    expect(followed.explanation.preferencesUsed.map((p: { key: string }) => p.key)).toContain('email.sender:news@compilerweekly.example');

    const plain = await ingest(t, newsletter(user.id, 'Other <news@other-letters.example>'));
    expect((await decision(t, plain.decisionId)).outcome).toBe('needs_approval');
  });

  it('refuses a malformed body and another user\'s approvals', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    const result = await ingest(t, newsletter(user.id));
    const pending = await decision(t, result.decisionId);
    const bad = await t.call({ method: 'POST', url: `/api/approvals/${pending.approval.id}/approve`, payload: { always: 'yes' } });
    expect(bad.status).toBe(400);
    const other = await addUser(t);
    const foreign = await t.call({ method: 'POST', url: `/api/approvals/${pending.approval.id}/approve`, token: other.token });
    expect(foreign.status).toBe(404);
    const list = await t.call({ method: 'GET', url: `/api/users/${user.id}/approvals`, token: other.token });
    expect(list.status).toBe(404);
    expect((await decision(t, result.decisionId)).approval.status).toBe('pending');
  });
});
