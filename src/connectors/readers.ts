import type { CalendarEventList } from './calendar-wire.js';
import type { GmailHistoryList, GmailMessage, GmailMessageList, GmailProfile } from './gmail-wire.js';

export type GmailHistoryType = 'messageAdded' | 'messageDeleted' | 'labelAdded' | 'labelRemoved';

/** What the Gmail sync needs from a client; each call is one API request (retries are the client's). */
export interface GmailReader {
  profile(): Promise<GmailProfile>;
  listMessages(p: { q?: string; labelIds?: string[]; maxResults?: number; pageToken?: string }): Promise<GmailMessageList>;
  /** users.messages.get with format=full. */
  getMessage(id: string): Promise<GmailMessage>;
  listHistory(p: { startHistoryId: string; historyTypes?: GmailHistoryType[]; pageToken?: string; maxResults?: number }): Promise<GmailHistoryList>;
}

export interface CalendarListParams {
  syncToken?: string;
  pageToken?: string;
  singleEvents?: boolean;
  maxResults?: number;
  showDeleted?: boolean;
}

/** What the Calendar sync needs from a client: events.list, one request per call. */
export interface CalendarReader {
  listEvents(calendarId: string, p: CalendarListParams): Promise<CalendarEventList>;
}

/** Tells a failure apart from the others; the sync algorithms take these so they need no client classes. */
export type ErrorGuard = (error: unknown) => boolean;

function property(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

function hasStatus(error: unknown, status: number): boolean {
  return ['status', 'statusCode', 'httpStatus'].some((name) => property(error, name) === status);
}

/**
 * Default: Gmail history.list answered 404, told by the error's `code`: `history_expired`, or
 * `google_history_expired` as src/google's HistoryExpiredError carries it.
 */
export const hasHistoryExpiredCode: ErrorGuard = (error) => ['history_expired', 'google_history_expired'].includes(String(property(error, 'code')));

/**
 * Default: Calendar events.list answered 410, told by the error's `code`: `sync_token_expired`, or
 * `google_sync_token_expired` as src/google's SyncTokenExpiredError carries it.
 */
export const hasSyncTokenExpiredCode: ErrorGuard = (error) =>
  ['sync_token_expired', 'google_sync_token_expired'].includes(String(property(error, 'code')));

/** Default: the error has `code === 'not_found'` or an HTTP status 404 in `status`, `statusCode` or `httpStatus`. */
export const isNotFoundError: ErrorGuard = (error) => property(error, 'code') === 'not_found' || hasStatus(error, 404);
