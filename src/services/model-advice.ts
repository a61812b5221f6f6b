import type { EmailSignal, ModelAdvice, Signal } from '../domain/index.js';
import { interpretSignal, MODEL_KINDS, wantsModelReading } from '../domain/index.js';
import type { MailInterpreter, Reading } from '../llm/index.js';
import { findModelInterpretations, findUserEmails, inTransaction, insertModelInterpretations, signalKey } from '../store/index.js';
import type { ServiceDeps } from './deps.js';

export type { ModelAdvice };
/** Advice by adviceKey(signal). */
export type ModelAdviceMap = ReadonlyMap<string, ModelAdvice>;

export function adviceKey(signal: Signal): string {
  return `${signal.userId}\u0000${signalKey(signal.source, signal.externalId)}`;
}

/**
 * With a language model configured, asks it about the batch's mail that the rules would leave
 * `unknown` or name unsure (wantsModelReading), before ingest's transaction opens: a slow model
 * never holds the database. Answers come from the cache where this model already read the message
 * under this prompt; new usable answers are stored (failures are not, so a later sync asks again).
 * Every mail of the batch gets advice, so its decision says which path was used. No model: an empty map, and decisions are as before.
 */
export async function gatherModelAdvice(deps: ServiceDeps, signals: readonly Signal[]): Promise<ModelAdviceMap> {
  const interpreter = deps.interpreter;
  const mail = signals.filter((s): s is EmailSignal => s.source === 'gmail');
  if (!interpreter || mail.length === 0) return new Map();
  const emails = await findUserEmails(deps.db, [...new Set(mail.map((s) => s.userId))]);
  // Read as if the sender was seen once and never answered, the history that leaves mail unknown
  // or unsure most often; decide() uses the advice only where its own reading wants it.
  const needed = mail.filter((s) => wantsModelReading(interpretSignal(s, { userEmail: emails.get(s.userId) ?? '', senderHistory: { seenCount: 1, repliedCount: 0 }, acceptedEvents: [] })));
  const readings = await readAll(deps, interpreter, needed);
  const advice = new Map<string, ModelAdvice>();
  for (const signal of mail) advice.set(adviceKey(signal), { model: interpreter.model, reading: readings.get(adviceKey(signal)) ?? null });
  return advice;
}

function messageIdOf(signal: EmailSignal): string {
  return typeof signal.data.messageId === 'string' && signal.data.messageId !== '' ? signal.data.messageId : signal.externalId;
}

async function readAll(deps: ServiceDeps, interpreter: MailInterpreter, signals: readonly EmailSignal[]): Promise<Map<string, Reading>> {
  const readings = new Map<string, Reading>();
  if (signals.length === 0) return readings;
  const keyed = { model: interpreter.model, promptVersion: interpreter.promptVersion };
  const cached = await findModelInterpretations(deps.db, { ...keyed, keys: signals.map((s) => ({ userId: s.userId, messageId: messageIdOf(s) })) });
  const byMessage = new Map(cached.map((c) => [`${c.userId}\u0000${c.messageId}`, c]));
  const asks: EmailSignal[] = [];
  for (const signal of signals) {
    const hit = byMessage.get(`${signal.userId}\u0000${messageIdOf(signal)}`);
    const kind = MODEL_KINDS.find((k) => k === hit?.kind);
    if (hit && kind) readings.set(adviceKey(signal), { kind, confidence: hit.confidence, reason: hit.reason });
    else asks.push(signal);
  }
  // The same message twice in one batch is asked once.
  const unique = [...new Map(asks.map((s) => [`${s.userId}\u0000${messageIdOf(s)}`, s])).values()];
  const answers = new Map<string, Reading>();
  const deadline = performance.now() + interpreter.budgetMs;
  await eachLimited(unique, interpreter.concurrency, async (signal) => {
    const reading: Reading = performance.now() < deadline ? await interpreter.read(signal.data) : { failure: 'timeout' };
    answers.set(`${signal.userId}\u0000${messageIdOf(signal)}`, reading);
  });
  for (const signal of asks) {
    const answer = answers.get(`${signal.userId}\u0000${messageIdOf(signal)}`);
    if (answer) readings.set(adviceKey(signal), answer);
  }
  const now = deps.clock.now();
  const rows = unique.flatMap((signal) => {
    const answer = answers.get(`${signal.userId}\u0000${messageIdOf(signal)}`);
    return answer && !('failure' in answer) ? [{ ...keyed, userId: signal.userId, messageId: messageIdOf(signal), kind: answer.kind, confidence: answer.confidence, reason: answer.reason, now }] : [];
  });
  if (rows.length > 0) await inTransaction(deps.db, (trx) => insertModelInterpretations(trx, rows));
  return readings;
}

/** At most `limit` calls in flight. */
export async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
