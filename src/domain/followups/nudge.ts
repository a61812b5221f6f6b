import type { EmailSignal } from '../types.js';
import type { SentQuestion } from './sent.js';

/** Days without an answer before a question becomes a follow-up, unless the user set another wait. */
export const FOLLOW_UP_DEFAULT_DAYS = 3;
export const FOLLOW_UP_MAX_DAYS = 60;

/** An open question past its due time, as the store lists it. */
export interface FollowUpDueItem extends SentQuestion {
  userId: string;
  dueAt: Date;
}

const DAY_MS = 86_400_000;

/** "Monday" for a day in the last week, else "30 Nov", in the user's zone. */
export function askedOnPhrase(askedAt: Date, now: Date, timeZone: string): string {
  const recent = now.getTime() - askedAt.getTime() < 6 * DAY_MS;
  const format = new Intl.DateTimeFormat('en-GB', recent ? { weekday: 'long', timeZone } : { day: 'numeric', month: 'short', timeZone });
  return format.format(askedAt);
}

/** One nudge per asked message: ingest's idempotency by external id is what keeps a sweep from proposing it twice. */
export function followUpExternalId(item: Pick<FollowUpDueItem, 'threadId' | 'askedMessageId'>): string {
  return `follow-up/${item.threadId}/${item.askedMessageId}`;
}

/**
 * The signal the sweep posts for a question nobody answered: mail "from" the person it waits on, on
 * the asked message's thread, carrying the question in `data.followUp`, so the pipeline proposes a
 * nudge as a reply to them and the policy decides as for any draft.
 */
export function followUpSignal(item: FollowUpDueItem, userEmail: string, askedOn: string): EmailSignal {
  const name = (item.counterpartName ?? '').replace(/["<>]/g, '').trim();
  return {
    userId: item.userId,
    source: 'gmail',
    type: 'email.received',
    externalId: followUpExternalId(item),
    occurredAt: item.dueAt.toISOString(),
    data: {
      messageId: item.askedMessageId,
      threadId: item.threadId,
      from: name === '' ? item.counterpart : `"${name}" <${item.counterpart}>`,
      to: [userEmail],
      cc: [],
      subject: item.subject,
      snippet: item.question,
      labels: [],
      listUnsubscribe: null,
      bodyText: item.question,
      followUp: { askedAt: item.askedAt.toISOString(), askedOn, question: item.question },
    },
  };
}
