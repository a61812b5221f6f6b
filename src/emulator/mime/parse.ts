import { decodeCharset, decodeQuotedPrintable, decodeWords } from './encoding.js';

export interface Header {
  name: string;
  value: string;
}

/** One node of a parsed message: a leaf with decoded bytes, or a multipart with children. */
export interface MimeNode {
  headers: Header[];
  /** Lower-case "type/subtype". */
  mimeType: string;
  params: Record<string, string>;
  filename: string;
  /** Decoded content of a leaf (transfer encoding removed, charset untouched); empty for multiparts. */
  body: Buffer;
  parts: MimeNode[];
}

/** Splits "value; a=1; b=\"x y\"" into the value and lower-cased parameter names. */
export function parseParams(header: string): { value: string; params: Record<string, string> } {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of header) {
    if (char === '"') quoted = !quoted;
    if (char === ';' && !quoted) {
      pieces.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  pieces.push(current);
  const [value = '', ...rest] = pieces;
  const params: Record<string, string> = {};
  for (const piece of rest) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    let name = piece.slice(0, eq).trim().toLowerCase();
    let paramValue = piece.slice(eq + 1).trim().replace(/^"(.*)"$/s, '$1');
    if (name.endsWith('*')) {
      // RFC 2231: charset'lang'percent-encoded
      name = name.slice(0, -1);
      const m = /^([^']*)'[^']*'(.*)$/.exec(paramValue);
      if (m) paramValue = decodeCharset(Buffer.from(decodeURIComponentBytes(m[2] ?? '')), m[1] || 'utf-8');
    }
    params[name] = paramValue;
  }
  return { value: value.trim().toLowerCase(), params };
}

function decodeURIComponentBytes(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i) & 0xff);
    }
  }
  return bytes;
}

/** Header block (a Latin-1 view of raw bytes) into unfolded, decoded headers in order. */
function parseHeaders(block: string): Header[] {
  const headers: Header[] = [];
  const utf8 = Buffer.from(block, 'latin1').toString('utf8');
  for (const line of utf8.split(/\r?\n(?![ \t])/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const value = line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    headers.push({ name: line.slice(0, colon).trim(), value: decodeWords(value) });
  }
  return headers;
}

export const headerValue = (headers: readonly Header[], name: string): string | undefined =>
  headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

function splitHeadAndBody(text: string): { head: string; body: string } {
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return { head: text, body: '' };
  return { head: text.slice(0, m.index), body: text.slice(m.index + m[0].length) };
}

function splitMultipart(body: string, boundary: string): string[] {
  const lines = body.split(/\r?\n/);
  const parts: string[] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === `--${boundary}--`) {
      if (current) parts.push(current.join('\r\n'));
      return parts;
    }
    if (trimmed === `--${boundary}`) {
      if (current) parts.push(current.join('\r\n'));
      current = [];
      continue;
    }
    current?.push(line);
  }
  if (current) parts.push(current.join('\r\n'));
  return parts;
}

function decodeTransfer(body: string, encoding: string | undefined): Buffer {
  switch ((encoding ?? '7bit').trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64');
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    default:
      return Buffer.from(body, 'latin1');
  }
}

function parseNode(text: string, defaultType: string, depth: number): MimeNode {
  const { head, body } = splitHeadAndBody(text);
  const headers = parseHeaders(head);
  const contentType = parseParams(headerValue(headers, 'Content-Type') ?? defaultType);
  const mimeType = /^[\w.+-]+\/[\w.+-]+$/.test(contentType.value) ? contentType.value : 'text/plain';
  const disposition = parseParams(headerValue(headers, 'Content-Disposition') ?? '');
  const filename = disposition.params.filename ?? contentType.params.name ?? '';
  const boundary = contentType.params.boundary;
  if (mimeType.startsWith('multipart/') && boundary && depth < 10) {
    const childDefault = mimeType === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
    return {
      headers,
      mimeType,
      params: contentType.params,
      filename,
      body: Buffer.alloc(0),
      parts: splitMultipart(body, boundary).map((part) => parseNode(part, childDefault, depth + 1)),
    };
  }
  return { headers, mimeType, params: contentType.params, filename, body: decodeTransfer(body, headerValue(headers, 'Content-Transfer-Encoding')), parts: [] };
}

/** Parses an RFC 822 message (bytes as sent) into its MIME tree. */
export function parseMessage(raw: Buffer): MimeNode {
  return parseNode(raw.toString('latin1'), 'text/plain', 0);
}

/** Leaves in document order. */
export function leaves(node: MimeNode): MimeNode[] {
  return node.parts.length === 0 ? [node] : node.parts.flatMap(leaves);
}

/** Text of a leaf in its declared charset. */
export const leafText = (node: MimeNode): string => decodeCharset(node.body, node.params.charset);
