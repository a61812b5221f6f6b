import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPROVAL_TTL_MS } from '../outcome/index.js';
import type { ActiveHours, OutcomeDecision, Urgency } from '../types.js';
import { afterActiveTime, isActiveAt, nextActiveStart, withActiveExpiry } from './activeExpiry.js';

const MINUTE = 60_000;
const berlin: ActiveHours = { start: '08:00', end: '22:00', hours: 14, timeZone: 'Europe/Berlin', source: 'default', basis: 'a default' };
const night: ActiveHours = { start: '20:00', end: '04:00', hours: 8, timeZone: 'UTC', source: 'learned', basis: 'learned from your last 40 answers' };

function needsApproval(expiresAt: string): OutcomeDecision {
  return { outcome: 'needs_approval', selectedIndex: 0, reasons: [{ code: 'tier_suggest', message: 'asks' }], approvalExpiresAt: expiresAt, notBefore: null };
}

describe('afterActiveTime', () => {
  it('an urgent request at 03:00 Berlin gets its 15 minutes from 08:00', () => {
    const at = new Date('2026-11-24T02:00:00Z'); // 03:00 CET
    expect(afterActiveTime(berlin, at, 15 * MINUTE).toISOString()).toBe('2026-11-24T07:15:00.000Z');
  });

  it('inside the window it is plain time; at the window end it carries over to the next morning', () => {
    expect(afterActiveTime(berlin, new Date('2026-11-24T10:00:00Z'), 15 * MINUTE).toISOString()).toBe('2026-11-24T10:15:00.000Z');
    // 21:50 CET: 10 minutes tonight, 5 tomorrow from 08:00.
    expect(afterActiveTime(berlin, new Date('2026-11-24T20:50:00Z'), 15 * MINUTE).toISOString()).toBe('2026-11-25T07:05:00.000Z');
  });

  it('a window across midnight works, and all day is plain time', () => {
    expect(afterActiveTime(night, new Date('2026-11-24T12:00:00Z'), 30 * MINUTE).toISOString()).toBe('2026-11-24T20:30:00.000Z');
    expect(afterActiveTime(night, new Date('2026-11-24T03:50:00Z'), 30 * MINUTE).toISOString()).toBe('2026-11-24T20:20:00.000Z');
    const allDay = { ...night, start: '00:00', end: '00:00', hours: 24 };
    expect(afterActiveTime(allDay, new Date('2026-11-24T03:50:00Z'), 30 * MINUTE).toISOString()).toBe('2026-11-24T04:20:00.000Z');
  });

  it('follows the zone across DST: the window opens at 08:00 local before and after the change', () => {
    // Saturday 28 March 2026 23:00 CET → Sunday 08:00 CEST is 06:00Z.
    expect(nextActiveStart(berlin, new Date('2026-03-28T22:00:00Z')).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(nextActiveStart(berlin, new Date('2026-10-24T22:00:00Z')).toISOString()).toBe('2026-10-25T07:00:00.000Z');
  });

  it('property: never earlier than plain time, and exactly the duration of active time passes', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 180 }),
        fc.constantFrom(berlin, night, { ...berlin, timeZone: 'America/New_York' }),
        (from, minutes, active) => {
          const start = new Date(Math.floor(from.getTime() / MINUTE) * MINUTE);
          const deadline = afterActiveTime(active, start, minutes * MINUTE);
          expect(deadline.getTime()).toBeGreaterThanOrEqual(start.getTime() + minutes * MINUTE);
          let activeMinutes = 0;
          for (let t = start.getTime(); t < deadline.getTime(); t += MINUTE) if (isActiveAt(active, new Date(t))) activeMinutes += 1;
          expect(activeMinutes).toBe(minutes);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('withActiveExpiry', () => {
  it('moves an approval expiry into the active window and says why', () => {
    const now = new Date('2026-11-24T02:00:00Z');
    const plain = new Date(now.getTime() + APPROVAL_TTL_MS.critical).toISOString();
    const moved = withActiveExpiry(needsApproval(plain), 'critical', now, berlin);
    expect(moved.approvalExpiresAt).toBe('2026-11-24T07:15:00.000Z');
    expect(moved.reasons.at(-1)).toEqual({
      code: 'active_hours_expiry',
      message: `the request stays open for 15 minutes of the time you are usually active (08:00–22:00 Europe/Berlin, a default), so it expires at 2026-11-24T07:15:00.000Z instead of ${plain}`,
    });
  });

  it('changes nothing when the expiry falls inside the window, or for other outcomes', () => {
    const now = new Date('2026-11-24T10:00:00Z');
    const plain = new Date(now.getTime() + APPROVAL_TTL_MS.high).toISOString();
    const outcome = needsApproval(plain);
    expect(withActiveExpiry(outcome, 'high', now, berlin)).toBe(outcome);
    const shadow: OutcomeDecision = { ...outcome, outcome: 'shadow', approvalExpiresAt: null };
    expect(withActiveExpiry(shadow, 'high', new Date('2026-11-24T02:00:00Z'), berlin)).toBe(shadow);
  });

  it.each<[Urgency, string]>([
    ['normal', '2026-11-25T17:00:00.000Z'],
    ['low', '2026-11-29T09:00:00.000Z'],
  ])('a %s request made at 03:00 Berlin expires after its hours of active time (%s)', (urgency, expected) => {
    const now = new Date('2026-11-24T02:00:00Z');
    const plain = new Date(now.getTime() + APPROVAL_TTL_MS[urgency]).toISOString();
    expect(withActiveExpiry(needsApproval(plain), urgency, now, berlin).approvalExpiresAt).toBe(expected);
  });
});
