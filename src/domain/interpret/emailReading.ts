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
  /** Found on first read: only the receipt and renewal rules look, and most mail never reaches them. */
  readonly amount: MoneyMatch | null;
  readonly renewalDate: DateMatch | null;
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
  const sentAt = parseReference(signal.occurredAt);

  const fields: EmailFields = {
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
    sentAt,
  };
  return { ok: true, reading: new Reading(fields) };
}

type EmailFields = Omit<EmailReading, 'amount' | 'renewalDate'>;

/** A class, not a literal with getters: every reading then shares one shape, which keeps the rules' property reads fast. */
class Reading implements EmailReading {
  readonly messageId: string;
  readonly threadId: string;
  readonly rawSubject: string;
  readonly sender: ParsedAddress;
  readonly roles: SenderRole[];
  readonly recipientCount: number;
  readonly categories: Set<CategoryLabel>;
  readonly listUnsubscribe: boolean;
  readonly subject: string;
  readonly text: string;
  readonly all: string;
  readonly seenCount: number;
  readonly repliedCount: number;
  readonly fromSelf: boolean;
  readonly sameOrganisation: boolean;
  readonly sentAt: Date | null;
  #amount: MoneyMatch | null | undefined = undefined;
  #renewalDate: DateMatch | null | undefined = undefined;

  constructor(fields: EmailFields) {
    this.messageId = fields.messageId;
    this.threadId = fields.threadId;
    this.rawSubject = fields.rawSubject;
    this.sender = fields.sender;
    this.roles = fields.roles;
    this.recipientCount = fields.recipientCount;
    this.categories = fields.categories;
    this.listUnsubscribe = fields.listUnsubscribe;
    this.subject = fields.subject;
    this.text = fields.text;
    this.all = fields.all;
    this.seenCount = fields.seenCount;
    this.repliedCount = fields.repliedCount;
    this.fromSelf = fields.fromSelf;
    this.sameOrganisation = fields.sameOrganisation;
    this.sentAt = fields.sentAt;
  }

  get amount(): MoneyMatch | null {
    if (this.#amount === undefined) this.#amount = pickNear(findAmounts(this.all), phrasePositions(this.all, CHARGE_ANCHORS), this.subject.length);
    return this.#amount;
  }

  get renewalDate(): DateMatch | null {
    if (this.#renewalDate === undefined) {
      this.#renewalDate = pickNear(findDates(this.all, this.sentAt), phrasePositions(this.all, RENEWAL_ANCHORS), this.subject.length);
    }
    return this.#renewalDate;
  }
}

/** Signs that a machine, not a person, sent the mail. */
export function looksAutomated(reading: EmailReading): boolean {
  return (
    reading.roles.length > 0 ||
    reading.listUnsubscribe ||
    [...reading.categories].some((category) => category !== 'CATEGORY_PERSONAL')
  );
}
