import type { EmailData, EmailSignal } from '../domain/index.js';
import { splitAddressList } from './address-list.js';
import { decodeEncodedWords } from './encoded-words.js';
import { assertUserId, UnusableItemError } from './errors.js';
import type { GmailMessage, GmailMessagePart } from './gmail-wire.js';
import { decodeEntities } from './html-entities.js';
import { DEFAULT_MAX_BODY_CHARS, EMAIL_LIMITS, instantToRfc3339 } from './limits.js';
import { headerOf, messageBody } from './mime-body.js';
import { cap, cleanText, fitAddress, fitListUnsubscribe, oneLine, truncate } from './text.js';

export interface EmailConversionOptions {
  /** Cap for `bodyText` in UTF-16 units (default 32 KiB; never above the API's 200 000). */
  maxBodyChars?: number;
  /** Used for `occurredAt` only when the message has neither `internalDate` nor a readable Date header. */
  now?: Date;
}

function allHeaders(payload: GmailMessagePart | undefined, name: string): string[] {
  const wanted = name.toLowerCase();
  return (payload?.headers ?? [])
    .filter((header) => typeof header?.name === 'string' && header.name.toLowerCase() === wanted && typeof header.value === 'string')
    .map((header) => header.value);
}

function addresses(payload: GmailMessagePart | undefined, name: string): string[] {
  return allHeaders(payload, name)
    .flatMap((value) => splitAddressList(value.replace(/\r?\n[ \t]+/g, ' ')))
    .map((entry) => fitAddress(oneLine(entry), EMAIL_LIMITS.address))
    .filter((entry) => entry !== '')
    .slice(0, EMAIL_LIMITS.addresses);
}

/** The sender as one string: its entries decoded and joined (From rarely holds more than one). */
function sender(payload: GmailMessagePart | undefined): string {
  const value = payload ? headerOf(payload, 'From') : null;
  if (value === null) return '';
  return fitAddress(oneLine(splitAddressList(value.replace(/\r?\n[ \t]+/g, ' ')).join(', ')), EMAIL_LIMITS.address);
}

function decodedHeader(payload: GmailMessagePart | undefined, name: string): string | null {
  const value = payload ? headerOf(payload, name) : null;
  return value === null ? null : oneLine(decodeEncodedWords(value.replace(/\r?\n[ \t]+/g, ' ')));
}

function occurredAt(message: GmailMessage, now: Date | undefined, warnings: string[]): string {
  const internal = message.internalDate as unknown;
  if ((typeof internal === 'string' && /^\d{1,16}$/.test(internal.trim())) || typeof internal === 'number') {
    const at = instantToRfc3339(Number(internal));
    if (at !== null) return at;
  }
  const dateHeader = message.payload ? headerOf(message.payload, 'Date') : null;
  const fromHeader = dateHeader === null ? null : instantToRfc3339(Date.parse(dateHeader));
  warnings.push(fromHeader !== null ? 'internalDate missing: time taken from the Date header' : 'no usable time: the time of reading is used');
  return fromHeader ?? new Date(now?.getTime() ?? Date.now()).toISOString();
}

function labelsOf(message: GmailMessage): string[] {
  if (!Array.isArray(message.labelIds)) return [];
  return message.labelIds
    .filter((label): label is string => typeof label === 'string' && label !== '')
    .map((label) => cap(oneLine(label), EMAIL_LIMITS.label))
    .slice(0, EMAIL_LIMITS.labels);
}

/**
 * One Gmail message (format=full) as an `email.received` signal. Whatever cannot be read is left
 * empty and noted in `data.parseWarnings`; only a message without a usable id throws
 * UnusableItemError. The output always passes the ingest API's validation.
 */
export function gmailMessageToSignal(userId: string, message: GmailMessage, options: EmailConversionOptions = {}): EmailSignal {
  assertUserId(userId);
  const id = typeof message?.id === 'string' ? message.id.trim() : '';
  if (id === '' || id.length > EMAIL_LIMITS.id) throw new UnusableItemError('gmail_message', id || null, id === '' ? 'the message has no id' : 'the message id is too long');
  const threadId = typeof message.threadId === 'string' && message.threadId.trim() !== '' && message.threadId.length <= EMAIL_LIMITS.id ? message.threadId.trim() : id;
  const payload = message.payload && typeof message.payload === 'object' ? message.payload : undefined;

  const warnings: string[] = [];
  const body = messageBody(payload);
  warnings.push(...body.warnings);
  const maxBody = Math.min(Math.max(0, Math.floor(options.maxBodyChars ?? DEFAULT_MAX_BODY_CHARS)), EMAIL_LIMITS.bodyText);
  const bodyText = truncate(cleanText(body.text).trim(), maxBody);
  const listUnsubscribe = decodedHeader(payload, 'List-Unsubscribe');

  const data: EmailData = {
    messageId: id,
    threadId,
    from: sender(payload),
    to: addresses(payload, 'To'),
    cc: addresses(payload, 'Cc'),
    subject: cap(decodedHeader(payload, 'Subject') ?? '', EMAIL_LIMITS.subject),
    snippet: cap(oneLine(decodeEntities(typeof message.snippet === 'string' ? message.snippet : '')), EMAIL_LIMITS.snippet),
    labels: labelsOf(message),
    listUnsubscribe: listUnsubscribe === null || listUnsubscribe === '' ? null : fitListUnsubscribe(listUnsubscribe, EMAIL_LIMITS.listUnsubscribe),
    bodyText: bodyText.text,
  };
  if (bodyText.truncated) data['bodyTruncated'] = true;
  const at = occurredAt(message, options.now, warnings);
  if (warnings.length > 0) data['parseWarnings'] = warnings.slice(0, 10).map((warning) => cap(warning, 200));
  return { userId, source: 'gmail', externalId: id, type: 'email.received', occurredAt: at, data };
}
