import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { ActiveHours, AutonomySettings, DecisionDraft, Domain, DraftAdvice, SenderHistory, Signal, TextModel, TwinProfile } from '../domain/index.js';
import { decide, isInert, parseAddress, type DraftContext } from '../domain/index.js';
import { errors } from '../errors/index.js';
import {
  actionInsert,
  approvalInsert,
  decisionInserts,
  inTransaction,
  isUniqueViolation,
  loadIngestContext,
  senderSeenUpsert,
  signalInsert,
  signalKey,
  spendInsert,
  userEventSteps,
  writeTogether,
  type DecisionRecord,
  type NewAction,
  type NewApproval,
  type Schema,
  type SpendRecord,
  type WriteStep,
} from '../store/index.js';
import type { IngestResult } from '../contract/index.js';
import { CalendarState } from './calendar-state.js';
import { closeAnsweredFollowUps, threadsReceivedOn } from './follow-up-mail.js';
import { draftingContext, draftingQuery } from './drafting.js';
import { adviceKey, gatherModelAdvice, type ModelAdvice, type ModelAdviceMap } from './model-advice.js';
import { gatherModelDrafts, type DraftAdviceMap } from './model-drafts.js';
import type { ServiceDeps } from './deps.js';
import { announceUserEvents } from './user-events.js';
import { activeHoursOf } from './temporal-profiles.js';
import { temporalProfileAtMark } from './temporal.js';

/** One signal's fate, as POST /api/events/ingest answers it. */
export type { IngestResult };

/**
 * Ingests signals in order, all in one transaction. Each user's signals are decided together:
 * context is read once, every decision is made in memory (later signals see what earlier ones
 * spent and queued), and each table gets one multi-row insert. A signal seen before
 * returns its first decision and creates nothing.
 */
export async function ingestSignals(deps: ServiceDeps, signals: Signal[]): Promise<IngestResult[]> {
  const byUser = new Map<string, { signal: Signal; index: number }[]>();
  signals.forEach((signal, index) => {
    const list = byUser.get(signal.userId) ?? [];
    list.push({ signal, index });
    byUser.set(signal.userId, list);
  });
  // A language model (when configured) is asked first, outside the transaction: its latency never holds it open.
  const modelStarted = performance.now();
  const advice = await gatherModelAdvice(deps, signals);
  const drafts = await gatherModelDrafts(deps, signals, advice, modelStarted);
  // One transaction for the whole request: a failure for any user (one unknown, a value the
  // database refuses) leaves nothing behind for any.
  const { results, queued } = await inTransaction(deps.db, async (trx) => {
    const ordered: IngestResult[] = new Array<IngestResult>(signals.length);
    let anyQueued = false;
    for (const [userId, items] of byUser) {
      const batch = await ingestForUser(trx, deps, userId, items.map((i) => i.signal), advice, drafts);
      batch.results.forEach((result, position) => {
        const index = items[position]?.index;
        if (index !== undefined) ordered[index] = result;
      });
      anyQueued ||= batch.queued;
    }
    return { results: ordered, queued: anyQueued };
  });
  if (queued) deps.onActionsQueued();
  announceUserEvents(deps, byUser.keys());
  return results;
}

/**
 * The longest stretch, in milliseconds, of a batch's decisions between two turns of the event
 * loop. A decision takes well under a millisecond, so this costs a batch a handful of turns.
 */
const YIELD_AFTER_MS = 4;

/**
 * Signals whose rows are built and sent as one statement. A batch's rows are written in statements
 * of this many signals each, in order and in the same transaction; building and serialising one
 * statement holds the event loop, and the wait for each statement's answer lets it turn.
 */
const SIGNALS_PER_STATEMENT = 25;

/** What the pipeline needs about one user, kept current in memory while a batch is decided. */
interface UserContext {
  userEmail: string;
  settings: AutonomySettings;
  twin: TwinProfile;
  spentLast24hCents: number;
  executedInDomain: Record<Domain, number>;
  senders: Map<string, SenderHistory>;
  calendar: CalendarState;
  /** From the temporal profile: approval expiry and visible actions follow it. */
  activeHours: ActiveHours | null;
  /** The user's text model, read only when the batch has mail. */
  textModel: TextModel | null;
  /** What reply drafts use (zone, working hours, taken times, tone); null when the batch has no mail. */
  drafting: DraftContext | null;
}

async function ingestForUser(
  trx: Kysely<Schema>,
  deps: ServiceDeps,
  userId: string,
  signals: Signal[],
  advice: ModelAdviceMap = new Map(),
  drafts: DraftAdviceMap = new Map(),
): Promise<{ results: IngestResult[]; queued: boolean }> {
  const now = deps.clock.now();
  const loaded = await loadIngestContext(trx, {
    userId,
    keys: signals,
    counterparts: signals.map(counterpartOf).filter((c): c is string => c !== null),
    calendar: CalendarState.queryFor(signals),
    ...draftingQuery(signals, now),
    textModel: signals.some((s) => s.source === 'gmail'),
    threads: threadsReceivedOn(signals),
    now,
  });
  if (!loaded) throw errors.notFound('user', userId);
  const existing = loaded.existing;
  const email = loaded.email.toLowerCase();
  await closeAnsweredFollowUps(trx, { userId, userEmail: email, signals, open: loaded.openQuestions, now });
  const profile = await temporalProfileAtMark(deps, trx, userId, loaded.answerMark);
  const context: UserContext = {
    userEmail: email,
    settings: loaded.settings,
    twin: loaded.twin,
    spentLast24hCents: loaded.spentLast24hCents,
    executedInDomain: loaded.executedInDomain,
    senders: loaded.senders,
    calendar: CalendarState.from(email, loaded.calendarEvents),
    activeHours: activeHoursOf(profile),
    textModel: loaded.textModel,
    drafting: draftingContext(signals, loaded, loaded.settings, activeHoursOf(profile)),
  };

  const writes = new Writes();
  const results: IngestResult[] = [];
  const decided = new Map<string, string>();
  let turnStarted = performance.now();
  for (const signal of signals) {
    // Decisions are made in memory, with no await of their own: let the event loop turn between
    // stretches of them, so other requests (a liveness probe) are answered during a large batch.
    if (performance.now() - turnStarted >= YIELD_AFTER_MS) {
      await nextTurn();
      turnStarted = performance.now();
    }
    const key = signalKey(signal.source, signal.externalId);
    const earlier = existing.get(key) ?? decided.get(key);
    if (earlier) {
      results.push({ externalId: signal.externalId, decisionId: earlier, duplicate: true, outcome: null });
      continue;
    }
    const draft = decideOne(deps, context, signal, advice.get(adviceKey(signal)), drafts.get(adviceKey(signal)));
    decided.set(key, draft.id);
    writes.add(deps, userId, signal, draft, now);
    track(context, signal, draft);
    results.push({ externalId: signal.externalId, decisionId: draft.id, duplicate: false, outcome: draft.outcome.outcome });
  }
  // One live event per batch per user, written with the batch's rows (same statement, same
  // transaction): the stream never misses or invents one, and ingest pays no extra round trip.
  const event = { userId, kind: 'decisions.created', payload: { decisionIds: writes.decisions.map((d) => d.draft.id), approvalIds: writes.approvals.map((a) => a.id) } };
  await writes.flush(trx, now, [...context.calendar.writes(trx, userId, now), ...userEventSteps(trx, writes.decisions.length > 0 ? [event] : [])]);
  return { results, queued: writes.actions.length > 0 };
}

function decideOne(deps: ServiceDeps, context: UserContext, signal: Signal, model?: ModelAdvice, modelDraft?: DraftAdvice): DecisionDraft {
  const counterpart = counterpartOf(signal);
  const calendar = signal.source === 'calendar' ? signal.data : null;
  const draft = decide({
    signal,
    userEmail: context.userEmail,
    settings: context.settings,
    twin: context.twin,
    senderHistory: (counterpart ? context.senders.get(counterpart) : undefined) ?? { seenCount: 0, repliedCount: 0 },
    acceptedEvents: calendar ? context.calendar.acceptedOverlapping(calendar) : [],
    previousEvent: calendar ? context.calendar.previousSpan(calendar) : null,
    spentLast24hCents: context.spentLast24hCents,
    executedInDomain: context.executedInDomain,
    activeHours: context.activeHours,
    textModel: context.textModel,
    drafting: context.drafting,
    model,
    draft: modelDraft ?? null,
    clock: deps.clock,
    ids: deps.ids,
  });
  // A later event in the same batch must see this one.
  if (calendar) context.calendar.apply(calendar);
  return draft;
}

/** Later signals of the batch see the sender as seen once more, and the spend and queue this one added. */
function track(context: UserContext, signal: Signal, draft: DecisionDraft): void {
  const counterpart = counterpartOf(signal);
  if (counterpart) {
    const history = context.senders.get(counterpart) ?? { seenCount: 0, repliedCount: 0 };
    context.senders.set(counterpart, { ...history, seenCount: history.seenCount + 1 });
  }
  const selected = draft.outcome.selectedIndex === null ? undefined : draft.candidates[draft.outcome.selectedIndex];
  if (draft.outcome.outcome !== 'auto_execute' || !selected) return;
  context.spentLast24hCents += selected.action.estimatedCostCents;
  if (!isInert(selected.action.type)) context.executedInDomain[selected.action.domain] += 1;
}

/** The rows a batch writes, collected so each table gets one statement. */
class Writes {
  readonly signals: { id: string; signal: Signal }[] = [];
  readonly decisions: DecisionRecord[] = [];
  readonly approvals: NewApproval[] = [];
  readonly actions: NewAction[] = [];
  readonly spends: SpendRecord[] = [];

  add(deps: ServiceDeps, userId: string, signal: Signal, draft: DecisionDraft, now: Date): void {
    const signalId = deps.ids.next();
    const candidateIds = draft.candidates.map(() => deps.ids.next());
    this.signals.push({ id: signalId, signal });
    this.decisions.push({ userId, signalId, draft, candidateIds, now });
    const index = draft.outcome.selectedIndex;
    const selected = index === null ? undefined : draft.candidates[index];
    const candidateId = index === null ? undefined : candidateIds[index];
    if (!selected || !candidateId) return;
    if (draft.outcome.outcome === 'needs_approval') {
      this.approvals.push({
        id: deps.ids.next(),
        userId,
        decisionId: draft.id,
        candidateId,
        urgency: draft.situation.urgency,
        expiresAt: new Date(draft.outcome.approvalExpiresAt ?? now.toISOString()),
        now,
      });
      return;
    }
    if (draft.outcome.outcome !== 'auto_execute' || selected.verdict.verdict !== 'allowed') return;
    const actionId = deps.ids.next();
    this.actions.push({
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
      this.spends.push({
        id: deps.ids.next(),
        userId,
        actionId,
        domain: selected.action.domain,
        amountCents: selected.action.estimatedCostCents,
        at: now,
      });
    }
  }

  /**
   * The rows in statements of SIGNALS_PER_STATEMENT signals each (a signal's decision, approval,
   * action and spend travel with it, so every foreign key is met within its statement). The
   * sender counters (one upsert for the whole batch, rows in a fixed order) and the calendar's
   * write-back ride along with the last.
   */
  async flush(trx: Kysely<Schema>, now: Date, calendar: WriteStep[]): Promise<void> {
    try {
      for (let from = 0; from === 0 || from < this.signals.length; from += SIGNALS_PER_STATEMENT) {
        const to = from + SIGNALS_PER_STATEMENT;
        const last = to >= this.signals.length;
        const decisions = this.decisions.slice(from, to);
        const ids = new Set(decisions.map((record) => record.draft.id));
        const actions = this.actions.filter((action) => ids.has(action.decisionId));
        const actionIds = new Set(actions.map((action) => action.id));
        await writeTogether(trx, [
          ...signalInsert(trx, this.signals.slice(from, to), now),
          ...decisionInserts(trx, decisions),
          ...(last ? senderSeenUpsert(trx, this.decisions) : []),
          ...approvalInsert(trx, this.approvals.filter((approval) => ids.has(approval.decisionId))),
          ...actionInsert(trx, actions),
          ...spendInsert(trx, this.spends.filter((spend) => actionIds.has(spend.actionId))),
          ...(last ? calendar : []),
        ]);
      }
    } catch (error) {
      // Another request stored one of these signals since we looked: decide the batch again from
      // the top, where that signal is now a duplicate (the transaction helper retries on 40001).
      if (isUniqueViolation(error, 'signals')) {
        throw Object.assign(new Error('a signal of this batch was stored concurrently'), { code: '40001', cause: error });
      }
      throw error;
    }
  }
}

function counterpartOf(signal: Signal): string | null {
  return parseAddress(signal.source === 'gmail' ? signal.data.from : signal.data.organizer)?.address ?? null;
}
