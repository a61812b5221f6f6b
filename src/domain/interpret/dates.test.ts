import { describe, expect, it } from 'vitest';
import { findDates } from './dates.js';

const reference = new Date('2026-11-24T09:00:00Z');

describe('findDates', () => {
  it.each([
    ['renews on december 3, 2026', '2026-12-03'],
    ['on 2026-12-03', '2026-12-03'],
    ['3rd december 2026', '2026-12-03'],
    ['the 3rd of december, 2026', '2026-12-03'],
    ['dec. 3', '2026-12-03'],
    ['jan 5', '2027-01-05'],
    ['on 14 march', '2027-03-14'],
    ['nov 20', '2026-11-20'],
    ['2028-02-29', '2028-02-29'],
    ['may 3, 2027', '2027-05-03'],
  ])('reads "%s" as %s', (text, date) => {
    expect(findDates(text, reference)[0]?.date).toBe(date);
  });

  it.each(['february 30, 2026', '2026-02-29', '2026-13-01', 'you may 3 times', '03/12/2026', '12.03.2026'])('reads nothing in "%s"', (text) => {
    expect(findDates(text, reference)).toEqual([]);
  });

  it('needs a reference to place a date without a year', () => {
    expect(findDates('dec 3', null)).toEqual([]);
    expect(findDates('december 3, 2026', null)[0]?.date).toBe('2026-12-03');
  });
});
