/**
 * The times a signal may carry (when it happened, an event's start and end): anything a mailbox
 * or calendar really holds, nothing a database column or a clock chokes on. The API refuses
 * others; the connectors never produce them.
 */
export const EARLIEST_SIGNAL_TIME_MS = Date.UTC(1970, 0, 1);
/** Through the end of 2100: the first instant of 2101 is included so an all-day event on 31 December 2100 can end there. */
export const LATEST_SIGNAL_TIME_MS = Date.UTC(2101, 0, 1);

export function isSignalTime(ms: number): boolean {
  return Number.isFinite(ms) && ms >= EARLIEST_SIGNAL_TIME_MS && ms <= LATEST_SIGNAL_TIME_MS;
}
