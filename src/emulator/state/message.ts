import { bodyText, headerValue, leaves, parseMessage, snippetOf, type MimeNode } from '../mime/index.js';

/** A message as the mailbox keeps it: the bytes as received plus what searches and listings need. */
export interface StoredMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  raw: Buffer;
  root: MimeNode;
  internalDate: number;
  historyId: number;
  snippet: string;
  /** The Message-ID header without angle brackets, lower-cased; '' when absent. */
  rfc822MessageId: string;
  search: { from: string; to: string; cc: string; subject: string; text: string; hasAttachment: boolean };
  /** Arrival order, for stable ordering of messages with the same date. */
  seq: number;
}

export const bareMessageId = (value: string | undefined): string => (value ?? '').trim().replace(/^<|>$/g, '').toLowerCase();

/** Message-ID values named in In-Reply-To and References, for threading. */
export function referencedIds(root: MimeNode): string[] {
  const text = `${headerValue(root.headers, 'In-Reply-To') ?? ''} ${headerValue(root.headers, 'References') ?? ''}`;
  return [...text.matchAll(/<([^>]+)>/g)].map((m) => (m[1] ?? '').toLowerCase());
}

/** Parses the raw bytes once and derives the searchable fields. */
export function storeMessage(input: { id: string; threadId: string; labelIds: string[]; raw: Buffer; internalDate: number; seq: number }): StoredMessage {
  const root = parseMessage(input.raw);
  const header = (name: string): string => (headerValue(root.headers, name) ?? '').toLowerCase();
  return {
    ...input,
    root,
    historyId: 0,
    snippet: snippetOf(root),
    rfc822MessageId: bareMessageId(headerValue(root.headers, 'Message-ID')),
    search: {
      from: header('From'),
      to: header('To'),
      cc: header('Cc'),
      subject: header('Subject'),
      text: bodyText(root).toLowerCase(),
      hasAttachment: leaves(root).some((leaf) => leaf.filename !== ''),
    },
  };
}

/** The Date header as epoch ms, when it parses. */
export function dateHeaderMs(root: MimeNode): number | null {
  const value = headerValue(root.headers, 'Date');
  if (value === undefined) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}
