import { followUpMarker, parseAddress, type ParsedAddress } from '../interpret/index.js';
import type { EmailSignal, Signal } from '../types.js';
import { askingSentence } from './question.js';

/** sent: the user's own mail (Gmail's SENT label), never decided; follow_up: the sweep's nudge signal; received: everything else. */
export type MailRole = 'sent' | 'follow_up' | 'received';

export function mailRole(signal: Signal): MailRole {
  if (signal.source !== 'gmail') return 'received';
  if (followUpMarker(signal) !== null) return 'follow_up';
  return Array.isArray(signal.data.labels) && signal.data.labels.includes('SENT') ? 'sent' : 'received';
}

/** A question in the user's sent mail, and whom it waits on. */
export interface SentQuestion {
  threadId: string;
  askedMessageId: string;
  counterpart: string;
  counterpartName: string | null;
  subject: string;
  question: string;
  askedAt: Date;
}

/** Mail to more people than this is an announcement: nobody in particular owes an answer. */
const MAX_RECIPIENTS = 10;

/** The question a sent mail asks and of whom (its first recipient other than the user); null when it asks nothing. */
export function sentQuestion(signal: EmailSignal, userEmail: string): SentQuestion | null {
  const askedAt = new Date(signal.occurredAt);
  if (Number.isNaN(askedAt.getTime())) return null;
  const self = userEmail.trim().toLowerCase();
  const others = (list: readonly string[]) => list.map(parseAddress).filter((a): a is ParsedAddress => a !== null && a.address !== self);
  const to = others(signal.data.to);
  const everyone = [...to, ...others(signal.data.cc)];
  const first = to[0] ?? everyone[0];
  if (first === undefined || everyone.length > MAX_RECIPIENTS) return null;
  const question = askingSentence(signal.data.bodyText.trim() !== '' ? signal.data.bodyText : signal.data.snippet);
  if (question === null) return null;
  return {
    threadId: threadOf(signal),
    askedMessageId: signal.data.messageId,
    counterpart: first.address,
    counterpartName: first.name.trim() === '' ? null : first.name.trim(),
    subject: signal.data.subject.trim(),
    question,
    askedAt,
  };
}

/** The thread a mail belongs to: Gmail's thread id, or the message itself when it has none. */
export function threadOf(signal: EmailSignal): string {
  return signal.data.threadId || signal.data.messageId;
}

/** A received mail from someone other than the user answers the user's earlier questions on its thread. */
export function threadAnswer(signal: EmailSignal, userEmail: string): { threadId: string; at: Date } | null {
  const from = parseAddress(signal.data.from);
  const at = new Date(signal.occurredAt);
  if (from === null || from.address === userEmail.trim().toLowerCase() || Number.isNaN(at.getTime())) return null;
  const threadId = threadOf(signal);
  return threadId === '' ? null : { threadId, at };
}
