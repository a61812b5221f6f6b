import type { EmailSignal } from '../domain/index.js';
import { mapLimited } from './concurrency.js';
import { assertUserId, UnusableItemError } from './errors.js';
import { gmailMessageToSignal } from './gmail-message.js';
import type { GmailHistoryRecord, GmailMessageRef } from './gmail-wire.js';
import { hasHistoryExpiredCode, isNotFoundError, type ErrorGuard, type GmailReader } from './readers.js';
import { chronological, describeError, type SkippedItem, type SyncResult } from './sync-result.js';

export interface GmailSyncOptions {
  userId: string;
  /** The stored historyId, or null for a first (full) sync. */
  cursor: string | null;
  /** Full sync reads the inbox and the sent mail of the last `windowDays` days (default 7). */
  windowDays?: number;
  /** At most this many messages per sync (default 500, the ingest API's batch limit). */
  maxMessages?: number;
  now: Date;
  /** Page size for messages.list and history.list (default and most 500). */
  pageSize?: number;
  /** Parallel messages.get calls (default 4). */
  concurrency?: number;
  maxBodyChars?: number;
  /** Recognises "history expired" (history.list 404); default: `error.code` is `history_expired` or `google_history_expired`. */
  isHistoryExpired?: ErrorGuard;
  /** Recognises a message deleted meanwhile (messages.get 404); default: code `not_found` or status 404. */
  isNotFound?: ErrorGuard;
}

export interface GmailSyncResult extends SyncResult<EmailSignal> {
  /**
   * True when maxMessages cut the sync short. A full sync then holds the newest messages of the
   * window; an incremental one stops at a history record boundary, so syncing again continues there.
   */
  truncated: boolean;
}

const DAY_MS = 86_400_000;
const MAX_PAGES = 1000;

interface Settings {
  userId: string;
  windowDays: number;
  maxMessages: number;
  now: Date;
  pageSize: number;
  concurrency: number;
  maxBodyChars: number | undefined;
  isNotFound: ErrorGuard;
}

function settingsOf(options: GmailSyncOptions): Settings {
  return {
    userId: options.userId,
    windowDays: Math.max(1, Math.floor(options.windowDays ?? 7)),
    maxMessages: Math.max(1, Math.floor(options.maxMessages ?? 500)),
    now: options.now,
    pageSize: Math.min(500, Math.max(1, Math.floor(options.pageSize ?? 500))),
    concurrency: Math.max(1, Math.floor(options.concurrency ?? 4)),
    maxBodyChars: options.maxBodyChars,
    isNotFound: options.isNotFound ?? isNotFoundError,
  };
}

/** Reads and converts the messages; deleted and unusable ones are reported in `skipped`. */
async function fetchSignals(
  reader: GmailReader,
  ids: string[],
  settings: Settings,
  keep: (signal: EmailSignal) => string | null,
): Promise<{ signals: EmailSignal[]; skipped: SkippedItem[] }> {
  const skipped: SkippedItem[] = [];
  const results = await mapLimited(ids, settings.concurrency, async (id) => {
    try {
      const message = await reader.getMessage(id);
      const signal = gmailMessageToSignal(settings.userId, message, { now: settings.now, maxBodyChars: settings.maxBodyChars });
      const dropReason = keep(signal);
      if (dropReason !== null) {
        skipped.push({ id, reason: dropReason });
        return null;
      }
      return signal;
    } catch (error) {
      if (settings.isNotFound(error)) skipped.push({ id, reason: 'deleted before it could be read' });
      else if (error instanceof UnusableItemError) skipped.push({ id, reason: error.message });
      else throw error;
      return null;
    }
  });
  return { signals: chronological(results.filter((signal): signal is EmailSignal => signal !== null)), skipped };
}

/** Lists the ids a query matches into `ids` until maxMessages; true when it had to stop short. */
async function listInto(reader: GmailReader, q: string, settings: Settings, ids: string[], seen: Set<string>): Promise<boolean> {
  let pageToken: string | undefined;
  let pages = 0;
  do {
    const page = await reader.listMessages({
      q,
      maxResults: Math.min(settings.pageSize, settings.maxMessages - ids.length),
      ...(pageToken !== undefined ? { pageToken } : {}),
    });
    for (const message of page.messages ?? []) {
      if (typeof message?.id !== 'string' || seen.has(message.id)) continue;
      seen.add(message.id);
      ids.push(message.id);
    }
    pageToken = page.nextPageToken || undefined;
    pages += 1;
    if (ids.length >= settings.maxMessages) return ids.length > settings.maxMessages || pageToken !== undefined;
  } while (pageToken !== undefined && pages < MAX_PAGES);
  return pageToken !== undefined;
}

async function fullSync(reader: GmailReader, settings: Settings, resyncReason?: string): Promise<GmailSyncResult> {
  // The cursor is taken first: whatever arrives while the inbox is listed shows up in the next history.
  const profile = await reader.profile();
  const ids: string[] = [];
  const seen = new Set<string>();
  // The inbox first; the user's sent mail (read for the questions they wait on) with what room is left.
  let truncated = await listInto(reader, `in:inbox newer_than:${settings.windowDays}d`, settings, ids, seen);
  if (!truncated && ids.length < settings.maxMessages) truncated = await listInto(reader, `in:sent newer_than:${settings.windowDays}d`, settings, ids, seen);

  const oldest = settings.now.getTime() - settings.windowDays * DAY_MS;
  const fetched = await fetchSignals(reader, ids.slice(0, settings.maxMessages), settings, (signal) =>
    Date.parse(signal.occurredAt) < oldest ? `older than the ${settings.windowDays}-day window` : null,
  );
  return {
    ...fetched,
    cursor: typeof profile.historyId === 'string' && profile.historyId !== '' ? profile.historyId : null,
    mode: 'full',
    truncated,
    ...(resyncReason !== undefined ? { resyncReason } : {}),
  };
}

const READ_LABELS = ['INBOX', 'SENT'];

/**
 * Mail added to the inbox or sent by the user. A draft that is sent shows up as SENT added to the
 * draft's message, not as a new message, so those label changes count as sent mail too.
 */
function addedToInbox(record: GmailHistoryRecord): GmailMessageRef[] {
  const sentDrafts = (record.labelsAdded ?? []).filter((added) => Array.isArray(added?.labelIds) && added.labelIds.includes('SENT')).map((added) => added?.message);
  return [...(record.messagesAdded ?? []).map((added) => added?.message), ...sentDrafts]
    .filter((message): message is GmailMessageRef => typeof message?.id === 'string' && message.id !== '')
    .filter((message) => !Array.isArray(message.labelIds) || message.labelIds.some((label) => READ_LABELS.includes(label)));
}

async function incrementalSync(reader: GmailReader, settings: Settings, cursor: string): Promise<GmailSyncResult> {
  const ids: string[] = [];
  const taken = new Set<string>();
  // Messages whose history entry did not list labels: checked for INBOX or SENT once read.
  const unlabelled = new Set<string>();
  let lastRecordId: string | null = null;
  let lastHistoryId: string | null = null;
  let pageToken: string | undefined;
  let pages = 0;
  let truncated = false;
  outer: do {
    const page = await reader.listHistory({
      startHistoryId: cursor,
      historyTypes: ['messageAdded', 'labelAdded'],
      maxResults: settings.pageSize,
      ...(pageToken !== undefined ? { pageToken } : {}),
    });
    for (const record of page.history ?? []) {
      // A message can appear in several records, and twice in one.
      const fresh = addedToInbox(record).filter((message) => !taken.has(message.id));
      const unique = [...new Map(fresh.map((message) => [message.id, message])).values()];
      if (ids.length > 0 && ids.length + unique.length > settings.maxMessages) {
        truncated = true;
        break outer;
      }
      for (const message of unique) {
        ids.push(message.id);
        taken.add(message.id);
        if (!Array.isArray(message.labelIds)) unlabelled.add(message.id);
      }
      if (typeof record.id === 'string' && record.id !== '') lastRecordId = record.id;
    }
    if (typeof page.historyId === 'string' && page.historyId !== '') lastHistoryId = page.historyId;
    pageToken = page.nextPageToken || undefined;
    pages += 1;
  } while (pageToken !== undefined && pages < MAX_PAGES);
  // Pages left unread: resume after the last record taken rather than jump past them.
  if (pageToken !== undefined) truncated = true;

  const fetched = await fetchSignals(reader, ids, settings, (signal) =>
    unlabelled.has(signal.data.messageId) && !signal.data.labels.some((label) => READ_LABELS.includes(label)) ? 'neither in the inbox nor sent' : null,
  );
  const next = truncated ? (lastRecordId ?? cursor) : (lastHistoryId ?? lastRecordId ?? cursor);
  return { ...fetched, cursor: next, mode: 'incremental', truncated };
}

/**
 * One Gmail sync: incremental from the stored historyId when there is one, else (or when the
 * history has expired) a full read of the recent inbox. Pure of transport and storage: it returns
 * the signals and the next cursor, and the caller stores the cursor once the signals are ingested.
 */
export async function syncGmail(reader: GmailReader, options: GmailSyncOptions): Promise<GmailSyncResult> {
  assertUserId(options.userId);
  const settings = settingsOf(options);
  const cursor = options.cursor?.trim() ?? '';
  if (cursor === '') return fullSync(reader, settings);
  const isHistoryExpired = options.isHistoryExpired ?? hasHistoryExpiredCode;
  try {
    return await incrementalSync(reader, settings, cursor);
  } catch (error) {
    if (!isHistoryExpired(error)) throw error;
    return fullSync(reader, settings, `history_expired: ${describeError(error)}`);
  }
}
