import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionType } from '../../src/domain/index.js';
import { draftMarker } from '../../src/executor/index.js';
import type { OutboxAction } from '../../src/store/index.js';
import { startGoogleTestApp, type GoogleTestApp } from '../support/google.js';
import { poll } from '../support/processes.js';
import { newsletter } from '../support/signals.js';
import { addUser, decision, ingest, setSettings } from '../support/users.js';

describe('carrying out actions on Google (emulator)', () => {
  let t: GoogleTestApp;
  beforeAll(async () => {
    t = await startGoogleTestApp();
  });
  afterAll(async () => t.close());

  async function connectedUser() {
    const user = await addUser(t);
    const account = await t.control.createAccount({ email: user.email });
    const stored = await t.call({ method: 'POST', url: `/api/users/${user.id}/connections/google`, payload: { refreshToken: account.refreshToken } });
    expect(stored.status).toBe(201);
    return user;
  }

  const action = (userId: string, type: ActionType, parameters: Record<string, unknown>, kind: 'execute' | 'undo' = 'execute'): OutboxAction => {
    const now = new Date();
    return {
      id: randomUUID(), userId, decisionId: randomUUID(), candidateId: randomUUID(), kind, undoOf: null, type,
      domain: type === 'rsvp' ? 'calendar' : 'email', parameters, reversibility: 'full', estimatedCostCents: 0,
      authorizedBy: 'approval', idempotencyKey: randomUUID(), state: 'running', attempts: 1, leaseUntil: null,
      notBefore: null, result: null, error: null, createdAt: now, updatedAt: now,
    };
  };
  const labelsOf = async (email: string, id: string) => {
    const account = (await t.control.accounts()).find((a) => a.email === email);
    expect(account).toBeDefined();
    const token = await t.control.issueAccessToken(email);
    const response = await fetch(`${t.emulator.url}/gmail/v1/users/me/messages/${id}?format=minimal`, { headers: { authorization: `Bearer ${token.accessToken}` } });
    return ((await response.json()) as { labelIds: string[] }).labelIds;
  };

  it('archives an approved newsletter exactly once through the outbox, and undo brings it back', async () => {
    const user = await connectedUser();
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    const mail = await t.control.addMessage(user.email, { from: 'Acme News <news@acme-news.com>', subject: 'Weekly', text: 'digest', labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'], headers: { 'List-Unsubscribe': '<mailto:u@acme-news.com>' } });
    const signal = newsletter(user.id, 'Acme News <news@acme-news.com>', { messageId: mail.id, threadId: mail.threadId });
    const result = await ingest(t, { ...signal, externalId: mail.id });
    const view = await decision(t, result.decisionId);
    expect(view.approval?.action?.type ?? view.selectedAction?.type).toBe('archive');
    await t.control.clearRequestLog();
    expect((await t.call({ method: 'POST', url: `/api/approvals/${view.approval.id}/approve` })).status).toBe(200);
    await t.runner.drain();
    await t.runner.drain();
    expect(await labelsOf(user.email, mail.id)).not.toContain('INBOX');
    const modifies = (await t.control.requestLog()).filter((entry) => entry.endpoint === 'gmail.messages.modify');
    expect(modifies).toHaveLength(1);
    const executed = await decision(t, result.decisionId);
    expect(executed.execution.state).toBe('succeeded');

    expect((await t.call({ method: 'POST', url: `/api/decisions/${result.decisionId}/undo` })).status).toBe(202);
    await t.runner.drain();
    expect(await labelsOf(user.email, mail.id)).toContain('INBOX');
  });

  it('marks read and labels (creating the label once), with undo', async () => {
    const user = await connectedUser();
    const mail = await t.control.addMessage(user.email, { from: 'bob@example.com', subject: 'hi', text: 'hello' });
    const read = await t.google.execute(action(user.id, 'mark_read', { messageId: mail.id }));
    expect(read.status).toBe('succeeded');
    expect(await labelsOf(user.email, mail.id)).not.toContain('UNREAD');
    const labelled = await t.google.execute(action(user.id, 'label', { messageId: mail.id, label: 'Receipts' }));
    expect(labelled.status).toBe('succeeded');
    const again = await t.google.execute(action(user.id, 'label', { messageId: mail.id, label: 'receipts' }));
    const labelId = (labelled as { result: { labelId: string } }).result.labelId;
    expect((again as { result: { labelId: string } }).result.labelId).toBe(labelId);
    expect(await labelsOf(user.email, mail.id)).toContain(labelId);
    const undone = await t.google.undo(action(user.id, 'label', { messageId: mail.id, label: 'Receipts', previous: { labelId } }, 'undo'));
    expect(undone.status).toBe('succeeded');
    expect(await labelsOf(user.email, mail.id)).not.toContain(labelId);
  });

  it('answers an invitation and restores the previous answer on undo', async () => {
    const user = await connectedUser();
    const event = (await t.control.addEvent(user.email, {
      id: 'design2026a', summary: 'Design review', start: '2026-12-01T10:00:00Z', end: '2026-12-01T11:00:00Z',
      organizer: 'carol@example.com', attendees: ['carol@example.com'], selfResponse: 'needsAction',
    })) as { id: string };
    const rsvp = { calendarId: 'primary', eventId: event.id, response: 'accepted', sendUpdates: 'all' };
    const done = await t.google.execute(action(user.id, 'rsvp', rsvp));
    expect(done).toMatchObject({ status: 'succeeded', result: { previousResponse: 'needsAction' } });
    const self = async () => {
      const token = await t.control.issueAccessToken(user.email);
      const response = await fetch(`${t.emulator.url}/calendar/v3/calendars/primary/events/${event.id}`, { headers: { authorization: `Bearer ${token.accessToken}` } });
      return ((await response.json()) as { attendees: { self?: boolean; responseStatus: string }[] }).attendees.find((a) => a.self)?.responseStatus;
    };
    expect(await self()).toBe('accepted');
    const patches = (await t.control.requestLog()).filter((entry) => entry.endpoint === 'calendar.events.patch' && entry.account === user.email);
    expect(patches).toHaveLength(1);
    await t.google.undo(action(user.id, 'rsvp', { ...rsvp, previous: { previousResponse: 'needsAction' } }, 'undo'));
    expect(await self()).toBe('needsAction');
  });

  it('creates a reply draft once, even when a run is repeated or Gmail answers too late', async () => {
    const user = await connectedUser();
    const mail = await t.control.addMessage(user.email, { from: 'Dana <dana@example.com>', subject: 'Quarterly numbers', text: 'Could you send them?' });
    const draft = action(user.id, 'draft_reply', { messageId: mail.id, threadId: mail.threadId, to: ['dana@example.com'], subject: 'Re: Quarterly numbers', body: 'Here they are — grüße' });
    const first = await t.google.execute(draft);
    expect(first).toMatchObject({ status: 'succeeded', result: { reused: false } });
    const repeat = await t.google.execute(draft);
    expect(repeat).toMatchObject({ status: 'succeeded', result: { reused: true } });
    const token = await t.control.issueAccessToken(user.email);

    // Gmail creates the draft but the answer comes too late: the client gives up (5 s timeout) and
    // does not resend the create; a repeated run finds the draft by its Message-ID.
    const slow = action(user.id, 'draft_reply', { messageId: mail.id, threadId: mail.threadId, to: ['dana@example.com'], subject: 'Re: again', body: 'x' });
    await t.control.addFault({ endpoint: 'gmail.drafts.create', account: user.email, times: 1, delayMs: 5_600 });
    const late = await t.google.execute(slow);
    expect(late).toMatchObject({ status: 'retry', reason: expect.stringMatching(/Google was unavailable/) });
    const drafts = async (marker: string) => {
      const response = await fetch(`${t.emulator.url}/gmail/v1/users/me/drafts?q=${encodeURIComponent(`rfc822msgid:${marker}`)}`, { headers: { authorization: `Bearer ${token.accessToken}` } });
      return ((await response.json()) as { drafts?: { id: string }[] }).drafts ?? [];
    };
    // Gmail goes on to create the draft once its delay is over; the run is repeated after that.
    await poll(async () => ((await drafts(draftMarker(slow.id))).length > 0 ? true : null), 30_000, 50);
    const rerun = await t.google.execute(slow);
    expect(rerun).toMatchObject({ status: 'succeeded', result: { reused: true } });
    expect(await drafts(draftMarker(slow.id))).toHaveLength(1);

    expect(await drafts(draftMarker(draft.id))).toHaveLength(1);
    const undo = await t.google.undo(action(user.id, 'draft_reply', { ...draft.parameters, previous: { draftId: (first as { result: { draftId: string } }).result.draftId } }, 'undo'));
    expect(undo.status).toBe('succeeded');
    expect(await drafts(draftMarker(draft.id))).toHaveLength(0);
  });

  /** Approves the archive SkyTwin proposes for a newsletter, runs the outbox, and returns the decision as the API shows it. */
  async function approveArchive(user: { id: string }, messageId: string) {
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    const signal = newsletter(user.id, 'Acme News <news@acme-news.com>', { messageId, threadId: messageId });
    const result = await ingest(t, { ...signal, externalId: messageId });
    const view = await decision(t, result.decisionId);
    expect(view.approval?.action?.type).toBe('archive');
    expect((await t.call({ method: 'POST', url: `/api/approvals/${view.approval.id}/approve` })).status).toBe(200);
    await t.runner.drain();
    return decision(t, result.decisionId);
  }

  it('ends an approved action for a user with no Google account as failed, saying how to connect one', async () => {
    const user = await addUser(t);
    await t.control.clearRequestLog();
    const view = await approveArchive(user, 'a0a0a0a0a0a0a0a0');
    expect(view.execution).toMatchObject({ state: 'failed', attempts: 1 });
    expect(view.execution.error).toBe(
      `This action was not carried out. No Google account is connected for user ${user.id}: connect one with \`bin/skytwin connect google --user ${user.id}\`.`,
    );
    expect(await t.control.requestLog()).toEqual([]);
  });

  it('ends an approved action as failed when the user revoked access, marks the connection, and asks Google only once', async () => {
    const user = await connectedUser();
    const first = await t.control.addMessage(user.email, { from: 'Acme News <news@acme-news.com>', subject: 'Weekly', text: 'digest' });
    const second = await t.control.addMessage(user.email, { from: 'Acme News <news@acme-news.com>', subject: 'Weekly again', text: 'digest' });
    await t.control.revokeRefreshTokens(user.email);
    await t.control.clearRequestLog();

    const revoked = await approveArchive(user, first.id);
    expect(revoked.execution.state).toBe('failed');
    expect(revoked.execution.error).toMatch(new RegExp(`^This action was not carried out\\. Google access for user ${user.id} was revoked or expired; reconnect with \`bin/skytwin connect google --user ${user.id}\``));
    const connection = await t.call({ method: 'GET', url: `/api/users/${user.id}/connections/google` });
    expect(connection.body).toMatchObject({ status: 'needs_reconnect' });

    // The connection is known to be dead: the next approved action fails the same way without asking Google.
    const after = await approveArchive(user, second.id);
    expect(after.execution).toMatchObject({ state: 'failed', error: revoked.execution.error });
    const log = await t.control.requestLog();
    expect(log.map((entry) => entry.endpoint)).toEqual(['oauth.token']);
    expect(await labelsOf(user.email, first.id)).toContain('INBOX');
  });

  it('ends an action on a message that is gone as failed, with the reason', async () => {
    const user = await connectedUser();
    const outcome = await t.google.execute(action(user.id, 'archive', { messageId: 'ffffffffffffffff' }));
    expect(outcome.status).toBe('failed');
    expect((outcome as { reason: string }).reason).toMatch(/gone/);
    const missing = await t.google.execute(action(user.id, 'archive', {}));
    expect(missing).toMatchObject({ status: 'failed', reason: 'the action has no messageId' });
  });
});
