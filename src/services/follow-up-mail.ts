import type { Kysely } from 'kysely';
import type { EmailSignal, Signal } from '../domain/index.js';
import { FOLLOW_UP_DEFAULT_DAYS, mailRole, sentQuestion, threadAnswer, threadOf } from '../domain/index.js';
import { errors } from '../errors/index.js';
import { closeAnswered, findUserEmails, inTransaction, loadSettings, recordQuestions, withdrawNudgeApprovals, type AskedQuestion, type OpenQuestion, type Schema } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { recordUserEvents } from './user-events.js';

const DAY_MS = 86_400_000;

/** What reading one sent message gave: the question it asks, or null when it asks nothing. */
export interface SentMailResult {
  externalId: string;
  question: string | null;
}

/**
 * Reads the users' sent mail for follow-ups, in one transaction: each message that asks something
 * is stored per thread with whom it waits on, due after the user's wait. Nothing is decided; a
 * message read before changes nothing. Mail without Gmail's SENT label is refused.
 */
export async function recordSentMail(deps: ServiceDeps, signals: readonly Signal[]): Promise<SentMailResult[]> {
  const problems = signals.flatMap((signal, index) =>
    mailRole(signal) === 'sent' ? [] : [{ field: `signals[${index}]`, message: 'must be Gmail mail the user sent (source gmail, labels including SENT)' }],
  );
  if (problems.length > 0) throw errors.validation('No sent mail was recorded', problems);
  const emails = await findUserEmails(deps.db, [...new Set(signals.map((s) => s.userId))]);
  const unknown = signals.find((s) => !emails.has(s.userId));
  if (unknown) throw errors.notFound('user', unknown.userId);
  const now = deps.clock.now();
  const results: SentMailResult[] = [];
  const questions: AskedQuestion[] = [];
  await inTransaction(deps.db, async (trx) => {
    results.length = 0;
    questions.length = 0;
    const waits = new Map<string, number>();
    for (const userId of emails.keys()) waits.set(userId, ((await loadSettings(trx, userId)).followUpAfterDays ?? FOLLOW_UP_DEFAULT_DAYS) * DAY_MS);
    for (const signal of signals as readonly EmailSignal[]) {
      const asked = sentQuestion(signal, emails.get(signal.userId) ?? '');
      results.push({ externalId: signal.externalId, question: asked?.question ?? null });
      if (asked) questions.push({ ...asked, userId: signal.userId, dueAt: new Date(asked.askedAt.getTime() + (waits.get(signal.userId) ?? FOLLOW_UP_DEFAULT_DAYS * DAY_MS)) });
    }
    await recordQuestions(trx, questions, now);
  });
  return results;
}

/** The threads a batch's received mail is on: where it may answer one of the user's questions. */
export function threadsReceivedOn(signals: readonly Signal[]): string[] {
  const threads = new Set<string>();
  for (const signal of signals) {
    if (signal.source !== 'gmail' || mailRole(signal) !== 'received') continue;
    const thread = threadOf(signal);
    if (thread !== '') threads.add(thread);
  }
  return [...threads];
}

/**
 * Ingest's part, in its transaction: mail from anyone else on a thread closes the user's questions
 * asked there before it (`open`: those on the batch's threads, read with ingest's context), and
 * withdraws a nudge still waiting for approval, saying why.
 */
export async function closeAnsweredFollowUps(
  trx: Kysely<Schema>,
  input: { userId: string; userEmail: string; signals: readonly Signal[]; open: readonly OpenQuestion[]; now: Date },
): Promise<void> {
  if (input.open.length === 0) return;
  const answers: { threadId: string; at: Date }[] = [];
  for (const signal of input.signals) {
    if (signal.source !== 'gmail' || mailRole(signal) !== 'received') continue;
    const answer = threadAnswer(signal, input.userEmail);
    if (answer) answers.push(answer);
  }
  const closed = await closeAnswered(trx, input.userId, answers, input.open);
  for (const item of closed) {
    if (item.decisionId === null) continue;
    const reason = `${item.counterpart} wrote on the thread on ${item.at.toISOString().slice(0, 10)}, so no nudge is needed`;
    const withdrawn = await withdrawNudgeApprovals(trx, [item.decisionId], input.now, reason);
    await recordUserEvents(
      trx,
      withdrawn.map((row) => ({ userId: row.userId, kind: 'approval.expired', payload: { approvalId: row.id, decisionId: row.decisionId, state: 'expired' } })),
    );
  }
}
