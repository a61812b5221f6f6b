/**
 * Server-requested waits, as milliseconds from `now`. A time already past means "retry now" (0);
 * anything unreadable is null so the caller falls back to its own backoff.
 */

const WEEKDAY_PREFIX = /^(mon|tue|wed|thu|fri|sat|sun)/i;
const RFC3339_AFTER_RETRY = /retry after (\d{4}-\d{2}-\d{2}[tT ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[zZ]|[+-]\d{2}:\d{2}))/i;

/** Reads a `Retry-After` header: delta-seconds (`120`) or an HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`). */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds * 1000) ? seconds * 1000 : null;
  }
  // Date.parse accepts far more than HTTP-dates (bare numbers become years), so insist on the weekday.
  if (!WEEKDAY_PREFIX.test(text)) return null;
  // asctime dates carry no zone but are GMT by definition; without one Date.parse would read local time.
  const withZone = /\b(GMT|UTC)\b|[+-]\d{4}$/i.test(text) ? text : `${text} GMT`;
  return untilMs(Date.parse(withZone), now);
}

/** Reads Gmail's "Retry after 2024-05-01T12:00:00.000Z" hint from an error message. */
export function parseRetryAfterMessage(message: string | null | undefined, now: Date): number | null {
  const match = message ? RFC3339_AFTER_RETRY.exec(message) : null;
  if (!match?.[1]) return null;
  return untilMs(Date.parse(match[1].replace(' ', 'T')), now);
}

function untilMs(at: number, now: Date): number | null {
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}
