import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { backends, openTestDatabase } from '../../../test/support/database.js';
import { migrate } from '../migrations.js';
import { findDecisionCore } from './decisions.js';
import { readDecisionView } from './decision-views.js';
import { insertUser } from './users.js';

const risk = (overall: string) => ({
  overall,
  dimensions: Object.fromEntries(['reversibility', 'financial', 'legal', 'privacy', 'relationship', 'operational'].map((name) => [name, { level: overall, reason: `${name} reason` }])),
});

describe.each(backends())('candidates document upgrade (%s)', (backend) => {
  it('fills the document of decisions stored as a row per candidate and verdict, in order, with the same ids', async () => {
    const database = await openTestDatabase(backend);
    try {
      const db = database.db;
      const at = new Date('2026-11-24T09:00:00.000Z');
      const later = new Date('2026-11-24T21:30:00.000Z');
      const userId = crypto.randomUUID();
      await insertUser(db, { id: userId, email: 'old@example.com', name: null, tokenHash: 'old', now: at });
      const signalId = crypto.randomUUID();
      const decisionId = crypto.randomUUID();
      const bare = crypto.randomUUID();
      const bareSignal = crypto.randomUUID();
      await db.insertInto('signals').values([
        { id: signalId, user_id: userId, source: 'gmail', external_id: 'm1', type: 'email.received', occurred_at: at, data: '{}', created_at: at },
        { id: bareSignal, user_id: userId, source: 'gmail', external_id: 'm2', type: 'email.received', occurred_at: at, data: '{}', created_at: at },
      ]).execute();
      const decision = (id: string, signal: string, selected: number | null) => ({
        id, user_id: userId, signal_id: signal, domain: 'finance', situation_kind: 'subscription_renewal', situation: '{"kind":"subscription_renewal"}',
        counterpart: null, tier: 'suggest', outcome: selected === null ? 'no_action' : 'needs_approval', selected_position: selected, reasons: '[]', not_before: null, created_at: at,
      });
      await db.insertInto('decisions').values([decision(decisionId, signalId, 1), decision(bare, bareSignal, null)]).execute();
      // The old shape, written in another order than the positions: a row per candidate, a row per verdict.
      const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
      const rows = [
        { position: 2, type: 'label', cost: 0, level: 'negligible', verdict: 'denied', notBefore: null },
        { position: 0, type: 'archive', cost: 0, level: 'low', verdict: 'needs_approval', notBefore: null },
        { position: 1, type: 'approve_renewal', cost: 4599, level: 'moderate', verdict: 'needs_approval', notBefore: later },
      ];
      for (const row of rows) {
        const id = ids[row.position] ?? '';
        await db.insertInto('candidate_actions').values({
          id, decision_id: decisionId, position: row.position, action_type: row.type, domain: 'finance', parameters: JSON.stringify({ n: row.position }),
          reversibility: 'none', estimated_cost_cents: row.cost, risk_overall: row.level, risk: JSON.stringify(risk(row.level)), rationale: `because ${row.position}`,
          prediction: JSON.stringify({ score: 0.5, confidence: 0.1, preferenceKeys: [], reason: 'new' }),
        }).execute();
        await db.insertInto('policy_verdicts').values({
          candidate_id: id, decision_id: decisionId, verdict: row.verdict, reasons: JSON.stringify([{ code: `r${row.position}` }]), not_before: row.notBefore, created_at: at,
        }).execute();
      }
      await db.insertInto('explanations').values({ decision_id: decisionId, summary: 'asks', body: '{"summary":"asks"}', created_at: at }).execute();
      await db.insertInto('explanations').values({ decision_id: bare, summary: 'nothing', body: '{"summary":"nothing"}', created_at: at }).execute();
      await db.insertInto('approval_requests').values({
        id: crypto.randomUUID(), user_id: userId, decision_id: decisionId, candidate_id: ids[1] ?? '', status: 'pending', urgency: 'normal', expires_at: later, responded_at: null, response: null, created_at: at,
      }).execute();

      // As the database was before the document: the column empty and the fill not yet run.
      await db.updateTable('decisions').set({ candidates: null }).execute();
      await sql`DELETE FROM schema_migrations WHERE id = '0071_decisions_candidates_filled'`.execute(db);
      expect(await migrate(db)).toEqual(['0071_decisions_candidates_filled']);

      const view = await readDecisionView(db, decisionId);
      expect(view?.candidates.map((c) => [c.id, c.position, c.action, c.verdict])).toEqual([
        [ids[0], 0, 'archive', 'needs_approval'],
        [ids[1], 1, 'approve_renewal', 'needs_approval'],
        [ids[2], 2, 'label', 'denied'],
      ]);
      expect(view?.selectedAction).toMatchObject({
        id: ids[1], estimatedCostCents: 4599, reversible: false, reasons: [{ code: 'r1' }], notBefore: later.toISOString(), rationale: 'because 1', parameters: { n: 1 },
      });
      expect(view?.selectedAction?.risk).toEqual(risk('moderate'));
      expect(view?.approval?.action).toMatchObject({ type: 'approve_renewal', estimatedCostCents: 4599 });
      expect((await findDecisionCore(db, bare))?.candidates).toEqual([]);
      expect((await readDecisionView(db, bare))?.candidates).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
