import type { Signal } from '../domain/index.js';

export interface BatchLimits {
  /** Signals per request (the ingest API takes at most 500). */
  maxCount?: number;
  /** JSON bytes per request; the ingest route accepts 8 MiB, the default leaves room for the envelope. */
  maxBytes?: number;
}

/** Splits signals into ingest batches, in order, each within both limits (a lone oversized signal gets its own batch). */
export function batchSignals<S extends Signal>(signals: readonly S[], limits: BatchLimits = {}): S[][] {
  const maxCount = Math.max(1, Math.min(500, limits.maxCount ?? 500));
  const maxBytes = limits.maxBytes ?? 7 * 1024 * 1024;
  const batches: S[][] = [];
  let current: S[] = [];
  let bytes = 0;
  for (const signal of signals) {
    const size = Buffer.byteLength(JSON.stringify(signal)) + 1;
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(signal);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
