import type { Kysely } from 'kysely';
import type { ActionSpec } from '../domain/index.js';
import { errors } from '../errors/index.js';
import {
  answerApproval,
  enqueueAction,
  findApproval,
  inTransaction,
  recordSpend,
  type ApprovalRecord,
  type Schema,
} from '../store/index.js';
import { loadDecisionForUser, type StoredCandidate } from './decision-context.js';
import type { ServiceDeps } from './deps.js';
import { recordFeedback } from './feedback.js';
import { stateAlways, type StatedPreference } from './always.js';
import { mergeEditedParameters } from './edit-parameters.js';
import { announceUserEvents, recordUserEvents } from './user-events.js';

export type ApprovalAnswer =
  | { kind: 'approve'; always?: boolean }
  | { kind: 'reject'; reason: string | null }
  | { kind: 'edit'; parameters: Record<string, unknown> };

/**
 * Answers an approval request. Recording the answer, queueing the approved action (and its spend)
 * and the twin's feedback commit together, so an approval is never lost between answer and execution.
 */
export async function answerApprovalRequest(
  deps: ServiceDeps,
  approvalId: string,
  answer: ApprovalAnswer,
  scopeUserId: string | null,
): Promise<{ approvalId: string; decisionId: string; status: 'approved' | 'rejected'; actionId: string | null; preference: StatedPreference | null }> {
  let answeredFor = null as string | null;
  const result = await inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const approval = await findApproval(trx, approvalId);
    if (!approval || (scopeUserId !== null && approval.userId !== scopeUserId)) throw errors.notFound('approval', approvalId);
    const { decision, candidates } = await loadDecisionForUser(trx, approval.decisionId, null);
    const candidate = candidates.find((c) => c.id === approval.candidateId);
    if (!candidate) throw errors.notFound('candidate for approval', approvalId);
    const edited = answer.kind === 'edit' ? editedAction(candidate, answer.parameters) : null;

    const answered = await answerApproval(trx, {
      id: approvalId,
      status: answer.kind === 'reject' ? 'rejected' : 'approved',
      response: responseOf(answer, edited),
      now,
    });
    if (!answered) throw await whyNotPending(trx, approval, now);
    await recordUserEvents(trx, [{ userId: approval.userId, kind: 'approval.answered', payload: { approvalId, decisionId: approval.decisionId, state: answered.status } }]);
    answeredFor = approval.userId;

    let actionId: string | null = null;
    if (answer.kind !== 'reject') {
      const action = edited ?? candidate.action;
      actionId = deps.ids.next();
      await enqueueAction(trx, {
        id: actionId,
        userId: approval.userId,
        decisionId: approval.decisionId,
        candidateId: candidate.id,
        kind: 'execute',
        undoOf: null,
        type: action.type,
        domain: action.domain,
        parameters: action.parameters,
        reversibility: action.reversibility,
        estimatedCostCents: action.estimatedCostCents,
        authorizedBy: 'approval',
        notBefore: null,
        now,
      });
      if (action.estimatedCostCents > 0) {
        await recordSpend(trx, {
          id: deps.ids.next(),
          userId: approval.userId,
          actionId,
          domain: action.domain,
          amountCents: action.estimatedCostCents,
          at: now,
        });
      }
    }
    await recordFeedback(trx, deps, {
      userId: approval.userId,
      decisionId: decision.id,
      kind: answer.kind,
      situation: decision.situation,
      action: candidate.action,
      correctedAction: edited,
      preferenceKeys: candidate.prediction.preferenceKeys,
      wasAutomatic: false,
    });
    const preference =
      answer.kind === 'approve' && answer.always === true
        ? await stateAlways(trx, deps, { userId: approval.userId, decisionId: decision.id, situation: decision.situation, action: candidate.action })
        : null;
    const status = answer.kind === 'reject' ? ('rejected' as const) : ('approved' as const);
    return { approvalId, decisionId: decision.id, status, actionId, preference };
  });
  if (result.actionId) deps.onActionsQueued();
  if (answeredFor !== null) announceUserEvents(deps, [answeredFor]);
  return result;
}

function editedAction(candidate: StoredCandidate, parameters: Record<string, unknown>): ActionSpec {
  return { ...candidate.action, parameters: mergeEditedParameters(candidate.action, parameters) };
}

function responseOf(answer: ApprovalAnswer, edited: ActionSpec | null): unknown {
  if (answer.kind === 'reject') return { kind: 'reject', reason: answer.reason };
  if (answer.kind === 'edit') return { kind: 'edit', parameters: edited?.parameters ?? null };
  return { kind: 'approve' };
}

async function whyNotPending(trx: Kysely<Schema>, approval: ApprovalRecord, now: Date): Promise<Error> {
  if (approval.status === 'pending' && approval.expiresAt <= now) {
    return errors.conflict('approval_expired', `Approval ${approval.id} expired at ${approval.expiresAt.toISOString()}`);
  }
  const current = (await findApproval(trx, approval.id)) ?? approval;
  return errors.conflict('approval_already_answered', `Approval ${approval.id} is already ${current.status}`);
}
