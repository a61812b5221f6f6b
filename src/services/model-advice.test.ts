import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { backends } from '../../test/support/database.js';
import { emailSignal, newsletter } from '../../test/support/signals.js';
import { createLlmClient, createMailInterpreter } from '../llm/index.js';
import { answer, startLlmEmulator, type RunningLlmEmulator } from '../llm-emulator/index.js';

// Through the real API on a real database, with the fake model server on loopback.
describe.each(backends())('mail the rules leave unknown, with a language model (%s)', (backend) => {
  let t: TestApp;
  let model: RunningLlmEmulator;
  let userId: string;

  beforeEach(async () => {
    t = await startTestApp(backend);
    model = await startLlmEmulator();
    t.services.interpreter = createMailInterpreter(createLlmClient({ url: model.url, model: 'skytwin-fake', apiKey: null, localOnly: true, timeoutMs: 500, concurrency: 2 }, { breakerThreshold: 2 }), 2);
    const user = await t.call({ method: 'POST', url: '/api/users', payload: { email: 'ann@example.com' } });
    userId = user.body.id;
  });
  afterEach(async () => {
    await model.close();
    await t.close();
  });

  // From a colleague, with nothing the rules can name: 'unknown'.
  const vague = (id: string, extra: Record<string, unknown> = {}) => emailSignal(userId, { messageId: id, from: 'Bob <bob@example.com>', subject: 'fyi', snippet: '', bodyText: 'see below', ...extra });

  async function ingest(...signals: unknown[]) {
    const response = await t.call({ method: 'POST', url: '/api/events/ingest', payload: { signals } });
    expect(response.status).toBe(200);
    return Promise.all(response.body.results.map(async (r: { decisionId: string }) => (await t.call({ method: 'GET', url: `/api/decisions/${r.decisionId}` })).body));
  }

  it("takes the model's kind, says so, and does not ask again when the mail is synced again", async () => {
    model.enqueue(answer({ kind: 'newsletter', confidence: 0.9, reason: 'a weekly roundup' }));
    const [decision] = await ingest(vague('m-1'));
    expect(decision.situation.kind).toBe('newsletter');
    expect(decision.explanation.evidence[0]).toBe('interpreted by skytwin-fake: a weekly roundup');
    expect(model.requests).toHaveLength(1);
    expect(model.requests[0]?.messages[1]?.content).toContain('<mail-data>');
    const cached = await t.database.db.selectFrom('model_interpretations').selectAll().execute();
    expect(cached).toMatchObject([{ user_id: userId, message_id: 'm-1', model: 'skytwin-fake', kind: 'newsletter' }]);
    await ingest(vague('m-1'));
    await ingest({ ...vague('m-1'), externalId: 'm-1-again' });
    expect(model.requests).toHaveLength(1);
  });

  it('asks about mail the rules read unsure too: a surer model names it, the decision says why and asks first', async () => {
    // An automated sender and a List-Unsubscribe header, nothing else: the rules say newsletter, 50 % sure.
    const thin = (id: string) =>
      emailSignal(userId, { messageId: id, from: 'Ledgerly <hello@ledgerly.example>', subject: 'March', snippet: '', bodyText: 'Your account activity for March.', listUnsubscribe: '<https://ledgerly.example/u>' });
    const settings = await t.call({ method: 'PUT', url: `/api/users/${userId}/settings`, payload: { trustTiers: { email: 'high' }, trustProgression: { enabled: false, newDomainApprovals: 0 } } });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    const stated = await t.call({ method: 'PUT', url: `/api/users/${userId}/twin/preferences/email.situation:promotion`, payload: { value: 'archive' } });
    expect(stated.status, JSON.stringify(stated.body)).toBe(200);

    model.enqueue(answer({ kind: 'promotion', confidence: 0.9, reason: 'a spring sale' }));
    const [promo] = await ingest(thin('u-1'));
    expect(model.requests).toHaveLength(1);
    expect(promo.situation.kind).toBe('promotion');
    expect(promo.explanation.evidence.slice(0, 2)).toEqual(['interpreted by skytwin-fake: a spring sale', 'the rules were unsure: newsletter, 50 % sure']);
    expect(promo.selectedAction.action).toBe('archive');
    expect(promo.outcome).toBe('needs_approval');
    expect(JSON.stringify(promo.reasons)).toContain('model_interpreted');

    model.enqueue(answer({ kind: 'newsletter', confidence: 0.9, reason: 'a statement digest' }));
    const [same] = await ingest(thin('u-2'));
    expect(model.requests).toHaveLength(2);
    expect(same.situation.kind).toBe('newsletter');
    expect(same.explanation.evidence[0]).toBe('rules: skytwin-fake read it the same way; the rules were unsure: newsletter, 50 % sure');
    expect(JSON.stringify(same.reasons)).not.toContain('model_interpreted');
  });

  it('asks only about mail the rules leave unknown or read unsure; the others say the rules read them', async () => {
    const [known] = await ingest(newsletter(userId));
    expect(model.requests).toHaveLength(0);
    expect(known.situation.kind).toBe('newsletter');
    expect(known.explanation.evidence[0]).toBe('interpreted by the rules');
  });

  it('falls back to the rules when the model times out, errs or talks nonsense, and says which', async () => {
    model.enqueue({ kind: 'hang' });
    const [slow] = await ingest(vague('m-slow'));
    expect(slow.situation.kind).toBe('unknown');
    expect(slow.explanation.evidence[0]).toBe('rules: the model timed out');
    expect(slow.outcome).toBe('shadow');
    model.enqueue(answer({ kind: 'send_everything_to_me', confidence: 1, reason: 'x' }));
    const [odd] = await ingest(vague('m-odd'));
    expect(odd.explanation.evidence[0]).toBe("rules: the model's answer was unusable");
    // Two failures in a row opened the breaker: the next mail is not even sent.
    const [skipped] = await ingest(vague('m-down'));
    expect(skipped.explanation.evidence[0]).toBe('rules: the model was unavailable');
    expect(model.requests).toHaveLength(2);
    expect(await t.database.db.selectFrom('model_interpretations').selectAll().execute()).toEqual([]);
  });

  it('asks about several unknown mails of one batch at once, within the concurrency', async () => {
    model.setScript(() => answer({ kind: 'personal', confidence: 0.5, reason: 'a note' }, 50));
    const decisions = await ingest(vague('a'), vague('b'), vague('c'), vague('a'));
    expect(decisions.map((d: { situation: { kind: string } }) => d.situation.kind)).toEqual(['personal', 'personal', 'personal', 'personal']);
    expect(model.requests).toHaveLength(3);
  });

  it('leaves to the rules what it had no time to ask within the request\'s budget', async () => {
    t.services.interpreter = createMailInterpreter(createLlmClient({ url: model.url, model: 'skytwin-fake', apiKey: null, localOnly: true, timeoutMs: 2_000, concurrency: 1 }), 1, 100);
    model.setScript(() => answer({ kind: 'personal', confidence: 0.5, reason: 'a note' }, 300));
    const decisions = await ingest(vague('x'), vague('y'), vague('z'));
    expect(decisions.map((d: { explanation: { evidence: string[] } }) => d.explanation.evidence[0])).toEqual(['interpreted by skytwin-fake: a note', 'rules: the model timed out', 'rules: the model timed out']);
    expect(model.requests).toHaveLength(1);
  });
});
