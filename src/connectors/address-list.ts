import { decodeEncodedWords } from './encoded-words.js';

/**
 * Splits an address header (From, To, Cc) into entries at top-level commas: commas inside quoted
 * display names, `<…>` and comments do not split. Group syntax (`Team: a@x, b@y;`) yields its
 * members, an empty group (`undisclosed-recipients:;`) nothing. Entries come back decoded (see
 * decodeAddress); decoding after the split means a decoded comma cannot split an entry.
 */
export function splitAddressList(value: string): string[] {
  const entries: string[] = [];
  let current = '';
  let quoted = false;
  let angle = 0;
  let comment = 0;
  const flush = () => {
    const entry = current.trim();
    if (entry !== '') entries.push(decodeAddress(entry));
    current = '';
  };
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i] ?? '';
    if (quoted) {
      current += char;
      if (char === '\\' && i + 1 < value.length) {
        current += value[i + 1];
        i += 1;
      } else if (char === '"') quoted = false;
      continue;
    }
    if (char === '"') quoted = true;
    else if (char === '(') comment += 1;
    else if (char === ')' && comment > 0) comment -= 1;
    else if (comment === 0 && char === '<') angle += 1;
    else if (comment === 0 && char === '>' && angle > 0) angle -= 1;
    else if (comment === 0 && angle === 0 && (char === ',' || char === ';')) {
      flush();
      continue;
    } else if (comment === 0 && angle === 0 && char === ':' && !current.includes('@')) {
      // The name of a group: its members follow.
      current = '';
      continue;
    }
    current += char;
  }
  flush();
  return mergeNameFragments(entries).map(quoteDisplayName);
}

/**
 * Headers that arrive already decoded can carry a display name with a bare comma
 * (`Müller, André <a@x.de>`). A fragment without any address belongs to the entry after it.
 */
function mergeNameFragments(entries: string[]): string[] {
  const merged: string[] = [];
  let pending = '';
  entries.forEach((entry, index) => {
    const joined = pending === '' ? entry : `${pending}, ${entry}`;
    if (!entry.includes('@') && index < entries.length - 1) pending = joined;
    else {
      merged.push(joined);
      pending = '';
    }
  });
  return merged;
}

const SPECIALS = /[,;:"<>@[\]\\]/;
const NAME_AND_ADDRESS = /^(.*?)\s*(<[^<>]*>)\s*$/;

function quoted(name: string): string {
  return `"${name.replace(/(["\\])/g, '\\$1')}"`;
}

/** Decodes the encoded-words of one address entry; a decoded display name loses any quotes around it. */
export function decodeAddress(entry: string): string {
  const match = NAME_AND_ADDRESS.exec(entry);
  if (!match || !(match[1] ?? '').includes('=?')) return decodeEncodedWords(entry);
  const name = decodeEncodedWords(match[1] ?? '').trim().replace(/^"(.*)"$/, '$1');
  const address = match[2] ?? '';
  if (name === '') return address;
  return SPECIALS.test(name) ? `${quoted(name)} ${address}` : `${name} ${address}`;
}

/** Quotes a bare display name holding specials (outside comments), so the entry reads as one address. */
function quoteDisplayName(entry: string): string {
  const match = NAME_AND_ADDRESS.exec(entry);
  if (!match) return entry;
  const name = (match[1] ?? '').trim();
  const address = match[2] ?? '';
  if (name === '') return address;
  if (/^"(?:[^"\\]|\\.)*"$/.test(name)) return `${name} ${address}`;
  return SPECIALS.test(name.replace(/\([^()]*\)/g, '')) ? `${quoted(name)} ${address}` : `${name} ${address}`;
}
