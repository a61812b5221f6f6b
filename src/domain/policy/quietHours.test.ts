import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { QuietHours } from '../types.js';
import { arbNow } from './fixtures.testkit.js';
import { isWithinQuietHours, localSecondsOfDay, parseClockTime, quietHoursEnd } from './quietHours.js';

const berlinNight: QuietHours = { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' };
const utcLunch: QuietHours = { start: '12:00', end: '13:30', timeZone: 'UTC' };

describe('parseClockTime', () => {
  it.each([
    ['00:00', 0],
    ['07:00', 420],
    ['23:59', 1439],
  ])('%s → %d minutes', (text, minutes) => {
    expect(parseClockTime(text)).toBe(minutes);
  });

  it.each(['24:00', '7:00', '07:60', '', '07:00:00', 'noon'])('rejects %j', (text) => {
    expect(() => parseClockTime(text)).toThrow(/HH:MM/);
  });
});

describe('localSecondsOfDay', () => {
  it('reads the wall clock of the zone, DST included', () => {
    expect(localSecondsOfDay(new Date('2026-11-24T09:12:44Z'), 'Europe/Berlin')).toBe(10 * 3600 + 12 * 60 + 44);
    expect(localSecondsOfDay(new Date('2026-07-01T22:30:00Z'), 'Europe/Berlin')).toBe(30 * 60);
    expect(localSecondsOfDay(new Date('2026-07-01T22:30:00Z'), 'Asia/Kolkata')).toBe(4 * 3600);
  });

  it('agrees with formatting each instant on its own, through DST changes and half-hour zones', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'UTC'];
    const exact = (instant: Date, timeZone: string) => {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(instant);
      const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
      return (get('hour') % 24) * 3600 + get('minute') * 60 + get('second');
    };
    // Every instant around the 2026 transitions (spring and autumn, both hemispheres) and random ones.
    const transitions = ['2026-03-08T05:30:00Z', '2026-03-08T07:00:00Z', '2026-03-29T01:00:00Z', '2026-04-05T15:00:00Z', '2026-10-04T15:30:00Z', '2026-10-25T01:00:00Z', '2026-11-01T06:00:00Z', '2026-11-01T04:30:00Z'];
    for (const zone of zones) {
      for (const at of transitions) {
        for (let offset = -3_600_000; offset <= 3_600_000; offset += 299_500) {
          const instant = new Date(Date.parse(at) + offset);
          expect(localSecondsOfDay(instant, zone), `${zone} ${instant.toISOString()}`).toBe(exact(instant, zone));
        }
      }
    }
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), fc.constantFrom(...zones), (instant, zone) => {
        expect(localSecondsOfDay(instant, zone)).toBe(exact(instant, zone));
      }),
      { numRuns: 2000 },
    );
  });

  it('throws on an unknown zone', () => {
    expect(() => localSecondsOfDay(new Date(0), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('isWithinQuietHours', () => {
  it.each([
    ['2026-11-24T21:00:00Z', true], // 22:00 Berlin: start is inside
    ['2026-11-24T20:59:59Z', false],
    ['2026-11-24T23:30:00Z', true], // past midnight locally
    ['2026-11-25T05:59:59Z', true], // 06:59:59
    ['2026-11-25T06:00:00Z', false], // 07:00: end is outside
    ['2026-11-24T09:12:44Z', false],
    ['2026-07-01T20:00:00Z', true], // summer: 22:00 CEST
    ['2026-07-01T19:59:00Z', false],
  ])('Berlin 22:00–07:00 at %s → %s', (iso, expected) => {
    expect(isWithinQuietHours(berlinNight, new Date(iso))).toBe(expected);
  });

  it.each([
    ['2026-11-24T11:59:59Z', false],
    ['2026-11-24T12:00:00Z', true],
    ['2026-11-24T13:29:59Z', true],
    ['2026-11-24T13:30:00Z', false],
  ])('UTC 12:00–13:30 at %s → %s', (iso, expected) => {
    expect(isWithinQuietHours(utcLunch, new Date(iso))).toBe(expected);
  });

  it('treats start == end as no quiet hours', () => {
    expect(isWithinQuietHours({ start: '08:00', end: '08:00', timeZone: 'UTC' }, new Date('2026-11-24T08:00:00Z'))).toBe(false);
  });
});

describe('quietHoursEnd', () => {
  it.each([
    ['2026-11-24T23:30:00Z', '2026-11-25T06:00:00.000Z'], // winter, after midnight
    ['2026-11-24T21:15:00Z', '2026-11-25T06:00:00.000Z'], // winter, before midnight
    ['2026-07-01T21:15:00Z', '2026-07-02T05:00:00.000Z'], // summer time
    ['2026-03-28T22:00:00Z', '2026-03-29T05:00:00.000Z'], // night of the spring DST change
    ['2026-10-24T21:00:00Z', '2026-10-25T06:00:00.000Z'], // night of the autumn DST change
    ['2026-11-25T05:59:59.750Z', '2026-11-25T06:00:00.000Z'],
  ])('Berlin 22:00–07:00 at %s ends at %s', (iso, end) => {
    expect(quietHoursEnd(berlinNight, new Date(iso)).toISOString()).toBe(end);
  });

  it('always lies in the future, on a whole minute that reads as the end time locally', () => {
    fc.assert(
      fc.property(arbNow, fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'), (now, timeZone) => {
        const quiet: QuietHours = { start: '22:00', end: '07:00', timeZone };
        const end = quietHoursEnd(quiet, now);
        expect(end.getTime()).toBeGreaterThan(now.getTime());
        expect(end.getTime() - now.getTime()).toBeLessThanOrEqual(25 * 3600 * 1000);
        expect(localSecondsOfDay(end, timeZone)).toBe(7 * 3600);
        if (isWithinQuietHours(quiet, now)) expect(isWithinQuietHours(quiet, new Date(end.getTime() - 1000))).toBe(true);
      }),
    );
  });
});
