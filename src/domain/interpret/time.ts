// Date.parse accepts almost anything ("1" is the year 2001) and reads zoneless times in the host's zone;
// only ISO 8601 is accepted here, and a zoneless time is taken as UTC so the result never depends on the host.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/i;

/** Milliseconds since the epoch, or null for anything that is not an ISO 8601 date or date-time. */
export function parseInstant(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  let time: number;
  if (ISO_DATE.test(text)) {
    time = Date.parse(`${text}T00:00:00Z`);
  } else {
    const match = ISO_DATE_TIME.exec(text);
    if (match === null) return null;
    time = Date.parse(match[1] === undefined ? `${text}Z` : text);
  }
  return Number.isNaN(time) ? null : time;
}

export const HOUR_MS = 60 * 60 * 1000;
