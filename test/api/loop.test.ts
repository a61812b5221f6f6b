import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { emailSignal, invitation, newsletter, renewal } from '../support/signals.js';
import { addUser, countRows, decision, ingest, setSettings } from '../support/users.js';

describe('the decision loop through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('observer: records a shadow decision, runs nothing, and a confirmation teaches the twin', async () => {
    const user = await addUser(t);
    const result = await ingest(t, newsletter(user.id));
    const shadow = await decision(t, result.decisionId);
    expect(shadow.outcome).toBe('shadow');
    expect(shadow.execution).toBeNull();
    expect(shadow.explanation.summary.length).toBeGreaterThan(10);
    const before = (await t.call({ method: 'GET', url: `/api/users/${user.id}/twin` })).body;
    const confirm = await t.call({ method: 'POST', url: `/api/decisions/${result.decisionId}/feedback`, payload: { kind: 'confirm' } });
    expect(confirm.status).toBe(200);
    const after = (await t.call({ method: 'GET', url: `/api/users/${user.id}/twin` })).body;
    expect(after.version).toBe(before.version + 1);
    expect(after.preferences.some((p: { key: string; value: string }) => p.key === 'email.sender:news@acme-news.com' && p.value === 'archive')).toBe(true);
    const again = await t.call({ method: 'POST', url: `/api/decisions/${result.decisionId}/feedback`, payload: { kind: 'confirm' } });
    expect(again.status).toBe(409);
  });

  it('is idempotent by (userId, source, externalId)', async () => {
    const user = await addUser(t);
    const signal = newsletter(user.id);
    const first = await ingest(t, signal);
    const decisionsBefore = await countRows(t, 'decisions');
    const second = await ingest(t, signal);
    expect(second).toMatchObject({ duplicate: true, decisionId: first.decisionId });
    expect(await countRows(t, 'decisions')).toBe(decisionsBefore);
    const batch = await t.call({ method: 'POST', url: '/api/events/ingest', payload: { signals: [signal, newsletter(user.id)] } });
    expect(batch.body.results[0]).toMatchObject({ duplicate: true, decisionId: first.decisionId });
    expect(batch.body.results[1].duplicate).toBe(false);
  });

  it('a batch answers in order, dedupes within itself, and writes nothing if any user is unknown', async () => {
    const user = await addUser(t);
    const other = await addUser(t);
    const repeated = newsletter(user.id);
    const batch = await t.call({
      method: 'POST',
      url: '/api/events/ingest',
      payload: { signals: [repeated, newsletter(other.id), repeated, emailSignal(user.id)] },
    });
    expect(batch.status).toBe(200);
    const results = batch.body.results;
    expect(results.map((r: { duplicate: boolean }) => r.duplicate)).toEqual([false, false, true, false]);
    expect(results[2].decisionId).toBe(results[0].decisionId);
    expect(results[0].externalId).toBe(repeated.externalId);
    const signalsBefore = await countRows(t, 'signals');
    const refused = await t.call({
      method: 'POST',
      url: '/api/events/ingest',
      payload: { signals: [newsletter(user.id), emailSignal('00000000-0000-4000-8000-000000000000')] },
    });
    expect(refused.status).toBe(404);
    expect(await countRows(t, 'signals')).toBe(signalsBefore);
  });

  it('suggest: asks; approving queues the action in the same transaction and the executor runs it once', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    const result = await ingest(t, newsletter(user.id));
    const pending = await decision(t, result.decisionId);
    expect(pending.outcome).toBe('needs_approval');
    expect(pending.approval.status).toBe('pending');
    const list = await t.call({ method: 'GET', url: `/api/users/${user.id}/approvals?status=pending` });
    expect(list.body.approvals.map((a: { id: string }) => a.id)).toContain(pending.approval.id);
    const listed = list.body.approvals.find((a: { id: string }) => a.id === pending.approval.id);
    expect(listed.action).toMatchObject({ type: 'archive', domain: 'email', reversibility: 'full', estimatedCostCents: 0 });
    expect(listed.summary).toBe(pending.explanation.summary);

    const approve = await t.call({ method: 'POST', url: `/api/approvals/${pending.approval.id}/approve` });
    expect(approve.status).toBe(200);
    const queued = await decision(t, result.decisionId);
    expect(queued.approval.status).toBe('approved');
    expect(queued.execution.state).toBe('pending');

    await t.runner.drain();
    const done = await decision(t, result.decisionId);
    expect(done.execution.state).toBe('succeeded');
    expect(t.executor.calls.filter((c) => c.actionId === done.execution.actionId)).toHaveLength(1);
    await t.runner.drain();
    expect(t.executor.calls.filter((c) => c.actionId === done.execution.actionId)).toHaveLength(1);

    const twice = await t.call({ method: 'POST', url: `/api/approvals/${pending.approval.id}/approve` });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('approval_already_answered');
  });

  it('reject and edit feed the twin; edit runs the edited parameters', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { calendar: 'suggest', email: 'suggest' } });
    const invite = await ingest(t, invitation(user.id));
    const pending = await decision(t, invite.decisionId);
    expect(pending.outcome).toBe('needs_approval');
    const twinBefore = (await t.call({ method: 'GET', url: `/api/users/${user.id}/twin` })).body;
    const edit = await t.call({
      method: 'POST',
      url: `/api/approvals/${pending.approval.id}/edit`,
      payload: { parameters: { response: 'tentative' } },
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    await t.runner.drain();
    const edited = await decision(t, invite.decisionId);
    expect(edited.execution.parameters.response).toBe('tentative');
    const twinAfter = (await t.call({ method: 'GET', url: `/api/users/${user.id}/twin` })).body;
    expect(twinAfter.version).toBe(twinBefore.version + 1);

    const badEdit = await ingest(t, invitation(user.id));
    const badPending = await decision(t, badEdit.decisionId);
    const refused = await t.call({
      method: 'POST',
      url: `/api/approvals/${badPending.approval.id}/edit`,
      payload: { parameters: { response: 'maybe', sneaky: 1 } },
    });
    expect(refused.status).toBe(400);
    expect((await decision(t, badEdit.decisionId)).approval.status).toBe('pending');

    const mail = await ingest(t, newsletter(user.id, 'Deals <deals@shop.example>'));
    const mailDecision = await decision(t, mail.decisionId);
    const reject = await t.call({ method: 'POST', url: `/api/approvals/${mailDecision.approval.id}/reject`, payload: { reason: 'I read these' } });
    expect(reject.status).toBe(200);
    const rejected = await decision(t, mail.decisionId);
    expect(rejected.approval.status).toBe('rejected');
    expect(rejected.execution).toBeNull();
    const twin = (await t.call({ method: 'GET', url: `/api/users/${user.id}/twin` })).body;
    expect(twin.version).toBe(twinAfter.version + 1);
  });

  it('expired approvals cannot be approved', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    const result = await ingest(t, emailSignal(user.id));
    const pending = await decision(t, result.decisionId);
    t.clock.advance(73 * 3_600_000);
    const late = await t.call({ method: 'POST', url: `/api/approvals/${pending.approval.id}/approve` });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('approval_expired');
    const list = await t.call({ method: 'GET', url: `/api/users/${user.id}/approvals?status=expired` });
    expect(list.body.approvals.map((a: { id: string }) => a.id)).toContain(pending.approval.id);
    expect(await countRows(t, 'actions')).toBeGreaterThanOrEqual(0);
  });

  it('spend limits are exact: $45.00 over a $30.00 per-action limit escalates with the reason', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { finance: 'high' }, spendLimits: { perActionCents: 3000, dailyCents: 10000 } });
    const result = await ingest(t, renewal(user.id, '$45.00'));
    const view = await decision(t, result.decisionId);
    const renew = view.candidates.find((c: { action: string }) => c.action === 'approve_renewal');
    expect(renew.estimatedCostCents).toBe(4500);
    expect(renew.verdict).not.toBe('allowed');
    expect(JSON.stringify(renew.reasons)).toContain('$45.00');
    expect(JSON.stringify(view.explanation)).toContain('$30.00');
  });

  it('blocked domains: nothing runs, and the explanation says why', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'high' }, blockedDomains: ['acme-news.com'] });
    const result = await ingest(t, newsletter(user.id));
    const view = await decision(t, result.decisionId);
    expect(view.outcome).toBe('no_action');
    expect(view.execution).toBeNull();
    expect(view.explanation.summary).toMatch(/block/i);
  });

  it('paginates decisions newest first', async () => {
    const user = await addUser(t);
    for (let i = 0; i < 5; i++) {
      await ingest(t, newsletter(user.id));
      t.clock.advance(1000);
    }
    const first = await t.call({ method: 'GET', url: `/api/users/${user.id}/decisions?limit=2` });
    expect(first.body.decisions).toHaveLength(2);
    const second = await t.call({ method: 'GET', url: `/api/users/${user.id}/decisions?limit=2&cursor=${first.body.nextCursor}` });
    const third = await t.call({ method: 'GET', url: `/api/users/${user.id}/decisions?limit=2&cursor=${second.body.nextCursor}` });
    const all = [...first.body.decisions, ...second.body.decisions, ...third.body.decisions];
    expect(new Set(all.map((d: { id: string }) => d.id)).size).toBe(5);
    const times = all.map((d: { createdAt: string }) => d.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await t.call({ method: 'GET', url: `/api/users/${user.id}/decisions?cursor=garbage` })).status).toBe(400);
  });

  it('the twin can be inspected and corrected', async () => {
    const user = await addUser(t);
    const key = encodeURIComponent('email.sender:news@acme-news.com');
    const put = await t.call({ method: 'PUT', url: `/api/users/${user.id}/twin/preferences/${key}`, payload: { value: 'archive' } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.preference).toMatchObject({ source: 'explicit', value: 'archive' });
    const twin = (await t.call({ method: 'GET', url: `/api/users/${user.id}/twin` })).body;
    expect(twin.history[0].reason).toContain('email.sender:news@acme-news.com');
    const bad = await t.call({ method: 'PUT', url: `/api/users/${user.id}/twin/preferences/nonsense`, payload: { value: 'x' } });
    expect(bad.status).toBe(400);
    const del = await t.call({ method: 'DELETE', url: `/api/users/${user.id}/twin/preferences/${key}` });
    expect(del.status).toBe(200);
    const gone = await t.call({ method: 'DELETE', url: `/api/users/${user.id}/twin/preferences/${key}` });
    expect(gone.status).toBe(404);
  });
});

describe('calendar updates', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('sees an accepted event earlier in the same batch as a conflict', async () => {
    const user = await addUser(t);
    const accepted = invitation(user.id, { eventId: 'standup1', response: 'accepted', start: '2026-11-27T09:00:00Z', end: '2026-11-27T10:00:00Z' });
    const overlapping = invitation(user.id, { eventId: 'clash1', start: '2026-11-27T09:30:00Z', end: '2026-11-27T10:30:00Z' });
    const adjacent = invitation(user.id, { eventId: 'after1', start: '2026-11-27T10:00:00Z', end: '2026-11-27T11:00:00Z' });
    const batch = await t.call({ method: 'POST', url: '/api/events/ingest', payload: { signals: [accepted, overlapping, adjacent] } });
    expect(batch.status).toBe(200);
    const clash = await decision(t, batch.body.results[1].decisionId);
    expect(clash.situation.kind).toBe('calendar_conflict');
    expect(clash.situation.facts.conflictsWith.map((e: { eventId: string }) => e.eventId)).toEqual(['standup1']);
    expect((await decision(t, batch.body.results[2].decisionId)).situation.kind).toBe('calendar_invitation');
    const later = invitation(user.id, { eventId: 'clash2', start: '2026-11-27T09:45:00Z', end: '2026-11-27T09:50:00Z' });
    expect((await decision(t, (await ingest(t, later)).decisionId)).situation.kind).toBe('calendar_conflict');
  });

  it('tells a moved meeting from an unchanged one by the version stored before', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { calendar: 'suggest' } });
    const accepted = invitation(user.id, { eventId: 'weekly1', response: 'accepted' });
    await ingest(t, accepted);
    const same = { ...accepted, externalId: 'primary/weekly1@2', data: { ...accepted.data, summary: 'Design review (agenda added)' } };
    const sameView = await decision(t, (await ingest(t, same)).decisionId);
    expect(sameView.situation.kind).toBe('calendar_update');
    expect(sameView.situation.facts.timeChanged).toBe(false);
    const moved = {
      ...accepted,
      externalId: 'primary/weekly1@3',
      data: { ...accepted.data, start: '2026-11-26T15:00:00+01:00', end: '2026-11-26T16:00:00+01:00' },
    };
    const movedView = await decision(t, (await ingest(t, moved)).decisionId);
    expect(movedView.situation.facts.timeChanged).toBe(true);
    expect(movedView.selectedAction.action).not.toBe('do_nothing');
  });
});
