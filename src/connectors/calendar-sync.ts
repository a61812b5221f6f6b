import type { CalendarSignal } from '../domain/index.js';
import { calendarEventToSignal } from './calendar-event.js';
import type { CalendarEvent } from './calendar-wire.js';
import { assertUserId, UnusableItemError } from './errors.js';
import { hasSyncTokenExpiredCode, type CalendarListParams, type CalendarReader, type ErrorGuard } from './readers.js';
import { chronological, describeError, type SkippedItem, type SyncResult } from './sync-result.js';

export interface CalendarSyncOptions {
  userId: string;
  calendarId: string;
  /** The stored syncToken, or null for a first (full) sync. */
  cursor: string | null;
  /** The account's address: marks the user's own attendee entry when Google leaves `self` out. */
  selfEmail: string;
  now: Date;
  /** events.list page size (default 250, Google's default maximum). */
  pageSize?: number;
  /** Recognises an expired sync token (events.list 410); default: `error.code` is `sync_token_expired` or `google_sync_token_expired`. */
  isSyncTokenExpired?: ErrorGuard;
}

export type CalendarSyncResult = SyncResult<CalendarSignal>;

const DAY_MS = 86_400_000;
const MAX_PAGES = 1000;

interface Listing {
  events: CalendarEvent[];
  syncToken: string | null;
}

async function listAll(reader: CalendarReader, calendarId: string, base: CalendarListParams): Promise<Listing> {
  const events: CalendarEvent[] = [];
  let pageToken: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages += 1) {
    const page = await reader.listEvents(calendarId, { ...base, ...(pageToken !== undefined ? { pageToken } : {}) });
    events.push(...(page.items ?? []));
    pageToken = page.nextPageToken || undefined;
    // The sync token comes with the last page only.
    if (pageToken === undefined) return { events, syncToken: page.nextSyncToken || null };
  }
  throw new Error(`events.list for ${calendarId} did not finish within ${MAX_PAGES} pages`);
}

function endedBefore(signal: CalendarSignal, limit: number): boolean {
  const end = Date.parse(signal.data.end);
  return !Number.isNaN(end) && end < limit;
}

function convert(
  events: CalendarEvent[],
  options: CalendarSyncOptions,
  skipPast: boolean,
): { signals: CalendarSignal[]; skipped: SkippedItem[] } {
  const signals: CalendarSignal[] = [];
  const skipped: SkippedItem[] = [];
  const limit = options.now.getTime() - DAY_MS;
  for (const event of events) {
    try {
      const signal = calendarEventToSignal(options.userId, options.calendarId, event, options.selfEmail, { now: options.now });
      // History is not news: a full sync leaves out what ended more than a day ago, silently by design.
      if (skipPast && endedBefore(signal, limit)) continue;
      signals.push(signal);
    } catch (error) {
      if (!(error instanceof UnusableItemError)) throw error;
      skipped.push({ id: error.itemId, reason: error.message });
    }
  }
  return { signals: chronological(signals), skipped };
}

async function fullSync(reader: CalendarReader, options: CalendarSyncOptions, resyncReason?: string): Promise<CalendarSyncResult> {
  const listing = await listAll(reader, options.calendarId, { singleEvents: true, showDeleted: false, maxResults: options.pageSize ?? 250 });
  return {
    ...convert(listing.events, options, true),
    cursor: listing.syncToken,
    mode: 'full',
    ...(resyncReason !== undefined ? { resyncReason } : {}),
  };
}

/**
 * One Calendar sync: incremental from the stored syncToken when there is one (cancelled events
 * included, as signals), else (or when Google answers 410) a full listing of expanded instances.
 * Returns the signals and the next cursor; the caller stores the cursor once they are ingested.
 */
export async function syncCalendar(reader: CalendarReader, options: CalendarSyncOptions): Promise<CalendarSyncResult> {
  assertUserId(options.userId);
  const cursor = options.cursor?.trim() ?? '';
  if (cursor === '') return fullSync(reader, options);
  const isExpired = options.isSyncTokenExpired ?? hasSyncTokenExpiredCode;
  let listing: Listing;
  try {
    listing = await listAll(reader, options.calendarId, { syncToken: cursor, singleEvents: true, maxResults: options.pageSize ?? 250 });
  } catch (error) {
    if (!isExpired(error)) throw error;
    return fullSync(reader, options, `sync_token_expired: ${describeError(error)}`);
  }
  return { ...convert(listing.events, options, false), cursor: listing.syncToken ?? cursor, mode: 'incremental' };
}
