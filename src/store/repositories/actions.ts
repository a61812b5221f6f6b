import type { Kysely } from 'kysely';
import type { ActionType, Domain, Reversibility } from '../../domain/index.js';
import type { Schema } from '../schema.js';
import { writeTogether, type WriteStep } from '../write-together.js';
import { inTransaction } from '../transaction.js';
import { json, toInt } from './parse.js';
import { countReplyOf, isReplyAction } from './sender-history.js';

export type ActionState = 'pending' | 'running' | 'succeeded' | 'failed' | 'unknown' | 'cancelled';
export type ActionKind = 'execute' | 'undo';
/** Who let the action run: a recorded 'allowed' verdict, the user's approval, or the user's undo request. */
export type Authorization = 'policy' | 'approval' | 'undo';

export interface OutboxAction {
  id: string;
  userId: string;
  decisionId: string;
  candidateId: string;
  kind: ActionKind;
  undoOf: string | null;
  type: ActionType;
  domain: Domain;
  parameters: Record<string, unknown>;
  reversibility: Reversibility;
  estimatedCostCents: number;
  authorizedBy: Authorization;
  idempotencyKey: string;
  state: ActionState;
  attempts: number;
  leaseUntil: Date | null;
  notBefore: Date | null;
  result: unknown;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
}

type Row = Awaited<ReturnType<typeof selectRow>>;
const selectRow = (db: Kysely<Schema>, id: string) =>
  db.selectFrom('actions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const toAction = (row: Row): OutboxAction => ({
  id: row.id,
  userId: row.user_id,
  decisionId: row.decision_id,
  candidateId: row.candidate_id,
  kind: row.kind as ActionKind,
  undoOf: row.undo_of,
  type: row.action_type as ActionType,
  domain: row.domain as Domain,
  parameters: row.parameters as Record<string, unknown>,
  reversibility: row.reversibility as Reversibility,
  estimatedCostCents: toInt(row.estimated_cost_cents),
  authorizedBy: row.authorized_by as Authorization,
  idempotencyKey: row.idempotency_key,
  state: row.state as ActionState,
  attempts: row.attempts,
  leaseUntil: row.lease_until,
  notBefore: row.not_before,
  result: row.result,
  error: row.error,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export type NewAction = Pick<
  OutboxAction,
  | 'id'
  | 'userId'
  | 'decisionId'
  | 'candidateId'
  | 'kind'
  | 'undoOf'
  | 'type'
  | 'domain'
  | 'parameters'
  | 'reversibility'
  | 'estimatedCostCents'
  | 'authorizedBy'
  | 'notBefore'
> & { now: Date };

/** Queues an action; the idempotency key makes a second enqueue of the same thing a no-op. */
export async function enqueueAction(db: Kysely<Schema>, action: NewAction): Promise<boolean> {
  return (await enqueueActions(db, [action])) === 1;
}

/** Queues several actions in one statement; returns how many were new. */
export async function enqueueActions(db: Kysely<Schema>, actions: NewAction[]): Promise<number> {
  const [step] = actionInsert(db, actions);
  if (!step) return 0;
  return (await writeTogether(db, [step])).get(step.name) ?? 0;
}

/** The insert that queues these actions; an action whose idempotency key exists already is skipped. */
export function actionInsert(db: Kysely<Schema>, actions: NewAction[]): WriteStep[] {
  if (actions.length === 0) return [];
  const query = db
    .insertInto('actions')
    .values(
      actions.map((action) => ({
        id: action.id,
        user_id: action.userId,
        decision_id: action.decisionId,
        candidate_id: action.candidateId,
        kind: action.kind,
        undo_of: action.undoOf,
        action_type: action.type,
        domain: action.domain,
        parameters: json(action.parameters),
        reversibility: action.reversibility,
        estimated_cost_cents: action.estimatedCostCents,
        authorized_by: action.authorizedBy,
        idempotency_key: action.kind === 'undo' ? `undo:${action.undoOf ?? action.id}` : `execute:${action.decisionId}`,
        state: 'pending',
        attempts: 0,
        lease_until: null,
        not_before: action.notBefore,
        result: null,
        error: null,
        created_at: action.now,
        updated_at: action.now,
      })),
    )
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id');
  return [{ name: 'actions', query }];
}

export async function findAction(db: Kysely<Schema>, id: string): Promise<OutboxAction | null> {
  const row = await db.selectFrom('actions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAction(row) : null;
}

export async function actionsForDecision(db: Kysely<Schema>, decisionId: string): Promise<OutboxAction[]> {
  const rows = await db
    .selectFrom('actions')
    .selectAll()
    .where('decision_id', '=', decisionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toAction);
}

/** Ids of actions ready to run: pending and due, or running with an expired lease (a crashed run). */
export async function dueActionIds(db: Kysely<Schema>, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('actions')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'pending'), eb.or([eb('not_before', 'is', null), eb('not_before', '<=', now)])]),
        eb.and([eb('state', '=', 'running'), eb('lease_until', '<', now)]),
      ]),
    )
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** Claims one action with a lease by a conditional update; null when another executor got it first. */
export async function claimAction(db: Kysely<Schema>, id: string, now: Date, leaseMs: number): Promise<OutboxAction | null> {
  const row = await db
    .updateTable('actions')
    .set((eb) => ({
      state: 'running',
      lease_until: new Date(now.getTime() + leaseMs),
      attempts: eb('attempts', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'pending'), eb.or([eb('not_before', 'is', null), eb('not_before', '<=', now)])]),
        eb.and([eb('state', '=', 'running'), eb('lease_until', '<', now)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
  return row ? toAction(row) : null;
}

/**
 * Records how a claimed run ended; only the holder of the running lease can finish it. A reply
 * that succeeded is counted for its sender (sender_history) in the same transaction.
 */
export async function finishAction(
  db: Kysely<Schema>,
  finish: { id: string; state: 'succeeded' | 'failed' | 'unknown'; result: unknown; error: string | null; now: Date },
): Promise<boolean> {
  if (!db.isTransaction) return inTransaction(db, (trx) => finishAction(trx, finish));
  const finished = await db
    .updateTable('actions')
    .set({ state: finish.state, result: json(finish.result ?? null), error: finish.error, lease_until: null, updated_at: finish.now })
    .where('id', '=', finish.id)
    .where('state', '=', 'running')
    .returning(['kind', 'action_type'])
    .executeTakeFirst();
  if (!finished) return false;
  if (finish.state === 'succeeded' && finished.kind === 'execute' && isReplyAction(finished.action_type)) await countReplyOf(db, finish.id);
  return true;
}

/** Puts a claimed action back in the queue to run again from `notBefore`; only the lease holder can. */
export async function postponeAction(db: Kysely<Schema>, postpone: { id: string; notBefore: Date; error: string; now: Date }): Promise<boolean> {
  const result = await db
    .updateTable('actions')
    .set({ state: 'pending', not_before: postpone.notBefore, error: postpone.error, lease_until: null, updated_at: postpone.now })
    .where('id', '=', postpone.id)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Cancels an action that has not started; false when it already runs or ran. */
export async function cancelPendingAction(db: Kysely<Schema>, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('actions')
    .set({ state: 'cancelled', updated_at: now })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Whether the action's authorization is on record: an 'allowed' verdict for its candidate,
 * an approved request for its decision, or (for undo) an executed action it undoes.
 */
export async function hasRecordedAuthorization(db: Kysely<Schema>, action: OutboxAction): Promise<boolean> {
  if (action.authorizedBy === 'policy') {
    const verdict = await db
      .selectFrom('policy_verdicts')
      .select('verdict')
      .where('candidate_id', '=', action.candidateId)
      .executeTakeFirst();
    return verdict?.verdict === 'allowed';
  }
  if (action.authorizedBy === 'approval') {
    const approval = await db
      .selectFrom('approval_requests')
      .select('status')
      .where('decision_id', '=', action.decisionId)
      .executeTakeFirst();
    return approval?.status === 'approved';
  }
  if (action.undoOf === null) return false;
  const original = await db.selectFrom('actions').select(['state', 'decision_id']).where('id', '=', action.undoOf).executeTakeFirst();
  return original?.state === 'succeeded' && original.decision_id === action.decisionId;
}
