import { describe, expect, it } from 'vitest';
import { findFreeSlots, type SlotQuery } from './slots.js';
import { clockLabel, dayLabel } from './zoned.js';

function query(overrides: Partial<SlotQuery>): SlotQuery {
  return {
    now: new Date('2026-12-01T07:00:00Z'), // Tuesday 08:00 in Berlin
    timeZone: 'Europe/Berlin',
    workStart: '09:00',
    workEnd: '17:00',
    minutes: 30,
    busy: [],
    count: 3,
    horizonDays: 7,
    ...overrides,
  };
}

const shown = (q: SlotQuery) => findFreeSlots(q).map((s) => `${dayLabel(s.date)} ${clockLabel(s.start, q.timeZone)}-${clockLabel(s.end, q.timeZone)}`);

describe('findFreeSlots', () => {
  it('offers one slot per working day, in working hours in the user zone, after a lead time', () => {
    expect(shown(query({}))).toEqual(['Tuesday 1 December 10:00-10:30', 'Wednesday 2 December 09:00-09:30', 'Thursday 3 December 09:00-09:30']);
  });

  it('skips busy times, including a tentative hold given as busy, and never overlaps one', () => {
    const q = query({
      busy: [
        { start: new Date('2026-12-01T08:30:00Z'), end: new Date('2026-12-01T16:00:00Z') }, // Tue 09:30-17:00
        { start: new Date('2026-12-02T08:00:00Z'), end: new Date('2026-12-02T09:15:00Z') }, // Wed 09:00-10:15
      ],
    });
    expect(shown(q)).toEqual(['Wednesday 2 December 10:30-11:00', 'Thursday 3 December 09:00-09:30', 'Friday 4 December 09:00-09:30']);
    for (const slot of findFreeSlots(q)) {
      expect(q.busy.some((b) => b.start < slot.end && b.end > slot.start)).toBe(false);
    }
  });

  it('skips the weekend and a day already past its working hours', () => {
    const friday = query({ now: new Date('2026-12-04T16:00:00Z'), minutes: 60 }); // Friday 17:00 Berlin
    expect(shown(friday)).toEqual(['Monday 7 December 09:00-10:00', 'Tuesday 8 December 09:00-10:00', 'Wednesday 9 December 09:00-10:00']);
  });

  it('keeps local hours across a change of clocks (US daylight saving time ends 1 Nov 2026)', () => {
    const q = query({ now: new Date('2026-10-30T12:00:00Z'), timeZone: 'America/New_York', count: 2 }); // Friday 08:00 EDT
    const slots = findFreeSlots(q);
    expect(shown(q)).toEqual(['Friday 30 October 10:00-10:30', 'Monday 2 November 09:00-09:30']);
    expect(slots.map((s) => s.start.toISOString())).toEqual(['2026-10-30T14:00:00.000Z', '2026-11-02T14:00:00.000Z']);
  });

  it('proposes nothing when the calendar is full over the horizon, and nothing past it', () => {
    const full = query({ busy: [{ start: new Date('2026-11-30T00:00:00Z'), end: new Date('2026-12-20T00:00:00Z') }] });
    expect(findFreeSlots(full)).toEqual([]);
    // One day ahead ends Wednesday 08:00 Berlin: Wednesday's working hours lie beyond what was read.
    const short = query({ horizonDays: 1 });
    expect(shown(short)).toEqual(['Tuesday 1 December 10:00-10:30']);
  });

  it('never proposes a meeting longer than the working day', () => {
    expect(findFreeSlots(query({ minutes: 9 * 60 }))).toEqual([]);
  });
});
