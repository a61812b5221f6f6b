/** base64url without padding, as Gmail writes `raw` and `body.data`. */
export const toBase64Url = (bytes: Buffer): string => bytes.toString('base64url');

/** Accepts base64url or standard base64, with or without padding (Gmail accepts both). */
export function fromBase64Any(text: string): Buffer | null {
  const cleaned = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(cleaned)) return null;
  return Buffer.from(cleaned.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

const ONE_BYTE_CHARSETS = new Set(['iso-8859-1', 'latin1', 'us-ascii', 'ascii']);

/** Bytes of `text` in `charset`; null when the emulator cannot encode that charset or text. */
export function encodeCharset(text: string, charset: string): Buffer | null {
  const name = charset.toLowerCase();
  if (name === 'utf-8' || name === 'utf8') return Buffer.from(text, 'utf8');
  if (!ONE_BYTE_CHARSETS.has(name)) return null;
  const limit = name === 'us-ascii' || name === 'ascii' ? 0x7f : 0xff;
  for (const char of text) if ((char.codePointAt(0) ?? 0) > limit) return null;
  return Buffer.from(text, 'latin1');
}

/** Text of `bytes` read in `charset`, falling back to Latin-1 for names the runtime does not know. */
export function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

export const isAscii = (bytes: Buffer): boolean => bytes.every((b) => b < 0x80);

/** Quoted-printable (RFC 2045) with soft breaks at 76 columns; line breaks stay CRLF. */
export function encodeQuotedPrintable(bytes: Buffer): string {
  const lines: string[] = [];
  let line = '';
  const push = (token: string): void => {
    if (line.length + token.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += token;
  };
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i] ?? 0;
    if (b === 0x0d && bytes[i + 1] === 0x0a) {
      lines.push(line.replace(/[ \t]$/, (ws) => `=${ws.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`));
      line = '';
      i += 1;
      continue;
    }
    const printable = (b >= 33 && b <= 126 && b !== 61) || b === 32 || b === 9;
    push(printable ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`);
  }
  lines.push(line);
  return lines.join('\r\n');
}

export function decodeQuotedPrintable(text: string): Buffer {
  const out: number[] = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i += 1) {
    const char = soft[i] ?? '';
    const hex = soft.slice(i + 1, i + 3);
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else {
      out.push(soft.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** An RFC 2047 encoded word for a header value that is not plain ASCII. */
export function encodeWord(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** Decodes RFC 2047 encoded words; whitespace between two adjacent words is dropped. */
export function decodeWords(value: string): string {
  const pattern = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
  return value
    .replace(/(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?)/g, '$1')
    .replace(pattern, (_match, charset: string, kind: string, data: string) => {
      const bytes = kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : decodeQuotedPrintable(data.replace(/_/g, ' '));
      return decodeCharset(bytes, charset.split('*')[0]);
    });
}
