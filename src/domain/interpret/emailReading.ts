import type { EmailSignal, InterpretContext } from '../types.js';
import { domainOf, isPublicMailDomain, parseAddress, senderRoles, type ParsedAddress, type SenderRole } from './address.js';
import { findDates, type DateMatch } from './dates.js';
import { asCount, asRecord, asString, asStringArray, normalizeText } from './fields.js';
import { phrasePositions, RENEWAL_PHRASES } from './keywords.js';
import { findAmounts, type MoneyMatch } from './money.js';
import { pickNear } from './near.js';

/** Gmail's category labels; other labels (INBOX, UNREAD, user labels) are not clues. */
export const CATEGORY_LABELS = ['CATEGORY_PROMOTIONS', 'CATEGORY_UPDATES', 'CATEGORY_SOCIAL', 'CATEGORY_FORUMS', 'CATEGORY_PERSONAL'] as const;
export type CategoryLabel = (typeof CATEGORY_LABELS)[number];

const CHARGE_ANCHORS = [...RENEWAL_PHRASES, 'total', 'amount', 'price', 'charge', 'charged', 'billed', 'renew', 'renews', 'renewal'];
const RENEWAL_ANCHORS = [...RENEWAL_PHRASES, 'renew', 'renews', 'renewal'];

/** Everything the email rules look at, read once and defensively from the signal. */
export interface EmailReading {
  messageId: string;
  threadId: string;
  rawSubject: string;
  sender: ParsedAddress;
  roles: SenderRole[];
  recipientCount: number;
  categories: Set<CategoryLabel>;
  listUnsubscribe: boolean;
  /** Normalized subject, and normalized snippet + body. */
  subject: string;
  text: string;
  /** Subject, snippet and body together (normalized), the space amounts and dates are found in. */
  all: string;
  seenCount: number;
  repliedCount: number;
  fromSelf: boolean;
  sameOrganisation: boolean;
  amount: MoneyMatch | null;
  renewalDate: DateMatch | null;
  /** When the mail was sent, if readable: dates without a year and deadlines count from it. */
  sentAt: Date | null;
}

export type EmailReadResult = { ok: true; reading: EmailReading } | { ok: false; problem: string };

function parseReference(occurredAt: unknown): Date | null {
  const text = asString(occurredAt, 100);
  const time = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(time) ? null : new Date(time);
}

export function readEmail(signal: EmailSignal, context: InterpretContext): EmailReadResult {
  const data = asRecord(signal.data);
  if (data === null) return { ok: false, problem: 'the email data is missing or not an object' };
  const messageId = asString(data['messageId'], 500).trim();
  if (messageId === '') return { ok: false, problem: 'the email has no message id' };
  const sender = parseAddress(data['from']);
  if (sender === null) return { ok: false, problem: 'the sender address could not be read' };

  const rawSubject = asString(data['subject'], 1_000);
  const subject = normalizeText(rawSubject);
  const text = normalizeText(`${asString(data['snippet'], 2_000)}\n${asString(data['bodyText'])}`);
  const all = `${subject} \n ${text}`;
  const labels = new Set(asStringArray(data['labels']).map((label) => label.toUpperCase()));
  const categories = new Set(CATEGORY_LABELS.filter((label) => labels.has(label)));
  const history = asRecord(asRecord(context)?.['senderHistory']);
  const userEmail = asString(asRecord(context)?.['userEmail'], 1_000).trim().toLowerCase();
  const userDomain = domainOf(userEmail);
  const anchors = phrasePositions(all, CHARGE_ANCHORS);
  const renewalAnchors = phrasePositions(all, RENEWAL_ANCHORS);
  const sentAt = parseReference(signal.occurredAt);

  return {
    ok: true,
    reading: {
      messageId,
      threadId: asString(data['threadId'], 500).trim() || messageId,
      rawSubject,
      sender,
      roles: senderRoles(sender.localPart),
      recipientCount: asStringArray(data['to']).length + asStringArray(data['cc']).length,
      categories,
      listUnsubscribe: asString(data['listUnsubscribe'], 2_000).trim() !== '',
      subject,
      text,
      all,
      seenCount: asCount(history?.['seenCount']),
      repliedCount: asCount(history?.['repliedCount']),
      fromSelf: userEmail !== '' && sender.address === userEmail,
      sameOrganisation: userDomain !== '' && sender.domain === userDomain && !isPublicMailDomain(userDomain),
      amount: pickNear(findAmounts(all), anchors, subject.length),
      renewalDate: pickNear(findDates(all, sentAt), renewalAnchors, subject.length),
      sentAt,
    },
  };
}

/** Signs that a machine, not a person, sent the mail. */
export function looksAutomated(reading: EmailReading): boolean {
  return (
    reading.roles.length > 0 ||
    reading.listUnsubscribe ||
    [...reading.categories].some((category) => category !== 'CATEGORY_PERSONAL')
  );
}
