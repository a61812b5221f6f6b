import { encodeCharset, encodeQuotedPrintable, encodeWord, isAscii } from './encoding.js';

export interface AttachmentSpec {
  filename: string;
  mimeType: string;
  content: Buffer;
}

/** Everything needed to write one RFC 822 message; the state fills in the defaults. */
export interface MessageSpec {
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string | null;
  html: string | null;
  date: Date;
  messageId: string;
  /** Extra headers in order, e.g. List-Unsubscribe, In-Reply-To. */
  headers: [string, string][];
  /** Layout: single part, text+html alternatives, or mixed (body plus attachments). */
  layout: 'single' | 'alternative' | 'mixed';
  charset: string;
  attachments: AttachmentSpec[];
  /** Draws a unique MIME boundary (from the seeded generator). */
  boundary: () => string;
}

export class MimeBuildError extends Error {}

const CRLF = '\r\n';

/** RFC 5322 date: "Tue, 24 Nov 2026 09:12:44 +0000". */
export const rfc5322Date = (date: Date): string => date.toUTCString().replace(/GMT$/, '+0000');

/** Encodes only the display-name part of "Name <address>" entries. */
function encodeAddressList(list: readonly string[]): string {
  return list
    .map((entry) => {
      const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(entry);
      if (!m || m[1] === undefined || m[1] === '') return entry.trim();
      const name = /^[\x20-\x7e]*$/.test(m[1]) ? (/[,;:@.]/.test(m[1]) ? `"${m[1]}"` : m[1]) : encodeWord(m[1]);
      return `${name} <${m[2]}>`;
    })
    .join(', ');
}

function textPart(subtype: 'plain' | 'html', text: string, charset: string): string {
  const normalized = text.replace(/\r?\n/g, CRLF);
  const bytes = encodeCharset(normalized, charset);
  if (bytes === null) throw new MimeBuildError(`cannot write the body in charset ${charset}`);
  const longLine = normalized.split(CRLF).some((line) => line.length > 76);
  const plain = isAscii(bytes) && !longLine;
  return [
    `Content-Type: text/${subtype}; charset="${charset}"`,
    `Content-Transfer-Encoding: ${plain ? '7bit' : 'quoted-printable'}`,
    '',
    plain ? normalized : encodeQuotedPrintable(bytes),
  ].join(CRLF);
}

function attachmentPart(attachment: AttachmentSpec): string {
  const lines = attachment.content.toString('base64').match(/.{1,76}/g) ?? [];
  const name = encodeWord(attachment.filename).replace(/"/g, '');
  return [
    `Content-Type: ${attachment.mimeType}; name="${name}"`,
    `Content-Disposition: attachment; filename="${name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    lines.join(CRLF),
  ].join(CRLF);
}

function multipart(subtype: string, parts: string[], boundary: string): string {
  return [`Content-Type: multipart/${subtype}; boundary="${boundary}"`, '', ...parts.flatMap((p) => [`--${boundary}`, p]), `--${boundary}--`, ''].join(CRLF);
}

function bodyOf(spec: MessageSpec): string {
  const text = spec.text !== null ? textPart('plain', spec.text, spec.charset) : null;
  const html = spec.html !== null ? textPart('html', spec.html, spec.charset) : null;
  const both = text !== null && html !== null;
  const inner =
    spec.layout === 'single' || !both ? (text ?? html ?? textPart('plain', '', spec.charset)) : multipart('alternative', [text, html], spec.boundary());
  if (spec.layout !== 'mixed' && spec.attachments.length === 0) return inner;
  return multipart('mixed', [inner, ...spec.attachments.map(attachmentPart)], spec.boundary());
}

/** Writes the message with CRLF line ends, MIME-Version 1.0 and encoded non-ASCII headers. */
export function buildRawMessage(spec: MessageSpec): Buffer {
  const headers: string[] = [
    `From: ${encodeAddressList([spec.from])}`,
    ...(spec.to.length > 0 ? [`To: ${encodeAddressList(spec.to)}`] : []),
    ...(spec.cc.length > 0 ? [`Cc: ${encodeAddressList(spec.cc)}`] : []),
    `Subject: ${encodeWord(spec.subject)}`,
    `Date: ${rfc5322Date(spec.date)}`,
    `Message-ID: ${spec.messageId}`,
    ...spec.headers.map(([name, value]) => `${name}: ${encodeWord(value)}`),
    'MIME-Version: 1.0',
  ];
  return Buffer.from(`${headers.join(CRLF)}${CRLF}${bodyOf(spec)}`, 'latin1');
}
