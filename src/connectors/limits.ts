import { isSignalTime } from '../domain/index.js';

// The lengths the ingest API accepts (src/api/signal-validation.ts), in UTF-16 units as it counts them.

export const EMAIL_LIMITS = {
  id: 200,
  address: 1000,
  addresses: 1000,
  subject: 5000,
  snippet: 5000,
  label: 200,
  labels: 200,
  listUnsubscribe: 5000,
  bodyText: 200_000,
} as const;

export const CALENDAR_LIMITS = {
  id: 1024,
  summary: 5000,
  email: 320,
  attendees: 2000,
  externalId: 1024,
} as const;

/** Default body cap: 32 KiB of text keeps a batch of 500 mails well under the ingest body limit. */
export const DEFAULT_MAX_BODY_CHARS = 32 * 1024;

/** An instant as RFC 3339 in UTC, or null when it is outside the times a signal may carry (1970 to 2100). */
export function instantToRfc3339(ms: number): string | null {
  return isSignalTime(ms) ? new Date(ms).toISOString() : null;
}
