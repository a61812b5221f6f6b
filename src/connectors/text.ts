// Text clean-up shared by the converters: everything that leaves this folder is well-formed,
// free of NUL (PostgreSQL text and jsonb reject it) and within the API's length limits.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0 controls other than tab and line feed, plus DEL.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

/** Multi-line text: well-formed, LF line ends, no control characters but tab and newline. */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '');
}

/** A header-like value on one line: folded and multi-line text joins with single spaces. */
export function oneLine(value: string): string {
  return cleanText(value.replace(/[\t\r\n]+/g, ' ')).replace(/ {2,}/g, ' ').trim();
}

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair. */
export function truncate(value: string, max: number): { text: string; truncated: boolean } {
  if (value.length <= max) return { text: value, truncated: false };
  let end = Math.max(0, max);
  const last = value.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { text: value.slice(0, end), truncated: true };
}

export const cap = (value: string, max: number): string => truncate(value, max).text;

/**
 * An address header entry that fits in `max` units: when too long, the display name is shortened
 * and the `<address>` kept, so the sender stays readable by the address parser.
 */
export function fitAddress(entry: string, max: number): string {
  if (entry.length <= max) return entry;
  const open = entry.lastIndexOf('<');
  const close = entry.lastIndexOf('>');
  if (open !== -1 && close > open) {
    const address = entry.slice(open, close + 1);
    // Two quotes and a space around the shortened name.
    if (address.length + 3 <= max) {
      const name = entry.slice(0, open).trim().replace(/^"|"$/g, '');
      const room = max - address.length - 3;
      return `"${cap(name, room).replace(/[\\"]+$/, '')}" ${address}`;
    }
  }
  return cap(entry, max);
}

/** Keeps whole `<…>` entries of a List-Unsubscribe value that fit, rather than a cut URL. */
export function fitListUnsubscribe(value: string, max: number): string {
  if (value.length <= max) return value;
  const kept: string[] = [];
  let length = 0;
  for (const match of value.matchAll(/<[^<>]*>/g)) {
    const extra = (kept.length > 0 ? 2 : 0) + match[0].length;
    if (length + extra > max) break;
    kept.push(match[0]);
    length += extra;
  }
  return kept.length > 0 ? kept.join(', ') : cap(value, max);
}
