// Only unambiguous dates are read: ISO and month names. "03/12/2026" could be March or December, so it is left alone.

export interface DateMatch {
  /** YYYY-MM-DD */
  date: string;
  index: number;
  text: string;
}

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12,
};
const MONTH = `(${Object.keys(MONTHS).join('|')})\\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:,?\s+(\d{4}))?`;

const ISO = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g;
const MONTH_DAY = new RegExp(String.raw`(?<![a-z])${MONTH}\s+${DAY}(?![\d:])${YEAR}`, 'gi');
const DAY_MONTH = new RegExp(String.raw`(?<![\d])${DAY}(?:\s+of)?\s+${MONTH}(?![a-z])${YEAR}`, 'gi');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function format(year: number, month: number, day: number): string | null {
  if (year < 1970 || year > 2999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A date written without a year is the next such date from the signal, allowing a month of lateness. */
function inferYear(month: number, day: number, reference: Date | null): number | null {
  if (reference === null || Number.isNaN(reference.getTime())) return null;
  const year = reference.getUTCFullYear();
  const thisYear = Date.UTC(year, month - 1, day);
  const graceMs = 31 * 24 * 60 * 60 * 1000;
  return thisYear < reference.getTime() - graceMs ? year + 1 : year;
}

/** "May" is also a verb ("you may 3 times..."): without a year it is not read as a month. */
const NEEDS_YEAR = new Set(['may']);

function fromParts(monthName: string, dayText: string | undefined, yearText: string | undefined, reference: Date | null): string | null {
  const month = MONTHS[monthName.toLowerCase()];
  if (month === undefined || dayText === undefined) return null;
  if (yearText === undefined && NEEDS_YEAR.has(monthName.toLowerCase())) return null;
  const day = Number(dayText);
  const year = yearText !== undefined ? Number(yearText) : inferYear(month, day, reference);
  return year === null ? null : format(year, month, day);
}

/** Every readable calendar date in the text, in order of appearance. */
export function findDates(text: string, reference: Date | null): DateMatch[] {
  const found: DateMatch[] = [];
  for (const match of text.matchAll(ISO)) {
    const date = format(Number(match[1]), Number(match[2]), Number(match[3]));
    if (date !== null) found.push({ date, index: match.index, text: match[0] });
  }
  for (const match of text.matchAll(MONTH_DAY)) {
    const date = fromParts(match[1] ?? '', match[2], match[3], reference);
    if (date !== null) found.push({ date, index: match.index, text: match[0] });
  }
  for (const match of text.matchAll(DAY_MONTH)) {
    const date = fromParts(match[2] ?? '', match[1], match[3], reference);
    if (date !== null) found.push({ date, index: match.index, text: match[0] });
  }
  return found.sort((a, b) => a.index - b.index);
}
