// Gmail and Google Calendar connectors: wire resources to SkyTwin signals, and the full and
// incremental sync algorithms over small reader interfaces (no transport, no cursor storage).
export { gmailMessageToSignal, type EmailConversionOptions } from './gmail-message.js';
export { calendarEventToSignal, type CalendarConversionOptions } from './calendar-event.js';
export { syncGmail, type GmailSyncOptions, type GmailSyncResult } from './gmail-sync.js';
export { syncCalendar, type CalendarSyncOptions, type CalendarSyncResult } from './calendar-sync.js';
export type { SkippedItem, SyncResult } from './sync-result.js';
export { gmailReaderFrom, calendarReaderFrom } from './google-readers.js';
export { batchSignals, type BatchLimits } from './batches.js';
export { UnusableItemError } from './errors.js';
export {
  hasHistoryExpiredCode,
  hasSyncTokenExpiredCode,
  isNotFoundError,
  type CalendarListParams,
  type CalendarReader,
  type ErrorGuard,
  type GmailHistoryType,
  type GmailReader,
} from './readers.js';
export type * from './gmail-wire.js';
export type * from './calendar-wire.js';
export { DEFAULT_MAX_BODY_CHARS } from './limits.js';
