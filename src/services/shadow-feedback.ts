import type { ActionType } from '../domain/index.js';
import { errors } from '../errors/index.js';
import { inTransaction } from '../store/index.js';
import { loadDecisionForUser, selectedCandidate } from './decision-context.js';
import type { ServiceDeps } from './deps.js';
import { mergeEditedParameters } from './edit-parameters.js';
import { recordFeedback } from './feedback.js';

export type ShadowAnswer = { kind: 'confirm' } | { kind: 'correct'; action: ActionType; parameters: Record<string, unknown> | null };

/**
 * Confirms or corrects a decision that ran nothing (observer shadow decisions, deliberate no-action):
 * the twin learns from it as from an approval or an edit. Once per decision.
 */
export async function giveDecisionFeedback(
  deps: ServiceDeps,
  decisionId: string,
  answer: ShadowAnswer,
  scopeUserId: string | null,
): Promise<{ decisionId: string; kind: string; twinVersion: number }> {
  return inTransaction(deps.db, async (trx) => {
    const { decision, candidates } = await loadDecisionForUser(trx, decisionId, scopeUserId);
    if (decision.outcome !== 'shadow' && decision.outcome !== 'no_action') {
      throw errors.conflict(
        'feedback_not_applicable',
        `Decision ${decisionId} is ${decision.outcome}: answer its approval request or undo it instead`,
      );
    }
    const earlier = await trx
      .selectFrom('feedback_events')
      .select('id')
      .where('decision_id', '=', decisionId)
      .where('kind', 'in', ['confirm', 'correct'])
      .executeTakeFirst();
    if (earlier) throw errors.conflict('feedback_already_given', `Decision ${decisionId} was already confirmed or corrected`);
    const selected = selectedCandidate(decision, candidates);
    let corrected = null;
    if (answer.kind === 'correct') {
      const chosen = candidates.find((c) => c.action.type === answer.action);
      if (!chosen) {
        throw errors.validation(`"${answer.action}" is not one of this decision's candidates`, [
          { field: 'action', message: `one of ${candidates.map((c) => c.action.type).join(', ')}` },
        ]);
      }
      corrected = answer.parameters
        ? { ...chosen.action, parameters: mergeEditedParameters(chosen.action, answer.parameters) }
        : chosen.action;
    }
    const result = await recordFeedback(trx, deps, {
      userId: decision.userId,
      decisionId,
      kind: answer.kind,
      situation: decision.situation,
      action: selected?.action ?? null,
      correctedAction: corrected,
      preferenceKeys: selected?.prediction.preferenceKeys ?? [],
      wasAutomatic: false,
    });
    return { decisionId, kind: answer.kind, twinVersion: result.twin.version };
  });
}
