import type { DecisionBody, DecisionList, DecisionListItem, DecisionListQuery, Life, ShadowFeedback } from '../contract/index.js';
import type { LifeState, PolicyReason } from '../domain/index.js';
import { changeLinksFor, correctionsNow, failureInWords, matchBlockedDomain, preferenceKeysFor, proposalFor, verdictInWords } from '../domain/index.js';
import { isSignalTime } from '../domain/index.js';
import { errors } from '../errors/index.js';
import { listDecisionLives, loadSettings, readDecisionLife, readDecisionView, type DecisionLifeRow } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { expireApprovalsNow } from './approval-expiry.js';
import { counterpartOf, draftOf, headlineOf, parametersOf, phraseOf, proposalOf, riskSummaryOf, senderOf, situationOf, situationWordsOf } from './decision-words.js';
import { userTimeZone } from './time-zone.js';

/** Where a decision stands, in the contract's words. */
export function lifeOf(row: DecisionLifeRow): Life {
  const state = row.lifeState as LifeState;
  let reason: string | null = null;
  if (state === 'failed') reason = failureInWords(row.lifeDetail, row.domain);
  else if (state === 'rejected') reason = row.lifeDetail;
  else if (state === 'expired') reason = 'nobody answered in time, so nothing was done';
  else if (state === 'cancelled') reason = 'undone before it ran, so nothing was done';
  else if (state === 'executed' && row.undoState !== null && row.undoState !== 'succeeded') {
    reason = row.undoState === 'failed' || row.undoState === 'unknown' ? `the undo failed: ${failureInWords(row.lifeDetail, row.domain)}` : 'an undo is queued';
  }
  return { state, at: row.lifeAt === null ? null : row.lifeAt.toISOString(), reason };
}

/**
 * True only while an undo would succeed: a queued action can be cancelled, an executed reversible
 * one reverted, and only once (mirrors the checks in undoDecision).
 */
export function undoableOf(row: DecisionLifeRow): boolean {
  if (row.execState === null || row.undoState !== null) return false;
  if (row.execState === 'pending') return true;
  return row.execState === 'succeeded' && (row.execReversibility === 'full' || row.execReversibility === 'partial');
}

export function feedbackOf(row: DecisionLifeRow): ShadowFeedback | null {
  if (row.outcome !== 'shadow' && row.outcome !== 'no_action') return null;
  if (row.feedbackKind === 'confirm') return { given: 'confirmed', correctedTo: null };
  if (row.feedbackKind === 'correct') {
    const corrected = (row.feedbackPayload as { correctedAction?: { type?: unknown } } | null)?.correctedAction?.type;
    return { given: 'corrected', correctedTo: typeof corrected === 'string' ? corrected : null };
  }
  return { given: null, correctedTo: null };
}

function toListItem(row: DecisionLifeRow, timeZone: string, now: Date): DecisionListItem {
  const situation = situationOf(row.situation);
  return {
    id: row.id,
    signalId: row.signalId,
    source: row.source,
    externalId: row.externalId,
    domain: row.domain,
    situation: row.situationKind,
    situationWords: situationWordsOf(situation, row.situationKind).words,
    outcome: row.outcome as DecisionListItem['outcome'],
    sender: senderOf(row.fromHeader, counterpartOf(situation)),
    subject: row.subject,
    summary: headlineOf(row, phraseOf(row.execType ?? row.selectedType, row.selectedParameters, situation, row.domain), timeZone, now),
    action: row.selectedType,
    life: lifeOf(row),
    undoable: undoableOf(row),
    feedback: feedbackOf(row),
    createdAt: row.createdAt.toISOString(),
  };
}

/** The Activity list: filters, search, newest first, by cursor (a bounded scan per page when filtered). */
export async function listActivity(
  deps: ServiceDeps,
  userId: string,
  query: DecisionListQuery,
): Promise<DecisionList> {
  const now = deps.clock.now();
  await expireApprovalsNow(deps);
  const limit = query.limit ?? 50;
  const before = query.cursor === undefined ? null : decodeDecisionCursor(query.cursor);
  const filter = { outcome: query.outcome, domain: query.domain, situation: query.situation, state: query.state, q: query.q?.trim() || undefined };
  const { rows, more, scannedTo } = await listDecisionLives(deps.db, { userId, limit, before, filter });
  const timeZone = await userTimeZone(deps, userId);
  const last = rows.at(-1);
  const next = more && last !== undefined ? { createdAt: last.createdAt, id: last.id } : scannedTo;
  return { decisions: rows.map((row) => toListItem(row, timeZone, now)), nextCursor: next === null ? null : encodeDecisionCursor(next) };
}

/** One decision as the detail view shows it; 404 for another user's. */
export async function readDecision(deps: ServiceDeps, id: string, scopeUserId: string | null): Promise<DecisionBody> {
  const now = deps.clock.now();
  await expireApprovalsNow(deps);
  const view = await readDecisionView(deps.db, id);
  if (!view || (scopeUserId !== null && view.userId !== scopeUserId)) throw errors.notFound('decision', id);
  const row = await readDecisionLife(deps.db, id);
  if (row === null) throw errors.notFound('decision', id);
  const timeZone = await userTimeZone(deps, view.userId);
  const settings = await loadSettings(deps.db, view.userId);
  const situation = situationOf(view.situation);
  const selected = view.selectedAction;
  const phrase = phraseOf(row.execType ?? row.selectedType, row.selectedParameters, situation, row.domain);
  const stored = view.explanation;
  const reasonCodes = [
    ...(Array.isArray(view.reasons) ? (view.reasons as PolicyReason[]) : []),
    ...(Array.isArray(selected?.reasons) ? (selected.reasons as PolicyReason[]) : []),
  ].map((r) => r.code);
  const preferenceKey = situation === null ? null : (preferenceKeysFor(situation)[0] ?? null);
  const blockedEntry = situation === null ? null : matchBlockedDomain(situation.facts.counterpartDomain, settings.blockedDomains);
  const alternatives = stored.alternatives.map((alternative) => {
    const candidate = view.candidates.find((c) => c.action === alternative.action);
    return {
      action: alternative.action,
      verdict: alternative.verdict,
      verdictWords: verdictInWords(alternative.verdict),
      words: proposalOf(alternative.action, candidate?.parameters ?? {}, situation, row.domain) ?? alternative.action.replace(/_/g, ' '),
      why: alternative.why,
    };
  });
  const headline = headlineOf(row, phrase, timeZone, now);
  const settled = !['pending', 'shadow', 'nothing'].includes(row.lifeState);
  const whatHappened = settled ? `${stored.whatHappened} Since then: ${headline.charAt(0).toLowerCase()}${headline.slice(1)}` : stored.whatHappened;
  return {
    ...view,
    outcome: view.outcome as DecisionBody['outcome'],
    situationWords: situationWordsOf(situation, row.situationKind),
    sender: senderOf(row.fromHeader, counterpartOf(situation)),
    subject: row.subject,
    snippet: row.snippet,
    proposal: proposalOf(row.selectedType, row.selectedParameters, situation, row.domain),
    draft: draftOf(row.selectedType, view.execution?.parameters ?? row.selectedParameters),
    risk: selected === null ? null : riskSummaryOf(selected.risk),
    explanation: {
      ...stored,
      summary: headline,
      decidedSummary: stored.summary,
      whatHappened,
      howToCorrect: correctionsNow(row.lifeState as LifeState, undoableOf(row), stored.howToCorrect),
      alternatives,
      changeLinks: changeLinksFor({ domain: row.domain, outcome: row.outcome, reasonCodes, preferenceKey, blockedEntry }),
    },
    approval:
      view.approval === null
        ? null
        : {
            ...view.approval,
            status: view.approval.status as 'pending',
            action: view.approval.action === null ? null : { ...view.approval.action, parameters: parametersOf(view.approval.action.parameters) },
            summary: headline,
            note: row.lifeState === 'expired' ? `${headline} SkyTwin will not act on it.` : null,
          },
    life: lifeOf(row),
    undoable: undoableOf(row),
    feedback: feedbackOf(row),
    correctOptions:
      row.outcome === 'shadow' || row.outcome === 'no_action'
        ? view.candidates
            .filter((c) => c.position !== selected?.position)
            .map((c) => ({
              action: c.action,
              words: situation === null ? c.action : proposalFor({ type: c.action, domain: c.domain, parameters: parametersOf(c.parameters), reversibility: 'unknown', estimatedCostCents: 0 } as never, situation),
            }))
        : [],
  };
}

export function encodeDecisionCursor(position: { createdAt: Date; id: string }): string {
  return Buffer.from(`${position.createdAt.toISOString()}|${position.id}`).toString('base64url');
}

export function decodeDecisionCursor(cursor: string): { createdAt: Date; id: string } {
  const [createdAt = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime()) || !isSignalTime(date.getTime()) || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
    throw errors.validation('cursor is not one this API gave out', [{ field: 'cursor', message: 'use nextCursor from the previous page' }]);
  }
  return { createdAt: date, id };
}
