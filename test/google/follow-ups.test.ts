import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type EmulatorHarness } from '../../src/connectors/emulator.testkit.js';
import { syncGmail } from '../../src/connectors/index.js';
import { proposeDueFollowUps } from '../../src/services/index.js';
import { followUpsDue } from '../../src/store/index.js';
import { WorkerApi } from '../../src/worker/api-client.js';
import { OWNER_TOKEN, startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { backends } from '../support/database.js';
import { addUser, countRows, decision, setSettings } from '../support/users.js';

// "Waiting on reply", live: the user's sent mail read from the Google emulator by the worker's sync
// and API client over real HTTP, the sweep on an injected clock, the nudge through the pipeline.

const MONDAY = '2026-11-30T09:00:00.000Z';
const DAY = 86_400_000;
const at = (ms: number) => new Date(Date.parse(MONDAY) + ms);

describe.each(backends())('follow-ups from sent mail (%s)', (backend) => {
  let t: TestApp;
  let h: EmulatorHarness;
  let api: WorkerApi;
  let userId: string;
  let cursor: string | null = null;
  const stop = new AbortController();

  beforeAll(async () => {
    t = await startTestApp(backend, new ManualClock(new Date(MONDAY)));
    api = new WorkerApi({ baseUrl: await t.listen(), token: OWNER_TOKEN, signal: stop.signal, baseDelayMs: 10, maxDelayMs: 50 });
    h = await startHarness('ann@example.com', MONDAY);
    userId = (await addUser(t, 'ann@example.com')).id;
    await setSettings(t, userId, { trustTiers: { email: 'suggest' } });
  }, 60_000);
  afterAll(async () => {
    stop.abort();
    await h?.close();
    await t?.close();
  });

  /** One worker round: read Gmail from the cursor and post what it found, as the worker does. */
  async function syncRound(): Promise<void> {
    const result = await syncGmail(h.gmail, { userId, cursor, now: h.clock.now() });
    await api.ingest(result.signals);
    cursor = result.cursor;
  }

  async function pendingNudges(): Promise<{ id: string; decisionId: string }[]> {
    const list = (await t.call({ method: 'GET', url: `/api/users/${userId}/approvals?status=pending` })).body as { approvals: { id: string; decisionId: string }[] };
    return list.approvals;
  }

  it('turns an unanswered question into one nudge decision, closes an answered one, and withdraws the nudge once the answer comes', async () => {
    const toBob = await h.control.addMessage(h.email, {
      from: 'Ann <ann@example.com>',
      to: 'Bob Stone <bob@example.com>',
      subject: 'Slides for Thursday',
      text: 'Hi Bob,\n\nCould you send me the slides for Thursday?\n\nThanks, Ann',
      labels: ['SENT'],
      date: MONDAY,
    });
    const toCarol = await h.control.addMessage(h.email, {
      from: 'Ann <ann@example.com>',
      to: 'carol@example.com',
      subject: 'Budget',
      text: 'Carol, let me know if the budget works for you.',
      labels: ['SENT'],
      date: MONDAY,
    });
    await h.control.addMessage(h.email, { from: 'Ann <ann@example.com>', to: 'dan@example.com', subject: 'Notes', text: 'Here are the notes from today.', labels: ['SENT'], date: MONDAY });
    await syncRound();
    // Sent mail is read, never decided.
    expect(await countRows(t, 'decisions')).toBe(0);
    expect((await followUpsDue(t.database.db, userId, at(3 * DAY))).map((item) => item.subject).sort()).toEqual(['Budget', 'Slides for Thursday']);

    // Carol answers on Tuesday: her thread is no longer waited on.
    h.clock.set(at(DAY));
    await h.control.addMessage(h.email, { from: 'Carol <carol@example.com>', to: 'ann@example.com', subject: 'Re: Budget', text: 'Works for me.', threadId: toCarol.threadId, date: at(DAY).toISOString() });
    t.clock.set(at(DAY));
    await syncRound();
    expect((await followUpsDue(t.database.db, userId, at(3 * DAY))).map((item) => item.subject)).toEqual(['Slides for Thursday']);

    // Two days later nothing is due yet; three days after Monday the sweep proposes one nudge, and only one.
    t.clock.set(at(3 * DAY - 60_000));
    expect(await proposeDueFollowUps(t.services)).toBe(0);
    t.clock.set(at(3 * DAY + 60_000));
    expect(await proposeDueFollowUps(t.services)).toBe(1);
    expect(await proposeDueFollowUps(t.services)).toBe(0);
    const [due] = await followUpsDue(t.database.db, userId, t.clock.now());
    expect(due?.decisionId).toEqual(expect.any(String));
    const nudge = await decision(t, due?.decisionId ?? '');
    expect(nudge.situation.kind).toBe('follow_up');
    expect(nudge.outcome).toBe('needs_approval');
    expect(nudge.selectedAction).toMatchObject({
      action: 'draft_reply',
      parameters: { to: ['bob@example.com'], subject: 'Re: Slides for Thursday', threadId: toBob.threadId },
    });
    expect(nudge.selectedAction.parameters.body).toBe(
      'Hi Bob,\n\nJust following up on my question from Monday about "Slides for Thursday": Could you send me the slides for Thursday?\n\nThanks!',
    );
    expect(nudge.explanation.summary).toMatch(/^Waiting for your approval to draft a reply to your unanswered question to bob@example\.com/);
    expect((await pendingNudges()).map((a) => a.decisionId)).toEqual([nudge.id]);

    // Bob answers: the item closes and the nudge waiting for approval is withdrawn.
    h.clock.set(at(4 * DAY));
    await h.control.addMessage(h.email, { from: 'Bob Stone <bob@example.com>', to: 'ann@example.com', subject: 'Re: Slides for Thursday', text: 'Attached.', threadId: toBob.threadId, date: at(4 * DAY).toISOString() });
    t.clock.set(at(4 * DAY));
    await syncRound();
    expect(await followUpsDue(t.database.db, userId, t.clock.now())).toEqual([]);
    // Bob's answer is mail like any other, with its own decision; the nudge is no longer pending.
    expect((await pendingNudges()).map((a) => a.decisionId)).not.toContain(nudge.id);
    const withdrawn = await decision(t, nudge.id);
    expect(withdrawn.approval?.status).toBe('expired');
    expect(withdrawn.explanation.summary).toMatch(/^Withdrawn at .*: bob@example\.com wrote on the thread on 2026-12-04, so no nudge is needed — nothing was done\.$/);
    const expired = (await t.call({ method: 'GET', url: `/api/users/${userId}/approvals?status=expired` })).body as { approvals: { decisionId: string; summary: string }[] };
    expect(expired.approvals.find((a) => a.decisionId === nudge.id)?.summary).toMatch(/^Withdrawn at .*, so no nudge is needed — nothing was done\.$/);
    expect(await proposeDueFollowUps(t.services)).toBe(0);
    // Carol's answer, Bob's answer and the one nudge: a sweep after the answer added nothing.
    expect(await countRows(t, 'decisions')).toBe(3);
  });
});
