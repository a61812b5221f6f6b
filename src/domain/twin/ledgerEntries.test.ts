import { describe, expect, it } from 'vitest';
import { PROGRESSION } from './fixtures.testkit.js';
import { scopeEntries } from './ledgerEntries.js';
import { emptyLedger, scoreAnswer, scopeSettings } from './scope.js';

const SETTINGS = scopeSettings(PROGRESSION);
const KEYS = ['email/newsletter/sender:digest@compilerweekly.example', 'email/newsletter/domain:compilerweekly.example', 'email/newsletter'];
const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 11, day, hour));

describe('scopeEntries', () => {
  it('reads each scope as a person would, newest answer first, with the last miss and a hold', () => {
    let ledger = emptyLedger();
    for (let i = 0; i < 6; i++) ledger = scoreAnswer(ledger, KEYS, { agrees: true, kind: null, severe: false }, SETTINGS, at(1, i));
    ledger = scoreAnswer(ledger, ['email/notification'], { agrees: true, kind: null, severe: false }, SETTINGS, at(1, 20));
    ledger = scoreAnswer(ledger, KEYS, { agrees: false, kind: 'undo', severe: true, auto: true }, SETTINGS, at(2), 0);

    const { total, entries } = scopeEntries(ledger, SETTINGS, 10);
    expect(total).toBe(4);
    // The undo touched only the sender's scope; the agreements before it touched all three at once (narrowest first).
    expect(entries.map((e) => e.key)).toEqual([KEYS[0], 'email/notification', KEYS[1], KEYS[2]]);
    const sender = entries[0];
    expect(sender).toMatchObject({
      scope: 'newsletters from digest@compilerweekly.example',
      domain: 'email',
      answers: 7,
      agreed: 6,
      earned: false,
      lastMiss: { at: at(2).toISOString(), kind: 'undo', severe: true, text: 'you undid it on 2 Dec, after others had seen it' },
      hold: { since: at(2).toISOString(), approvalsToLift: 5 },
      updatedAt: at(2).toISOString(),
    });
    expect(sender?.lowerBound).toBeGreaterThan(0.4);
    expect(sender?.lowerBound).toBeLessThan(0.6);
    const wide = entries.find((e) => e.key === 'email/newsletter');
    expect(wide).toMatchObject({ scope: 'newsletters', answers: 6, agreed: 6, lastMiss: null, hold: null });
  });

  it('earns once the lower bound clears the bar, and caps the list', () => {
    let ledger = emptyLedger();
    for (let i = 0; i < 30; i++) ledger = scoreAnswer(ledger, ['email/receipt'], { agrees: true, kind: null, severe: false }, SETTINGS, at(1, i % 24));
    ledger = scoreAnswer(ledger, ['email/promotion'], { agrees: true, kind: null, severe: false }, SETTINGS, at(3));
    const { total, entries } = scopeEntries(ledger, SETTINGS, 1);
    expect(total).toBe(2);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ key: 'email/promotion', earned: false });
    expect(scopeEntries(ledger, SETTINGS, 5).entries[1]).toMatchObject({ key: 'email/receipt', answers: 30, earned: true });
    expect(scopeEntries(undefined, SETTINGS, 5)).toEqual({ total: 0, entries: [] });
  });
});
