import { GoogleError } from '../errors.js';
import { buildRawMessage, MimeBuildError, type AttachmentSpec } from '../mime/index.js';
import type { Random } from '../random.js';

/** A message to seed or deliver, as the control API takes it. */
export interface MailInput {
  from: string;
  /** Default: the account's own address. */
  to?: string | string[];
  cc?: string | string[];
  subject?: string;
  text?: string;
  html?: string;
  /** Label ids or names (unknown names become user labels). Default: INBOX, UNREAD. */
  labels?: string[];
  /** Extra headers, e.g. {"List-Unsubscribe": "<mailto:…>"}. */
  headers?: Record<string, string>;
  /** Date header and internalDate (ISO 8601). Default: the emulator clock. */
  date?: string;
  /** false: one part; 'alternative' (default with text and html); 'mixed': body plus attachments. */
  multipart?: boolean | 'alternative' | 'mixed';
  /** Charset of the text parts: UTF-8 (default), ISO-8859-1 or US-ASCII. */
  charset?: string;
  attachments?: { filename: string; mimeType?: string; text?: string; base64?: string }[];
  /** Message-ID header; default a generated one. */
  messageId?: string;
  /** Put the message in this thread (must exist in the mailbox). */
  threadId?: string;
  /** Message-ID this one replies to: sets In-Reply-To and References, and threads with it. */
  inReplyTo?: string;
  /** A complete RFC 822 message instead of the fields above (labels and date still apply). */
  raw?: string;
}

const invalid = (message: string): GoogleError => new GoogleError(400, 'invalid', message);
const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const angle = (id: string): string => (id.startsWith('<') ? id : `<${id}>`);

function domainOf(address: string): string {
  const m = /@([^>\s]+)>?\s*$/.exec(address);
  return m?.[1] ?? 'mail.example';
}

/** Writes the RFC 822 bytes for a MailInput; the random source draws Message-IDs and boundaries. */
export function rawFromInput(input: MailInput, account: string, date: Date, random: Random): Buffer {
  if (input.raw !== undefined) {
    if (typeof input.raw !== 'string' || input.raw.trim() === '') throw invalid('raw must be a non-empty RFC 822 message');
    return Buffer.from(input.raw.replace(/\r?\n/g, '\r\n'), 'utf8');
  }
  if (typeof input.from !== 'string' || !input.from.includes('@')) throw invalid('from must be an address');
  if (input.text === undefined && input.html === undefined) throw invalid('a message needs text or html');
  const headers: [string, string][] = Object.entries(input.headers ?? {}).map(([name, value]) => [name, String(value)]);
  if (input.inReplyTo !== undefined) headers.push(['In-Reply-To', angle(input.inReplyTo)], ['References', angle(input.inReplyTo)]);
  const attachments: AttachmentSpec[] = (input.attachments ?? []).map((a) => ({
    filename: a.filename,
    mimeType: a.mimeType ?? 'application/octet-stream',
    content: a.base64 !== undefined ? Buffer.from(a.base64, 'base64') : Buffer.from(a.text ?? '', 'utf8'),
  }));
  const layout = input.multipart === false ? 'single' : input.multipart === 'mixed' ? 'mixed' : 'alternative';
  try {
    return buildRawMessage({
      from: input.from,
      to: input.to === undefined ? [account] : list(input.to),
      cc: list(input.cc),
      subject: input.subject ?? '',
      text: input.text ?? null,
      html: input.html ?? null,
      date,
      messageId: input.messageId !== undefined ? angle(input.messageId) : `<${random.hex(20)}.${random.digits(6)}@${domainOf(input.from)}>`,
      headers,
      layout,
      charset: input.charset ?? 'UTF-8',
      attachments,
      boundary: () => `000000000000${random.hex(16)}`,
    });
  } catch (error) {
    if (error instanceof MimeBuildError) throw invalid(error.message);
    throw error;
  }
}
