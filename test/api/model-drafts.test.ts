import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLlmClient, createMailInterpreter, createReplyDrafter } from '../../src/llm/index.js';
import { answer, startLlmEmulator, type ChatRequest, type RunningLlmEmulator } from '../../src/llm-emulator/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { backends } from '../support/database.js';
import { emailSignal, newsletter } from '../support/signals.js';
import { decision, setSettings } from '../support/users.js';

type Candidate = { action: string; parameters: Record<string, unknown> };
const draftOf = (d: { candidates: Candidate[] }) => d.candidates.find((c) => c.action === 'draft_reply')?.parameters;
const draftRequests = (requests: readonly ChatRequest[]) => requests.filter((r) => r.schema !== null && 'body' in ((r.schema['properties'] as object | undefined) ?? {}));

// Through the real API on a real database, with the fake model server on loopback.
describe.each(backends())('reply drafts written by a language model (%s)', (backend) => {
  let t: TestApp;
  let model: RunningLlmEmulator;
  let userId: string;

  function useModel(timeoutMs: number, budgetMs = 15_000): void {
    const client = createLlmClient({ url: model.url, model: 'skytwin-fake', apiKey: null, localOnly: true, timeoutMs, concurrency: 2 }, { breakerThreshold: 2 });
    t.services.interpreter = createMailInterpreter(client, 2, budgetMs);
    t.services.drafter = createReplyDrafter(client, 2, budgetMs);
  }

  beforeEach(async () => {
    t = await startTestApp(backend);
    model = await startLlmEmulator();
    useModel(500);
    const user = await t.call({ method: 'POST', url: '/api/users', payload: { email: 'ann@example.com' } });
    userId = user.body.id;
  });
  afterEach(async () => {
    await model.close();
    await t.close();
  });

  // A colleague asks for something: the rules read a work request and propose a reply draft.
  const request = (id: string, extra: Record<string, unknown> = {}) =>
    emailSignal(userId, { messageId: id, threadId: 't-q3', from: 'Bob Stone <bob@example.com>', subject: 'Q3 numbers', snippet: '', bodyText: 'Hi Ann, could you send me the Q3 numbers by Friday?', ...extra });

  async function ingest(...signals: unknown[]) {
    const response = await t.call({ method: 'POST', url: '/api/events/ingest', payload: { signals } });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return Promise.all(response.body.results.map(async (r: { decisionId: string }) => (await t.call({ method: 'GET', url: `/api/decisions/${r.decisionId}` })).body));
  }

  it("puts the model's text in the draft, keeps the rules' recipients, says so, and does not ask again on a re-sync", async () => {
    model.enqueue(answer({ body: 'Hi Bob,\n\nSure, I will send the Q3 numbers before Friday.\n\nAnn' }));
    const [decided] = await ingest(request('m-1'));
    expect(decided.situation.kind).toBe('work_request');
    expect(draftOf(decided)).toMatchObject({ to: ['bob@example.com'], subject: 'Re: Q3 numbers', messageId: 'm-1', threadId: 't-q3', body: 'Hi Bob,\n\nSure, I will send the Q3 numbers before Friday.\n\nAnn' });
    expect(decided.explanation.evidence).toContain('reply drafted by the language model skytwin-fake: read it before you send it');
    expect(model.requests).toHaveLength(1);
    // The rationale no longer claims what the rules' text said (a deadline acknowledged, a tone).
    expect(decided.candidates.find((c: Candidate) => c.action === 'draft_reply').rationale).toBe('a draft reply written by the language model from the mail is ready for you to read, edit and send; only you send it');
    const prompt = model.requests[0]?.messages[1]?.content ?? '';
    expect(prompt).toContain('<mail-data>');
    expect(prompt).toContain('could you send me the Q3 numbers');
    const cached = await t.database.db.selectFrom('model_drafts').selectAll().execute();
    expect(cached).toMatchObject([{ user_id: userId, message_id: 'm-1', model: 'skytwin-fake', prompt_version: 'draft-v1' }]);
    await ingest(request('m-1'));
    const [again] = await ingest({ ...request('m-1'), externalId: 'm-1-again' });
    expect(draftOf(again)?.['body']).toBe('Hi Bob,\n\nSure, I will send the Q3 numbers before Friday.\n\nAnn');
    expect(again.explanation.evidence).toContain('reply drafted by the language model skytwin-fake: read it before you send it');
    expect(model.requests).toHaveLength(1);
  });

  it("leaves a meeting request's draft to the rules, which propose free times from the calendar the model does not see", async () => {
    const [meeting] = await ingest(request('m-meet', { subject: 'Sync', bodyText: 'Hi Ann, could we schedule a call next week to go over the Q3 numbers?' }));
    expect(draftOf(meeting)?.['body']).toMatch(/^Hi Bob,/);
    expect(meeting.explanation.evidence).toContain('reply drafted by the rules: it proposes free times from your calendar, which the model does not see');
    expect(draftRequests(model.requests)).toHaveLength(0);
  });

  it('strips markup from the text and asks nothing for mail that gets no reply', async () => {
    model.enqueue(answer({ body: '<p>Hi Bob,</p><p>Will do.\u200b</p><script>x</script>' }));
    const [decided, bulk] = await ingest(request('m-2'), newsletter(userId));
    expect(draftOf(decided)?.['body']).toBe('Hi Bob,\n\nWill do.');
    expect(draftRequests(model.requests)).toHaveLength(1);
    expect(draftOf(bulk)).toBeUndefined();
    expect(bulk.explanation.evidence.some((line: string) => line.startsWith('reply drafted'))).toBe(false);
  });

  it('falls back to the rules when the model times out or talks nonsense, and says which', async () => {
    model.enqueue({ kind: 'hang' });
    const [slow] = await ingest(request('m-slow'));
    expect(draftOf(slow)?.['body']).toMatch(/^Hi Bob,/);
    expect(draftOf(slow)?.['to']).toEqual(['bob@example.com']);
    expect(slow.explanation.evidence).toContain('reply drafted by the rules: the model timed out');
    model.enqueue(answer({ body: 'ok', bcc: ['mallory@evil.example'] }));
    const [odd] = await ingest(request('m-odd'));
    expect(odd.explanation.evidence).toContain("reply drafted by the rules: the model's answer was unusable");
    expect(draftOf(odd)).not.toHaveProperty('bcc');
    // Two failures in a row opened the breaker: the next draft is not even asked for.
    const [skipped] = await ingest(request('m-down'));
    expect(skipped.explanation.evidence).toContain('reply drafted by the rules: the model was unavailable');
    expect(model.requests).toHaveLength(2);
    expect(await t.database.db.selectFrom('model_drafts').selectAll().execute()).toEqual([]);
  });

  it('gives the model the earlier mail of the thread and replies the user approved as data', async () => {
    await setSettings(t, userId, { trustTiers: { email: 'suggest' } });
    model.enqueue(answer({ body: 'Hi Bob,\n\nOn it.\n\nAnn' }));
    const [first] = await ingest(request('m-a', { bodyText: 'Hi Ann, could you check the Q2 report first?' }));
    expect(first.outcome).toBe('needs_approval');
    const edited = await t.call({ method: 'POST', url: `/api/approvals/${first.approval.id}/edit`, payload: { parameters: { body: 'Hey Bob,\n\nDone, see the sheet.\n\nCheers,\nAnn' } } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    await t.runner.drain();
    expect((await decision(t, first.id)).execution.state).toBe('succeeded');
    model.enqueue(answer({ body: 'Hey Bob,\n\nSending them now.\n\nCheers,\nAnn' }));
    await ingest(request('m-b'));
    const prompt = model.requests[1]?.messages[1]?.content ?? '';
    expect(prompt).toContain('<thread-data>');
    expect(prompt).toContain('check the Q2 report first');
    expect(prompt).toContain('<reply-examples>');
    expect(prompt).toContain('Done, see the sheet.');
    expect(prompt.match(/<mail-data>/g)).toHaveLength(1);
  });

  it("leaves to the rules what it had no time to ask within the request's budget", async () => {
    useModel(2_000, 100);
    model.setScript((r) => answer(draftRequests([r]).length > 0 ? { body: 'late' } : { kind: 'unknown', confidence: 0, reason: '' }, 150));
    const decisions = await ingest(request('x-1'), request('x-2'), request('x-3'), request('x-4'));
    const lines = decisions.map((d: { explanation: { evidence: string[] } }) => d.explanation.evidence.find((l) => l.startsWith('reply drafted')));
    expect(lines).toContain('reply drafted by the rules: the model timed out');
    expect(draftRequests(model.requests).length).toBeLessThan(4);
  });
});
