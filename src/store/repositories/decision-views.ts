import type { Kysely } from 'kysely';
import type { Explanation, Situation } from '../../domain/index.js';
import type { Schema } from '../schema.js';
import { actionsForDecision, type OutboxAction } from './actions.js';
import { findApprovalForDecision, type ApprovalRecord } from './approvals.js';
import { readCandidateDocument } from './candidate-document.js';
import { iso, toInt } from './parse.js';

/** The decision as clients see it (CONTRACT.md "Decision"). */
export interface DecisionView {
  id: string;
  userId: string;
  signalId: string;
  /** Where the signal came from: `gmail` with the message id, `calendar` with the event version. */
  source: string;
  externalId: string;
  domain: string;
  situation: Situation;
  tier: string;
  outcome: string;
  reasons: unknown;
  notBefore: string | null;
  selectedAction: CandidateView | null;
  candidates: CandidateView[];
  explanation: Explanation;
  approval: ApprovalView | null;
  execution: ExecutionView | null;
  undo: ExecutionView | null;
  createdAt: string;
}

export interface CandidateView {
  id: string;
  position: number;
  action: string;
  domain: string;
  parameters: unknown;
  reversible: boolean;
  reversibility: string;
  estimatedCostCents: number;
  risk: unknown;
  rationale: string;
  prediction: unknown;
  verdict: string;
  reasons: unknown;
  notBefore: string | null;
}

export interface ApprovalView {
  id: string;
  decisionId: string;
  userId: string;
  status: string;
  urgency: string;
  expiresAt: string;
  respondedAt: string | null;
  response: unknown;
  action: { type: string; domain: string; parameters: unknown; reversibility: string; estimatedCostCents: number } | null;
  summary: string | null;
  /** Set when the request expired: that it did, and that nothing ran for it. */
  note: string | null;
  createdAt: string;
}

export interface ExecutionView {
  actionId: string;
  kind: string;
  state: string;
  type: string;
  parameters: unknown;
  authorizedBy: string;
  attempts: number;
  result: unknown;
  error: string | null;
  updatedAt: string;
}

export function toExecutionView(action: OutboxAction): ExecutionView {
  return {
    actionId: action.id,
    kind: action.kind,
    state: action.state,
    type: action.type,
    parameters: action.parameters,
    authorizedBy: action.authorizedBy,
    attempts: action.attempts,
    result: action.result,
    error: action.error,
    updatedAt: action.updatedAt.toISOString(),
  };
}

export async function readDecisionView(db: Kysely<Schema>, id: string): Promise<DecisionView | null> {
  const decision = await db
    .selectFrom('decisions')
    .innerJoin('signals', 'signals.id', 'decisions.signal_id')
    .selectAll('decisions')
    .select(['signals.source', 'signals.external_id'])
    .where('decisions.id', '=', id)
    .executeTakeFirst();
  if (!decision) return null;
  const candidateViews: CandidateView[] = readCandidateDocument(decision.candidates).map((stored, position) => ({
    id: stored.id,
    position,
    action: stored.action.type,
    domain: stored.action.domain,
    parameters: stored.action.parameters,
    reversible: stored.action.reversibility === 'full' || stored.action.reversibility === 'partial',
    reversibility: stored.action.reversibility,
    estimatedCostCents: stored.action.estimatedCostCents,
    risk: stored.risk,
    rationale: stored.rationale,
    prediction: stored.prediction,
    verdict: stored.verdict,
    reasons: stored.reasons,
    notBefore: stored.notBefore,
  }));
  const explanation = await db.selectFrom('explanations').select('body').where('decision_id', '=', id).executeTakeFirst();
  const approval = await findApprovalForDecision(db, id);
  const actions = await actionsForDecision(db, id);
  const execution = actions.filter((a) => a.kind === 'execute').at(-1);
  const undo = actions.filter((a) => a.kind === 'undo').at(-1);
  const selected = decision.selected_position === null ? null : (candidateViews[decision.selected_position] ?? null);
  const stored = (explanation?.body ?? { summary: '' }) as Explanation;
  const explanationBody = stored;
  return {
    id: decision.id,
    userId: decision.user_id,
    signalId: decision.signal_id,
    source: decision.source,
    externalId: decision.external_id,
    domain: decision.domain,
    situation: decision.situation as Situation,
    tier: decision.tier,
    outcome: decision.outcome,
    reasons: decision.reasons,
    notBefore: iso(decision.not_before),
    selectedAction: selected,
    candidates: candidateViews,
    explanation: explanationBody,
    approval: approval ? toApprovalView(approval, approvalCandidate(approval, candidateViews), explanationBody.summary) : null,
    execution: execution ? toExecutionView(execution) : null,
    undo: undo ? toExecutionView(undo) : null,
    createdAt: decision.created_at.toISOString(),
  };
}

function approvalCandidate(approval: ApprovalRecord, candidates: CandidateView[]): CandidateView | null {
  return candidates.find((c) => c.id === approval.candidateId) ?? null;
}

type ApprovalCandidate = Pick<CandidateView, 'action' | 'domain' | 'parameters' | 'reversibility' | 'estimatedCostCents'>;

export function toApprovalView(approval: ApprovalRecord, candidate: ApprovalCandidate | null, summary: string | null): ApprovalView {
  return {
    id: approval.id,
    decisionId: approval.decisionId,
    userId: approval.userId,
    status: approval.status,
    urgency: approval.urgency,
    expiresAt: approval.expiresAt.toISOString(),
    respondedAt: iso(approval.respondedAt),
    response: approval.response,
    action: candidate
      ? {
          type: candidate.action,
          domain: candidate.domain,
          parameters: candidate.parameters,
          reversibility: candidate.reversibility,
          estimatedCostCents: candidate.estimatedCostCents,
        }
      : null,
    summary: approval.status === 'expired' && summary !== null ? `${expiredNote(approval)} It had read: ${summary}` : summary,
    note: approval.status === 'expired' ? expiredNote(approval) : null,
    createdAt: approval.createdAt.toISOString(),
  };
}

function expiredNote(approval: ApprovalRecord): string {
  return `This request expired unanswered at ${approval.expiresAt.toISOString()}: SkyTwin did nothing and will not act on it.`;
}
