// Bytes to text in the charset a MIME part or encoded-word declares.
import { TextDecoder } from 'node:util';
import { decodeWindows1252 } from './windows-1252.js';

type Decode = (bytes: Uint8Array) => string;
const decoders = new Map<string, Decode>();
const ALIASES: Record<string, string> = {
  // Labels mail software writes that the WHATWG encoding list spells differently.
  utf_8: 'utf-8',
  iso8859_1: 'iso-8859-1',
  'latin-1': 'iso-8859-1',
  'cp-1252': 'windows-1252',
  'win-1252': 'windows-1252',
};

function decoderFor(charset: string | null | undefined): Decode {
  const label = (charset ?? '').trim().replace(/^["']|["']$/g, '').toLowerCase() || 'utf-8';
  const known = decoders.get(label);
  if (known) return known;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(ALIASES[label] ?? label);
  } catch {
    // An unknown charset is read as UTF-8; invalid sequences become U+FFFD.
    decoder = new TextDecoder('utf-8');
  }
  const decode: Decode = decoder.encoding === 'windows-1252' ? decodeWindows1252 : (bytes) => decoder.decode(bytes);
  decoders.set(label, decode);
  return decode;
}

/**
 * Decodes with replacement characters for invalid sequences; an unsupported charset falls back to
 * UTF-8. Latin-1 labels are read as windows-1252, as mail clients and browsers do.
 */
export function decodeBytes(bytes: Uint8Array, charset?: string | null): string {
  return decoderFor(charset)(bytes);
}

export interface ContentType {
  mimeType: string;
  params: Record<string, string>;
}

/** Parses `text/plain; charset="ISO-8859-1"; format=flowed`; parameter names are lower-cased. */
export function parseContentType(value: string | null | undefined): ContentType {
  const text = value ?? '';
  const semicolon = text.indexOf(';');
  const mimeType = (semicolon === -1 ? text : text.slice(0, semicolon)).trim().toLowerCase();
  const params: Record<string, string> = {};
  if (semicolon !== -1) {
    for (const match of text.slice(semicolon + 1).matchAll(/([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g)) {
      const name = (match[1] ?? '').toLowerCase();
      const raw = (match[2] ?? '').trim();
      params[name] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    }
  }
  return { mimeType, params };
}
