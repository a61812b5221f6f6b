import type { Signal } from '../domain/index.js';

/** An item a sync saw but could not turn into a signal, with the reason, for the caller to log. */
export interface SkippedItem {
  id: string | null;
  reason: string;
}

export interface SyncResult<S extends Signal> {
  /** In chronological order of `occurredAt`. */
  signals: S[];
  /** Where the next incremental sync starts; store it only after the signals are ingested. Null: no cursor was obtained. */
  cursor: string | null;
  mode: 'full' | 'incremental';
  /** Set when an incremental sync fell back to a full one, e.g. "history_expired: …". */
  resyncReason?: string;
  skipped: SkippedItem[];
}

export function chronological<S extends Signal>(signals: S[]): S[] {
  return signals
    .map((signal, index) => ({ signal, index, at: Date.parse(signal.occurredAt) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map((entry) => entry.signal);
}

export function describeError(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}
