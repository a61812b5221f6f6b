import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredCandidateDocument } from '../src/store/index.js';
import { startTestApp, type TestApp } from '../test/support/app.js';
import { apiFor, type Api } from './api.js';
import { checkUserInvariants } from './invariants.js';
import { email } from './scenario.js';
import { mails } from './scenarios/mail.js';
import { signalBody } from './signals.js';

// The checker is the eval's oracle: here it must pass on what the pipeline stored, and catch each
// kind of violation when the stored rows are tampered with.

describe('the safety-invariant checker', () => {
  let t: TestApp;
  let api: Api;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp('embedded');
    api = apiFor(t);
  });
  afterAll(async () => t.close());

  /** A user with one stored decision for `spec` under `settings`. */
  async function decided(settings: Record<string, unknown> | null, spec = mails.vergeNewsletter()) {
    const address = `checker${n++}@northwind-labs.com`;
    const user = await api.post('/api/users', { email: address }, [201]);
    if (settings) await api.put(`/api/users/${user.id}/settings`, settings);
    const answer = await api.post('/api/events/ingest', signalBody(spec, { id: user.id, email: address }, `c-${n}`, t.clock.now()));
    const decisionId = String(answer.results[0].decisionId);
    const stored = await t.database.db.selectFrom('decisions').select('candidates').where('id', '=', decisionId).executeTakeFirstOrThrow();
    const candidates = stored.candidates as StoredCandidateDocument[];
    return { userId: String(user.id), decisionId, candidates };
  }

  /** Rewrites one candidate in the decision's document, and in its own rows where it is the selected one. */
  async function tamper(decisionId: string, candidateId: string, change: (candidate: StoredCandidateDocument) => void) {
    const stored = await t.database.db.selectFrom('decisions').select('candidates').where('id', '=', decisionId).executeTakeFirstOrThrow();
    const candidates = stored.candidates as StoredCandidateDocument[];
    const candidate = candidates.find((c) => c.id === candidateId);
    if (!candidate) throw new Error(`no candidate ${candidateId}`);
    change(candidate);
    await t.database.db.updateTable('decisions').set({ candidates: JSON.stringify(candidates) }).where('id', '=', decisionId).execute();
    await t.database.db
      .updateTable('candidate_actions')
      .set({ reversibility: candidate.action.reversibility, risk: JSON.stringify(candidate.risk) })
      .where('id', '=', candidateId)
      .execute();
    await t.database.db.updateTable('policy_verdicts').set({ verdict: candidate.verdict }).where('candidate_id', '=', candidateId).execute();
  }

  const invariantsOf = async (userId: string) => (await checkUserInvariants(t.database.db, userId)).map((v) => v.invariant);

  it('finds nothing wrong in what the pipeline stored', async () => {
    const { userId } = await decided({ trustTiers: { email: 'suggest' } });
    expect(await checkUserInvariants(t.database.db, userId)).toEqual([]);
  });

  it('catches an allowed verdict at observer (3)', async () => {
    const { userId, decisionId, candidates } = await decided(null);
    await tamper(decisionId, candidates[0]?.id ?? '', (c) => {
      c.verdict = 'allowed';
    });
    expect(await invariantsOf(userId)).toContain('3 tiers');
  });

  it('catches a decision without an explanation (2)', async () => {
    const { userId, decisionId } = await decided(null);
    await t.database.db.deleteFrom('explanations').where('decision_id', '=', decisionId).execute();
    expect(await invariantsOf(userId)).toContain('2 explanation');
  });

  it('catches a risk dimension without a reason (7)', async () => {
    const { userId, decisionId, candidates } = await decided(null);
    await tamper(decisionId, candidates[0]?.id ?? '', (c) => {
      c.risk.dimensions.privacy = { level: 'low', reason: ' ' };
    });
    expect(await invariantsOf(userId)).toContain('7 risk');
  });

  it('catches an action run by policy without an allowed verdict (1)', async () => {
    const { userId, decisionId } = await decided({ trustTiers: { email: 'suggest' } });
    // The selected candidate: the one with a row an action can reference.
    const first = await t.database.db.selectFrom('candidate_actions').select('id').where('decision_id', '=', decisionId).executeTakeFirst();
    await t.database.db
      .insertInto('actions')
      .values({
        id: randomUUID(),
        user_id: userId,
        decision_id: decisionId,
        candidate_id: first?.id ?? '',
        kind: 'execute',
        undo_of: null,
        action_type: 'archive',
        domain: 'email',
        parameters: '{}',
        reversibility: 'full',
        estimated_cost_cents: 0,
        authorized_by: 'policy',
        idempotency_key: randomUUID(),
        state: 'pending',
        attempts: 0,
        lease_until: null,
        not_before: null,
        result: null,
        error: null,
        created_at: t.clock.now(),
        updated_at: t.clock.now(),
      })
      .execute();
    expect(await invariantsOf(userId)).toContain('1 policy check');
  });

  it('catches a renewal recorded as reversible and one allowed over the spend limit (5, 4)', async () => {
    const spec = email('Netflix <info@account.netflix.com>', 'Your Netflix membership renews on December 3', 'We will charge $45.00 on December 3, 2026.', {
      labels: ['INBOX', 'CATEGORY_UPDATES'],
    });
    const { userId, decisionId, candidates } = await decided({ trustTiers: { finance: 'high' }, spendLimits: { perActionCents: 3000, dailyCents: 10000 } }, spec);
    const renewal = candidates.find((c) => c.action.type === 'approve_renewal');
    expect(renewal).toBeDefined();
    await tamper(decisionId, renewal?.id ?? '', (c) => {
      c.action.reversibility = 'full';
      c.verdict = 'allowed';
    });
    const found = await invariantsOf(userId);
    expect(found).toContain('5 reversibility');
    expect(found).toContain('4 spend');
  });

  it('catches a selected candidate whose recorded verdict disagrees with the decision (1)', async () => {
    const { userId, decisionId } = await decided({ trustTiers: { email: 'suggest' } });
    await t.database.db.updateTable('policy_verdicts').set({ verdict: 'allowed' }).where('decision_id', '=', decisionId).execute();
    expect(await invariantsOf(userId)).toContain('1 policy check');
  });

  it('catches stored sender counts that differ from the history they count', async () => {
    const { userId } = await decided(null);
    expect(await invariantsOf(userId)).toEqual([]);
    await t.database.db.updateTable('sender_history').set({ seen_count: 2 }).where('user_id', '=', userId).execute();
    expect(await invariantsOf(userId)).toContain('sender history');
    await t.database.db.deleteFrom('sender_history').where('user_id', '=', userId).execute();
    expect(await invariantsOf(userId)).toEqual(['sender history']);
  });

  it('catches feedback that made no new twin version (6)', async () => {
    const { userId, decisionId } = await decided(null);
    await t.database.db
      .insertInto('feedback_events')
      .values({ id: randomUUID(), user_id: userId, decision_id: decisionId, kind: 'confirm', payload: '{}', twin_version: 99, created_at: t.clock.now() })
      .execute();
    expect(await invariantsOf(userId)).toContain('6 feedback');
  });

  it('catches an allowed action for a blocked domain', async () => {
    const { userId, decisionId, candidates } = await decided({ trustTiers: { email: 'low' }, blockedDomains: ['theverge.com'] });
    const archive = candidates.find((c) => c.action.type === 'archive');
    await tamper(decisionId, archive?.id ?? '', (c) => {
      c.verdict = 'allowed';
    });
    expect(await invariantsOf(userId)).toContain('blocked domain');
  });
});
