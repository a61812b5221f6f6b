import type { Signal } from '../domain/index.js';

export const MAX_BATCH_SIGNALS = 100;
/** Well under the API's 1 MB body limit, so a batch of long mails is never refused whole. */
export const MAX_BATCH_BYTES = 512 * 1024;

/** Cuts signals into POST-sized batches, keeping their order. */
export function toBatches(signals: readonly Signal[], maxSignals = MAX_BATCH_SIGNALS, maxBytes = MAX_BATCH_BYTES): Signal[][] {
  const batches: Signal[][] = [];
  let current: Signal[] = [];
  let bytes = 0;
  for (const signal of signals) {
    const size = Buffer.byteLength(JSON.stringify(signal));
    if (current.length > 0 && (current.length >= maxSignals || bytes + size > maxBytes)) {
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
