import type { DraftAdvice, EmailData, EmailSignal, Signal } from '../domain/index.js';
import { draftableByModel, interpretSignal, parseAddress, proposeCandidates, usualTone, withModelAdvice } from '../domain/index.js';
import { mailDataOf, type DraftRequest, type ReplyDrafter, type WrittenDraft } from '../llm/index.js';
import {
  findModelDrafts,
  findSenderCounts,
  findSentReplyBodies,
  findThreadMail,
  findUserEmails,
  inTransaction,
  insertModelDrafts,
  loadToneProfile,
} from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { adviceKey, eachLimited, type ModelAdviceMap } from './model-advice.js';

/** Draft advice by adviceKey(signal). */
export type DraftAdviceMap = ReadonlyMap<string, DraftAdvice>;

const THREAD_MESSAGES = 3;
const STYLE_EXAMPLES = 3;

/**
 * With a language model configured, asks it to write the reply for the batch's mail that gets a
 * reply draft, before ingest's transaction opens and within what is left of the request's budget
 * (counted from `startedAt`, a performance.now() time). Texts come from the cache where this model
 * already wrote one for the message under this prompt; new usable texts are stored (failures are
 * not, so a later sync asks again). Every mail of the batch gets advice, so a decision with a
 * draft says which path wrote it. No model: an empty map, and drafts are the rules' as before.
 */
export async function gatherModelDrafts(deps: ServiceDeps, signals: readonly Signal[], readings: ModelAdviceMap, startedAt: number): Promise<DraftAdviceMap> {
  const drafter = deps.drafter;
  const mail = signals.filter((s): s is EmailSignal => s.source === 'gmail');
  if (!drafter || mail.length === 0) return new Map();
  const needed = await expectingReply(deps, mail, readings);
  const written = await writeAll(deps, drafter, needed, startedAt + drafter.budgetMs);
  const advice = new Map<string, DraftAdvice>();
  for (const signal of mail) advice.set(adviceKey(signal), { model: drafter.model, written: written.get(adviceKey(signal)) ?? null });
  return advice;
}

/**
 * The mail that will get a draft_reply candidate a model may write: the rules' reading (with the model's where it
 * named unknown mail) and the proposals are pure and cheap, so they are worked out here with the
 * stored sender counters, each mail of the batch seeing the ones before it as ingest will.
 */
async function expectingReply(deps: ServiceDeps, mail: readonly EmailSignal[], readings: ModelAdviceMap): Promise<EmailSignal[]> {
  const senders = mail.map((s) => parseAddress(s.data.from)?.address ?? null);
  const emails = await findUserEmails(deps.db, [...new Set(mail.map((s) => s.userId))]);
  const counts = await findSenderCounts(
    deps.db,
    mail.flatMap((s, i) => (senders[i] ? [{ userId: s.userId, counterpart: senders[i] }] : [])),
  );
  const needed: EmailSignal[] = [];
  mail.forEach((signal, i) => {
    const key = senders[i] ? `${signal.userId}\u0000${senders[i]}` : null;
    const history = (key ? counts.get(key) : undefined) ?? { seenCount: 0, repliedCount: 0 };
    const context = { userEmail: emails.get(signal.userId) ?? '', senderHistory: history, acceptedEvents: [] };
    const ruled = interpretSignal(signal, context);
    const reading = readings.get(adviceKey(signal));
    const situation = reading ? withModelAdvice(ruled, signal, context, reading).situation : ruled;
    if (draftableByModel(situation) && proposeCandidates(situation, signal).some((c) => c.action.type === 'draft_reply')) needed.push(signal);
    if (key) counts.set(key, { ...history, seenCount: history.seenCount + 1 });
  });
  return needed;
}

function messageIdOf(signal: EmailSignal): string {
  return typeof signal.data.messageId === 'string' && signal.data.messageId !== '' ? signal.data.messageId : signal.externalId;
}

async function writeAll(deps: ServiceDeps, drafter: ReplyDrafter, signals: readonly EmailSignal[], deadline: number): Promise<Map<string, WrittenDraft>> {
  const written = new Map<string, WrittenDraft>();
  if (signals.length === 0) return written;
  const keyed = { model: drafter.model, promptVersion: drafter.promptVersion };
  const messageKey = (s: EmailSignal): string => `${s.userId}\u0000${messageIdOf(s)}`;
  const cached = await findModelDrafts(deps.db, { ...keyed, keys: signals.map((s) => ({ userId: s.userId, messageId: messageIdOf(s) })) });
  const byMessage = new Map(cached.map((c) => [`${c.userId}\u0000${c.messageId}`, c.body]));
  // The same message twice in one batch is asked once.
  const asks = [...new Map(signals.filter((s) => !byMessage.has(messageKey(s))).map((s) => [messageKey(s), s])).values()];
  const styles = await stylesOf(deps, [...new Set(asks.map((s) => s.userId))]);
  const answers = new Map<string, WrittenDraft>();
  await eachLimited(asks, drafter.concurrency, async (signal) => {
    if (performance.now() >= deadline) {
      answers.set(messageKey(signal), { failure: 'timeout' });
      return;
    }
    const request = await requestFor(deps, signal, styles.get(signal.userId) ?? { tone: { greeting: null, signOff: null }, examples: [] });
    answers.set(messageKey(signal), performance.now() < deadline ? await drafter.write(request) : { failure: 'timeout' });
  });
  for (const signal of signals) {
    const body = byMessage.get(messageKey(signal));
    const answer = body !== undefined ? { body } : answers.get(messageKey(signal));
    if (answer) written.set(adviceKey(signal), answer);
  }
  const now = deps.clock.now();
  const rows = asks.flatMap((signal) => {
    const answer = answers.get(messageKey(signal));
    return answer && 'body' in answer ? [{ ...keyed, userId: signal.userId, messageId: messageIdOf(signal), body: answer.body, now }] : [];
  });
  if (rows.length > 0) await inTransaction(deps.db, (trx) => insertModelDrafts(trx, rows));
  return written;
}

type Style = Pick<DraftRequest, 'tone' | 'examples'>;

/** Each user's learned tone and a few replies they approved or edited, read once per batch. */
async function stylesOf(deps: ServiceDeps, userIds: readonly string[]): Promise<Map<string, Style>> {
  const styles = new Map<string, Style>();
  for (const userId of userIds) {
    const tone = usualTone(await loadToneProfile(deps.db, userId));
    styles.set(userId, { tone, examples: await findSentReplyBodies(deps.db, userId, STYLE_EXAMPLES) });
  }
  return styles;
}

async function requestFor(deps: ServiceDeps, signal: EmailSignal, style: Style): Promise<DraftRequest> {
  const sender = parseAddress(signal.data.from);
  const threadId = typeof signal.data.threadId === 'string' ? signal.data.threadId : '';
  const earlier =
    sender && threadId !== ''
      ? await findThreadMail(deps.db, { userId: signal.userId, counterpart: sender.address, threadId, exceptExternalId: signal.externalId, limit: THREAD_MESSAGES })
      : [];
  return {
    mail: mailDataOf(signal.data),
    thread: earlier.flatMap((data) => (typeof data === 'object' && data !== null ? [mailDataOf(data as EmailData)] : [])),
    senderName: sender?.name ?? '',
    tone: style.tone,
    examples: style.examples,
  };
}
