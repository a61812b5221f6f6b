import { describe, expect, it } from 'vitest';
import { batchSignals } from './batches.js';
import { USER_ID, gmailMessage, textPart } from './fixtures.testkit.js';
import { gmailMessageToSignal } from './gmail-message.js';

const signal = (id: string, bodyChars: number) => gmailMessageToSignal(USER_ID, gmailMessage(id, textPart('', 'text/plain', 'é'.repeat(bodyChars))));

describe('batchSignals', () => {
  it('keeps order and splits by count', () => {
    const signals = Array.from({ length: 7 }, (_, i) => signal(`m${i}`, 10));
    const batches = batchSignals(signals, { maxCount: 3 });
    expect(batches.map((batch) => batch.length)).toEqual([3, 3, 1]);
    expect(batches.flat()).toEqual(signals);
  });

  it('splits by JSON bytes, counting multi-byte characters, and gives an oversized signal its own batch', () => {
    // 'é' is two bytes in UTF-8: each of these is a little over 20 kB on the wire.
    const signals = [signal('a', 10_000), signal('b', 10_000), signal('c', 10_000), signal('big', 30_000), signal('d', 10)];
    const batches = batchSignals(signals, { maxBytes: 45_000 });
    expect(batches.map((batch) => batch.map((s) => s.externalId))).toEqual([['a', 'b'], ['c'], ['big'], ['d']]);
    for (const batch of batches.filter((b) => b.length > 1)) expect(Buffer.byteLength(JSON.stringify({ signals: batch }))).toBeLessThanOrEqual(45_000);
  });

  it('never exceeds the API batch limit of 500', () => {
    const signals = Array.from({ length: 1001 }, (_, i) => signal(`m${i}`, 1));
    expect(batchSignals(signals, { maxCount: 10_000 }).map((batch) => batch.length)).toEqual([500, 500, 1]);
  });
});
