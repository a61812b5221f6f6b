import { errors } from '../errors/index.js';
import { actionsForDecision, cancelPendingAction, enqueueAction, inTransaction } from '../store/index.js';
import { loadDecisionForUser, selectedCandidate } from './decision-context.js';
import type { ServiceDeps } from './deps.js';
import { recordFeedback } from './feedback.js';
import { announceUserEvents, recordUserEvents } from './user-events.js';

/**
 * Undoes a decision's action: a queued one is cancelled, an executed reversible one gets an undo
 * action through the same outbox. Either way the twin learns the user did not want it.
 */
export async function undoDecision(
  deps: ServiceDeps,
  decisionId: string,
  scopeUserId: string | null,
): Promise<{ decisionId: string; undo: 'cancelled' | 'queued'; actionId: string }> {
  const result = await inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const { decision, candidates } = await loadDecisionForUser(trx, decisionId, scopeUserId);
    const actions = await actionsForDecision(trx, decisionId);
    const execution = actions.filter((a) => a.kind === 'execute').at(-1);
    if (!execution) throw errors.conflict('nothing_to_undo', `Decision ${decisionId} has no executed action to undo`);
    if (actions.some((a) => a.kind === 'undo') || execution.state === 'cancelled') {
      throw errors.conflict('already_undone', `Decision ${decisionId} was already undone`);
    }
    const candidate = candidates.find((c) => c.id === execution.candidateId) ?? selectedCandidate(decision, candidates);
    let undo: 'cancelled' | 'queued';
    let actionId = execution.id;
    if (await cancelPendingAction(trx, execution.id, now)) {
      await trx.deleteFrom('spend_tracking').where('action_id', '=', execution.id).execute();
      undo = 'cancelled';
    } else if (execution.state === 'succeeded') {
      if (execution.reversibility !== 'full' && execution.reversibility !== 'partial') {
        throw errors.conflict('not_reversible', `${execution.type} cannot be undone (reversibility: ${execution.reversibility})`);
      }
      actionId = deps.ids.next();
      await enqueueAction(trx, {
        id: actionId,
        userId: execution.userId,
        decisionId,
        candidateId: execution.candidateId,
        kind: 'undo',
        undoOf: execution.id,
        type: execution.type,
        domain: execution.domain,
        parameters: { ...execution.parameters, previous: execution.result ?? null },
        reversibility: execution.reversibility,
        estimatedCostCents: 0,
        authorizedBy: 'undo',
        notBefore: null,
        now,
      });
      undo = 'queued';
    } else {
      throw errors.conflict('not_undoable_now', `The action is ${execution.state}; only a queued or executed action can be undone`);
    }
    await recordFeedback(trx, deps, {
      userId: decision.userId,
      decisionId,
      kind: 'undo',
      situation: decision.situation,
      action: candidate?.action ?? null,
      correctedAction: null,
      preferenceKeys: candidate?.prediction.preferenceKeys ?? [],
      wasAutomatic: execution.authorizedBy === 'policy',
      cancelledBeforeRun: undo === 'cancelled',
    });
    const state = undo === 'cancelled' ? 'cancelled' : 'pending';
    await recordUserEvents(trx, [{ userId: decision.userId, kind: 'action.state', payload: { decisionId, actionId, state, actionKind: undo === 'cancelled' ? 'execute' : 'undo' } }]);
    return { decisionId, undo, actionId, userId: decision.userId };
  });
  if (result.undo === 'queued') deps.onActionsQueued();
  announceUserEvents(deps, [result.userId]);
  return { decisionId: result.decisionId, undo: result.undo, actionId: result.actionId };
}
