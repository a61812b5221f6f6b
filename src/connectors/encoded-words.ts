import { decodeBase64Url } from './base64url.js';
import { decodeBytes } from './charset.js';

// One RFC 2047 encoded-word: =?charset?B|Q?text?=
const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

function qBytes(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    const hex = text.slice(i + 1, i + 3);
    if (char === '_') bytes.push(0x20);
    else if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(char, 'utf8'));
  }
  return Uint8Array.from(bytes);
}

interface Word {
  start: number;
  end: number;
  charset: string;
  bytes: Uint8Array;
}

/**
 * Decodes RFC 2047 encoded-words (`=?UTF-8?B?…?=`, `=?ISO-8859-1?Q?…?=`) anywhere in a header value.
 * Whitespace between adjacent encoded-words is dropped, and adjacent words in one charset are decoded
 * together so a character split across two words survives. Malformed words stay as written.
 */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  const words: Word[] = [];
  for (const match of value.matchAll(ENCODED_WORD)) {
    // A language suffix (RFC 2231) such as UTF-8*en is not part of the charset.
    const charset = (match[1] ?? '').split('*')[0] ?? '';
    const text = match[3] ?? '';
    const bytes = (match[2] ?? '').toUpperCase() === 'B' ? decodeBase64Url(text) : qBytes(text);
    words.push({ start: match.index, end: match.index + match[0].length, charset: charset.toLowerCase(), bytes });
  }
  if (words.length === 0) return value;
  let result = '';
  let position = 0;
  let index = 0;
  let decodedAny = false;
  while (index < words.length) {
    const first = words[index] as Word;
    const run: Uint8Array[] = [first.bytes];
    let last = first;
    index += 1;
    while (index < words.length) {
      const next = words[index] as Word;
      if (next.charset !== first.charset || value.slice(last.end, next.start).trim() !== '') break;
      run.push(next.bytes);
      last = next;
      index += 1;
    }
    const between = value.slice(position, first.start);
    // Whitespace that only separates two encoded-words disappears.
    if (!(decodedAny && between.trim() === '')) result += between;
    decodedAny = true;
    result += decodeBytes(Buffer.concat(run), first.charset);
    position = last.end;
  }
  return result + value.slice(position);
}
