import type { Kysely } from 'kysely';
import type { ActionSpec, Prediction } from '../domain/index.js';
import { errors } from '../errors/index.js';
import { findDecisionCore, type Schema, type StoredDecisionCore } from '../store/index.js';

export interface StoredCandidate {
  id: string;
  position: number;
  action: ActionSpec;
  prediction: Prediction;
}

/** A decision and its candidates as feedback needs them; 404 for another user's decision. */
export async function loadDecisionForUser(
  db: Kysely<Schema>,
  decisionId: string,
  scopeUserId: string | null,
): Promise<{ decision: StoredDecisionCore; candidates: StoredCandidate[] }> {
  const decision = await findDecisionCore(db, decisionId);
  if (!decision || (scopeUserId !== null && decision.userId !== scopeUserId)) throw errors.notFound('decision', decisionId);
  const candidates = decision.candidates.map((stored, position) => ({ id: stored.id, position, action: stored.action, prediction: stored.prediction }));
  return { decision, candidates };
}

export function selectedCandidate(decision: StoredDecisionCore, candidates: StoredCandidate[]): StoredCandidate | null {
  if (decision.selectedPosition === null) return null;
  return candidates.find((c) => c.position === decision.selectedPosition) ?? null;
}
