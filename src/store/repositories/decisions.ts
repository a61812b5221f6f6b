import type { Kysely } from 'kysely';
import type { DecisionDraft, Situation } from '../../domain/index.js';
import type { Schema } from '../schema.js';
import type { WriteStep } from '../write-together.js';
import { candidateDocument, readCandidateDocument, type StoredCandidateDocument } from './candidate-document.js';
import { json } from './parse.js';

export interface DecisionRecord {
  userId: string;
  signalId: string;
  draft: DecisionDraft;
  candidateIds: string[];
  now: Date;
}

/**
 * The inserts for decisions with their explanations, one multi-row step per table however many
 * decisions a batch holds. Every candidate, with its risk, prediction and verdict, is stored in the
 * decision's `candidates` document; only the selected one also gets a `candidate_actions` row and
 * its `policy_verdicts` row, which approvals and actions reference and the executor checks.
 */
export function decisionInserts(db: Kysely<Schema>, records: DecisionRecord[]): WriteStep[] {
  if (records.length === 0) return [];
  const steps: WriteStep[] = [];
  const decisions = db
    .insertInto('decisions')
    .values(
      records.map(({ draft, userId, signalId, candidateIds, now }) => ({
        id: draft.id,
        user_id: userId,
        signal_id: signalId,
        domain: draft.situation.domain,
        situation_kind: draft.situation.kind,
        situation: json(draft.situation),
        counterpart: draft.situation.facts.counterpart ?? null,
        tier: draft.tier,
        outcome: draft.outcome.outcome,
        selected_position: draft.outcome.selectedIndex,
        reasons: json(draft.outcome.reasons),
        not_before: draft.outcome.notBefore ? new Date(draft.outcome.notBefore) : null,
        candidates: json(candidateDocument(draft.candidates, candidateIds)),
        created_at: now,
      })),
    )
    .returning('id');
  steps.push({ name: 'decisions', query: decisions });
  const selected = records.flatMap((record) => {
    const position = record.draft.outcome.selectedIndex;
    const candidate = position === null ? undefined : record.draft.candidates[position];
    const id = position === null ? undefined : record.candidateIds[position];
    return candidate && id !== undefined && position !== null ? [{ record, candidate, position, id }] : [];
  });
  if (selected.length > 0) {
    const candidateRows = db
      .insertInto('candidate_actions')
      .values(
        selected.map(({ record, candidate, position, id }) => ({
          id,
          decision_id: record.draft.id,
          position,
          action_type: candidate.action.type,
          domain: candidate.action.domain,
          parameters: json(candidate.action.parameters),
          reversibility: candidate.action.reversibility,
          estimated_cost_cents: candidate.action.estimatedCostCents,
          risk_overall: candidate.risk.overall,
          risk: json(candidate.risk),
          rationale: candidate.rationale,
          prediction: json(candidate.prediction),
        })),
      )
      .returning('id');
    const verdicts = db
      .insertInto('policy_verdicts')
      .values(
        selected.map(({ record, candidate, id }) => ({
          candidate_id: id,
          decision_id: record.draft.id,
          verdict: candidate.verdict.verdict,
          reasons: json(candidate.verdict.reasons),
          not_before: candidate.verdict.notBefore ? new Date(candidate.verdict.notBefore) : null,
          created_at: record.now,
        })),
      )
      .returning('candidate_id');
    steps.push({ name: 'candidate_actions', query: candidateRows }, { name: 'policy_verdicts', query: verdicts });
  }
  const explanations = db
    .insertInto('explanations')
    .values(
      records.map(({ draft, now }) => ({
        decision_id: draft.id,
        summary: draft.explanation.summary,
        body: json(draft.explanation),
        created_at: now,
      })),
    )
    .returning('decision_id');
  steps.push({ name: 'explanations', query: explanations });
  return steps;
}

export interface StoredDecisionCore {
  id: string;
  userId: string;
  signalId: string;
  domain: string;
  situation: Situation;
  tier: string;
  outcome: string;
  selectedPosition: number | null;
  candidates: StoredCandidateDocument[];
  createdAt: Date;
}

export async function findDecisionCore(db: Kysely<Schema>, id: string): Promise<StoredDecisionCore | null> {
  const row = await db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    userId: row.user_id,
    signalId: row.signal_id,
    domain: row.domain,
    situation: row.situation as Situation,
    tier: row.tier,
    outcome: row.outcome,
    selectedPosition: row.selected_position,
    candidates: readCandidateDocument(row.candidates),
    createdAt: row.created_at,
  };
}
