import type { Kysely } from 'kysely';
import type { DecisionDraft, Signal } from '../domain/index.js';
import { decide, parseAddress } from '../domain/index.js';
import { errors } from '../errors/index.js';
import {
  acceptedEventsOverlapping,
  enqueueAction,
  executedInDomain,
  findDecisionIdForSignal,
  findUser,
  inTransaction,
  insertApproval,
  insertDecision,
  insertSignal,
  loadSettings,
  loadTwin,
  previousEventSpan,
  recordSpend,
  senderHistory,
  spentLast24h,
  upsertCalendarEvent,
  type Schema,
} from '../store/index.js';
import type { ServiceDeps } from './deps.js';

export interface IngestResult {
  externalId: string;
  decisionId: string;
  duplicate: boolean;
  outcome: string | null;
}

/** Ingests signals in order, each in its own transaction; a signal seen before returns its first decision. */
export async function ingestSignals(deps: ServiceDeps, signals: Signal[]): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  const emails = new Map<string, string>();
  let queued = false;
  for (const signal of signals) {
    let email = emails.get(signal.userId);
    if (email === undefined) {
      const user = await findUser(deps.db, signal.userId);
      if (!user) throw errors.notFound('user', signal.userId);
      email = user.email.toLowerCase();
      emails.set(signal.userId, email);
    }
    const userEmail = email;
    const result = await inTransaction(deps.db, (trx) => ingestOne(trx, deps, signal, userEmail));
    if (result.queued) queued = true;
    results.push(result.result);
  }
  if (queued) deps.onActionsQueued();
  return results;
}

async function ingestOne(
  trx: Kysely<Schema>,
  deps: ServiceDeps,
  signal: Signal,
  userEmail: string,
): Promise<{ result: IngestResult; queued: boolean }> {
  const key = { userId: signal.userId, source: signal.source, externalId: signal.externalId };
  const existing = await findDecisionIdForSignal(trx, key);
  if (existing) return { result: { externalId: signal.externalId, decisionId: existing, duplicate: true, outcome: null }, queued: false };

  const now = deps.clock.now();
  const counterpart = counterpartOf(signal);
  const draft = decide({
    signal,
    userEmail,
    settings: await loadSettings(trx, signal.userId),
    twin: await loadTwin(trx, signal.userId),
    senderHistory: counterpart ? await senderHistory(trx, signal.userId, counterpart) : { seenCount: 0, repliedCount: 0 },
    acceptedEvents:
      signal.source === 'calendar' ? await acceptedEventsOverlapping(trx, signal.userId, signal.data) : [],
    previousEvent:
      signal.source === 'calendar'
        ? await previousEventSpan(trx, { userId: signal.userId, calendarId: signal.data.calendarId, eventId: signal.data.eventId })
        : null,
    spentLast24hCents: await spentLast24h(trx, signal.userId, now),
    executedInDomain: await executedInDomain(trx, signal.userId),
    clock: deps.clock,
    ids: deps.ids,
  });

  const signalId = deps.ids.next();
  if (!(await insertSignal(trx, signalId, signal, now))) {
    const raced = await findDecisionIdForSignal(trx, key);
    if (raced) return { result: { externalId: signal.externalId, decisionId: raced, duplicate: true, outcome: null }, queued: false };
  }
  const candidateIds = draft.candidates.map(() => deps.ids.next());
  await insertDecision(trx, { userId: signal.userId, signalId, draft, candidateIds, now });
  if (signal.source === 'calendar') await upsertCalendarEvent(trx, signal.userId, userEmail, signal.data, now);
  const queued = await recordOutcome(trx, deps, signal.userId, draft, candidateIds, now);
  return { result: { externalId: signal.externalId, decisionId: draft.id, duplicate: false, outcome: draft.outcome.outcome }, queued };
}

/** Turns the outcome into durable work: an approval request, or an outbox action (and its spend). */
async function recordOutcome(
  trx: Kysely<Schema>,
  deps: ServiceDeps,
  userId: string,
  draft: DecisionDraft,
  candidateIds: string[],
  now: Date,
): Promise<boolean> {
  const index = draft.outcome.selectedIndex;
  if (index === null) return false;
  const selected = draft.candidates[index];
  const candidateId = candidateIds[index];
  if (!selected || !candidateId) return false;
  if (draft.outcome.outcome === 'needs_approval') {
    await insertApproval(trx, {
      id: deps.ids.next(),
      userId,
      decisionId: draft.id,
      candidateId,
      urgency: draft.situation.urgency,
      expiresAt: new Date(draft.outcome.approvalExpiresAt ?? now.toISOString()),
      now,
    });
    return false;
  }
  if (draft.outcome.outcome !== 'auto_execute' || selected.verdict.verdict !== 'allowed') return false;
  const actionId = deps.ids.next();
  await enqueueAction(trx, {
    id: actionId,
    userId,
    decisionId: draft.id,
    candidateId,
    kind: 'execute',
    undoOf: null,
    type: selected.action.type,
    domain: selected.action.domain,
    parameters: selected.action.parameters,
    reversibility: selected.action.reversibility,
    estimatedCostCents: selected.action.estimatedCostCents,
    authorizedBy: 'policy',
    notBefore: draft.outcome.notBefore ? new Date(draft.outcome.notBefore) : null,
    now,
  });
  if (selected.action.estimatedCostCents > 0) {
    await recordSpend(trx, {
      id: deps.ids.next(),
      userId,
      actionId,
      domain: selected.action.domain,
      amountCents: selected.action.estimatedCostCents,
      at: now,
    });
  }
  return true;
}

function counterpartOf(signal: Signal): string | null {
  return parseAddress(signal.source === 'gmail' ? signal.data.from : signal.data.organizer)?.address ?? null;
}
