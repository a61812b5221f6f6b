import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { newsletter } from '../../test/support/signals.js';
import { addUser, decision, ingest, setSettings } from '../../test/support/users.js';
import { OutboxRunner } from './outbox-runner.js';
import { claimAction, dueActionIds, enqueueAction, findAction } from '../store/index.js';

describe('the action outbox', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  async function approvedArchive() {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    const result = await ingest(t, newsletter(user.id));
    const view = await decision(t, result.decisionId);
    const approve = await t.call({ method: 'POST', url: `/api/approvals/${view.approval.id}/approve` });
    expect(approve.status).toBe(200);
    return { user, decisionId: result.decisionId, actionId: approve.body.actionId as string, view };
  }

  it('refuses an action with no recorded allowed verdict or approval', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    const result = await ingest(t, newsletter(user.id));
    const view = await decision(t, result.decisionId);
    const rogueId = crypto.randomUUID();
    await enqueueAction(t.database.db, {
      id: rogueId,
      userId: user.id,
      decisionId: view.id,
      candidateId: view.selectedAction.id,
      kind: 'execute',
      undoOf: null,
      type: 'archive',
      domain: 'email',
      parameters: view.selectedAction.parameters,
      reversibility: 'full',
      estimatedCostCents: 0,
      authorizedBy: 'policy',
      notBefore: null,
      now: t.clock.now(),
    });
    await t.runner.drain();
    const rogue = await findAction(t.database.db, rogueId);
    expect(rogue?.state).toBe('failed');
    expect(rogue?.error).toMatch(/no recorded policy verdict/);
    expect(t.executor.calls.some((c) => c.actionId === rogueId)).toBe(false);
  });

  it('picks up an expired lease after a crash and repeats only idempotent actions', async () => {
    const { actionId } = await approvedArchive();
    // A runner claims the action and "crashes": the lease is never released.
    const claimed = await claimAction(t.database.db, actionId, t.clock.now(), 30_000);
    expect(claimed?.state).toBe('running');
    expect(await dueActionIds(t.database.db, t.clock.now(), 100)).not.toContain(actionId);
    t.clock.advance(31_000);
    expect(await dueActionIds(t.database.db, t.clock.now(), 100)).toContain(actionId);
    await t.runner.drain();
    const archived = await findAction(t.database.db, actionId);
    expect(archived?.state).toBe('succeeded');
    expect(archived?.attempts).toBe(2);
  });

  it('does not repeat a non-idempotent action whose run was interrupted: its outcome is unknown', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    const result = await ingest(t, {
      ...newsletter(user.id),
    });
    const view = await decision(t, result.decisionId);
    // An action can only reference the selected candidate: the one stored as a row.
    const draft = view.selectedAction;
    const actionId = crypto.randomUUID();
    await t.database.db
      .updateTable('approval_requests')
      .set({ status: 'approved' })
      .where('decision_id', '=', view.id)
      .execute();
    await enqueueAction(t.database.db, {
      id: actionId,
      userId: user.id,
      decisionId: view.id,
      candidateId: draft.id,
      kind: 'execute',
      undoOf: null,
      type: 'draft_reply',
      domain: 'email',
      parameters: { messageId: 'm1', threadId: 't1', to: ['bob@example.com'], subject: 'Re: hi', body: 'Thanks!' },
      reversibility: 'full',
      estimatedCostCents: 0,
      authorizedBy: 'approval',
      notBefore: null,
      now: t.clock.now(),
    });
    await claimAction(t.database.db, actionId, t.clock.now(), 30_000);
    t.clock.advance(31_000);
    await t.runner.drain();
    const action = await findAction(t.database.db, actionId);
    expect(action?.state).toBe('unknown');
    expect(action?.error).toMatch(/not repeated/);
    expect(t.executor.calls.some((c) => c.actionId === actionId)).toBe(false);
  });

  it('records failures with a readable reason, and two runners never run one action twice', async () => {
    const { actionId } = await approvedArchive();
    const second = new OutboxRunner(t.database.db, t.executor, t.clock);
    await Promise.all([t.runner.drain(), second.drain()]);
    expect(t.executor.calls.filter((c) => c.actionId === actionId)).toHaveLength(1);

    t.executor.script('archive', { status: 'failed', reason: 'Gmail says the message is gone' });
    const failing = await approvedArchive();
    await t.runner.drain();
    const failed = await findAction(t.database.db, failing.actionId);
    expect(failed).toMatchObject({ state: 'failed', error: 'Gmail says the message is gone' });
  });

  it('runs an action again later while its target is unavailable, honouring a requested wait, and gives up after the last attempt', async () => {
    const unavailable = { status: 'retry' as const, reason: 'Gmail answered 503', afterMs: null };
    t.executor.script('archive', unavailable, { ...unavailable, afterMs: 120_000 });
    const { actionId } = await approvedArchive();
    await t.runner.drain();
    let action = await findAction(t.database.db, actionId);
    expect(action).toMatchObject({ state: 'pending', attempts: 1, error: expect.stringMatching(/will try again at .*Gmail answered 503/) });
    expect(action?.notBefore?.getTime()).toBe(t.clock.now().getTime() + 30_000);
    t.clock.advance(29_000);
    expect(await t.runner.drain()).toBe(0);
    t.clock.advance(1_000);
    await t.runner.drain();
    action = await findAction(t.database.db, actionId);
    // The second wait would be 60 s; the target asked for 120 s.
    expect(action?.notBefore?.getTime()).toBe(t.clock.now().getTime() + 120_000);
    t.clock.advance(120_000);
    await t.runner.drain();
    action = await findAction(t.database.db, actionId);
    expect(action).toMatchObject({ state: 'succeeded', attempts: 3, error: null });

    const patient = new OutboxRunner(t.database.db, t.executor, t.clock, { maxAttempts: 2 });
    t.executor.script('archive', unavailable, unavailable);
    const doomed = await approvedArchive();
    await patient.drain();
    t.clock.advance(30_000);
    await patient.drain();
    expect(await findAction(t.database.db, doomed.actionId)).toMatchObject({ state: 'failed', error: 'gave up after 2 attempts: Gmail answered 503' });
  });

  it('undo goes through the outbox and tells the twin', async () => {
    const { user, decisionId } = await approvedArchive();
    await t.runner.drain();
    const twinBefore = (await t.call({ method: 'GET', url: `/api/users/${user.id}/twin` })).body;
    const undo = await t.call({ method: 'POST', url: `/api/decisions/${decisionId}/undo` });
    expect(undo.status, JSON.stringify(undo.body)).toBe(202);
    expect(undo.body.undo).toBe('queued');
    await t.runner.drain();
    const view = await decision(t, decisionId);
    expect(view.undo.state).toBe('succeeded');
    expect(t.executor.calls.filter((c) => c.kind === 'undo' && c.actionId === view.undo.actionId)).toHaveLength(1);
    const twinAfter = (await t.call({ method: 'GET', url: `/api/users/${user.id}/twin` })).body;
    expect(twinAfter.version).toBe(twinBefore.version + 1);
    const twice = await t.call({ method: 'POST', url: `/api/decisions/${decisionId}/undo` });
    expect(twice.status).toBe(409);
  });

  it('undo before execution cancels the queued action', async () => {
    const { decisionId, actionId } = await approvedArchive();
    const undo = await t.call({ method: 'POST', url: `/api/decisions/${decisionId}/undo` });
    expect(undo.body.undo).toBe('cancelled');
    await t.runner.drain();
    expect((await findAction(t.database.db, actionId))?.state).toBe('cancelled');
    expect(t.executor.calls.some((c) => c.actionId === actionId)).toBe(false);
  });
});
