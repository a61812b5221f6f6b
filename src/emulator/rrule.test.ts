import { describe, expect, it } from 'vitest';
import { expandRecurrence, instanceStamp, parseRecurrence, RecurrenceError } from './rrule.js';
import { formatInZone } from './timezone.js';

const first = (hour: number) => ({ date: { year: 2026, month: 11, day: 23 }, time: { hour, minute: 0, second: 0 }, timeZone: 'Europe/Berlin' });
const far = { beforeMs: Date.parse('2030-01-01T00:00:00Z'), max: 1000 };
const days = (lines: string[], limits = far) => expandRecurrence(parseRecurrence(lines), first(9), limits).map((o) => `${o.date.month}/${o.date.day}`);

describe('recurrence rules', () => {
  it('expands DAILY with COUNT and INTERVAL', () => {
    expect(days(['RRULE:FREQ=DAILY;COUNT=3'])).toEqual(['11/23', '11/24', '11/25']);
    expect(days(['RRULE:FREQ=DAILY;INTERVAL=3;COUNT=3'])).toEqual(['11/23', '11/26', '11/29']);
  });

  it('expands WEEKLY on the start weekday or on BYDAY, honouring UNTIL', () => {
    expect(days(['RRULE:FREQ=WEEKLY;UNTIL=20261207T080000Z'])).toEqual(['11/23', '11/30', '12/7']);
    expect(days(['RRULE:FREQ=WEEKLY;UNTIL=20261207T075959Z'])).toEqual(['11/23', '11/30']);
    expect(days(['RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=5'])).toEqual(['11/23', '11/25', '11/27', '11/30', '12/2']);
    expect(days(['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=2'])).toEqual(['11/24', '12/8']);
  });

  it('skips EXDATEs, which still count towards COUNT', () => {
    expect(days(['RRULE:FREQ=DAILY;COUNT=3', 'EXDATE;TZID=Europe/Berlin:20261124T090000'])).toEqual(['11/23', '11/25']);
  });

  it('stops at the window end and at max for endless rules', () => {
    expect(days(['RRULE:FREQ=DAILY'], { beforeMs: Date.parse('2026-11-26T00:00:00Z'), max: 100 })).toEqual(['11/23', '11/24', '11/25']);
    expect(days(['RRULE:FREQ=DAILY'], { beforeMs: Number.POSITIVE_INFINITY, max: 4 })).toHaveLength(4);
  });

  it('keeps wall-clock time across daylight saving and stamps instance ids in UTC', () => {
    const start = { date: { year: 2027, month: 3, day: 27 }, time: { hour: 10, minute: 0, second: 0 }, timeZone: 'Europe/Berlin' };
    const found = expandRecurrence(parseRecurrence(['RRULE:FREQ=DAILY;COUNT=2']), start, far);
    expect(found.map((o) => formatInZone(o.startMs, 'Europe/Berlin'))).toEqual(['2027-03-27T10:00:00+01:00', '2027-03-28T10:00:00+02:00']);
    expect(found.map((o) => instanceStamp(o, false))).toEqual(['20270327T090000Z', '20270328T080000Z']);
    expect(instanceStamp(found[0]!, true)).toBe('20270327');
  });

  it('refuses what it cannot expand', () => {
    expect(() => parseRecurrence(['RRULE:FREQ=MONTHLY;COUNT=2'])).toThrow(RecurrenceError);
    expect(() => parseRecurrence(['RRULE:FREQ=DAILY;COUNT=0'])).toThrow(RecurrenceError);
    expect(() => parseRecurrence(['RRULE:FREQ=DAILY;COUNT=2;UNTIL=20270101'])).toThrow(RecurrenceError);
    expect(() => parseRecurrence(['EXDATE:20261124T090000Z'])).toThrow(RecurrenceError);
  });
});
