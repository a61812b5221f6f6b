import { addDays, instantOf, type LocalTime } from './timezone.js';

export type CivilDate = { year: number; month: number; day: number };

/** The subset of RFC 5545 the emulator expands: DAILY and WEEKLY with INTERVAL, COUNT, UNTIL, BYDAY. */
export interface RecurrenceRule {
  freq: 'DAILY' | 'WEEKLY';
  interval: number;
  count: number | null;
  /** UTC date-time "YYYYMMDDTHHMMSSZ" or a date "YYYYMMDD", as written. */
  until: string | null;
  /** Weekdays, 0 = Sunday … 6 = Saturday. */
  byDay: number[] | null;
}

export interface Recurrence {
  rule: RecurrenceRule;
  /** EXDATE values: date-times (UTC "…Z", or local with TZID) or dates. */
  exdates: { value: string; timeZone: string | null }[];
}

/** However a series is written, expansion stops after this many occurrences. */
const MAX_CANDIDATES = 20_000;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

export class RecurrenceError extends Error {}

/** Reads an event's `recurrence` lines; throws RecurrenceError for what the emulator cannot expand. */
export function parseRecurrence(lines: readonly string[]): Recurrence {
  let rule: RecurrenceRule | null = null;
  const exdates: Recurrence['exdates'] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) throw new RecurrenceError(`Invalid recurrence rule: ${line}`);
    const [name = '', ...params] = line.slice(0, colon).toUpperCase().split(';');
    const value = line.slice(colon + 1);
    if (name === 'RRULE') {
      if (rule !== null) throw new RecurrenceError('Only one RRULE is supported.');
      rule = parseRule(value);
    } else if (name === 'EXDATE') {
      const zone = params.some((p) => p.startsWith('TZID='))
        ? (line.slice(0, colon).split(';').find((p) => p.toUpperCase().startsWith('TZID='))?.slice(5) ?? null)
        : null;
      for (const item of value.split(',')) exdates.push({ value: item.trim(), timeZone: zone });
    } else if (name !== 'RDATE' && name !== 'EXRULE') {
      throw new RecurrenceError(`Invalid recurrence rule: ${line}`);
    }
  }
  if (rule === null) throw new RecurrenceError('A recurrence needs an RRULE line.');
  return { rule, exdates };
}

function parseRule(text: string): RecurrenceRule {
  const parts = new Map<string, string>();
  for (const piece of text.split(';')) {
    const [key, value] = piece.split('=');
    if (key && value !== undefined) parts.set(key.toUpperCase(), value.toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY') throw new RecurrenceError(`Unsupported recurrence frequency: ${freq ?? '(none)'}`);
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const count = parts.has('COUNT') ? Number(parts.get('COUNT')) : null;
  const until = parts.get('UNTIL') ?? null;
  if (!Number.isInteger(interval) || interval < 1) throw new RecurrenceError('INTERVAL must be a positive integer.');
  if (count !== null && (!Number.isInteger(count) || count < 1)) throw new RecurrenceError('COUNT must be a positive integer.');
  if (count !== null && until !== null) throw new RecurrenceError('COUNT and UNTIL cannot both be set.');
  if (until !== null && !/^\d{8}(T\d{6}Z?)?$/.test(until)) throw new RecurrenceError(`Invalid UNTIL value: ${until}`);
  let byDay: number[] | null = null;
  if (parts.has('BYDAY')) {
    byDay = (parts.get('BYDAY') ?? '').split(',').map((day) => {
      const index = WEEKDAYS.indexOf(day);
      if (index < 0) throw new RecurrenceError(`Unsupported BYDAY value: ${day}`);
      return index;
    });
  }
  return { freq, interval, count, until, byDay };
}

const weekday = (date: CivilDate): number => new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
const dayNumber = (date: CivilDate): number => Date.UTC(date.year, date.month - 1, date.day) / 86_400_000;

function* candidateDates(rule: RecurrenceRule, first: CivilDate): Generator<CivilDate> {
  if (rule.freq === 'DAILY') {
    for (let k = 0; ; k += 1) yield addDays(first, k * rule.interval);
  }
  const days = [...new Set(rule.byDay ?? [weekday(first)])].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
  const monday = addDays(first, -((weekday(first) + 6) % 7));
  for (let week = 0; ; week += 1) {
    const base = addDays(monday, week * 7 * rule.interval);
    for (const day of days) {
      const date = addDays(base, (day + 6) % 7);
      if (dayNumber(date) >= dayNumber(first)) yield date;
    }
  }
}

function stampOf(value: string, timeZone: string | null, fallbackZone: string): number | string {
  if (/^\d{8}$/.test(value)) return value;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(value);
  if (!m) return value;
  const local: LocalTime = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +m[6]! };
  return m[7] === 'Z' ? Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) : instantOf(local, timeZone ?? fallbackZone);
}

export interface Occurrence {
  date: CivilDate;
  /** Start instant: for all-day events, local midnight in the series' zone. */
  startMs: number;
}

/**
 * Occurrences of a series in order, from its first start, stopping at COUNT, UNTIL, `beforeMs`
 * (exclusive window end) or `max`. EXDATEs are skipped but still count towards COUNT (RFC 5545).
 */
export function expandRecurrence(
  recurrence: Recurrence,
  first: { date: CivilDate; time: { hour: number; minute: number; second: number } | null; timeZone: string },
  limits: { beforeMs: number; max: number },
): Occurrence[] {
  const { rule } = recurrence;
  const zone = first.timeZone;
  const startOf = (date: CivilDate): number =>
    instantOf({ ...date, ...(first.time ?? { hour: 0, minute: 0, second: 0 }) }, zone);
  let untilMs = Number.POSITIVE_INFINITY;
  if (rule.until !== null) {
    const stamp = stampOf(rule.until, null, zone);
    untilMs = typeof stamp === 'number' ? stamp : instantOf({ ...civil(stamp), hour: 23, minute: 59, second: 59 }, zone);
  }
  const excluded = new Set(recurrence.exdates.map((x) => String(stampOf(x.value, x.timeZone, zone))));
  const found: Occurrence[] = [];
  let produced = 0;
  for (const date of candidateDates(rule, first.date)) {
    const startMs = startOf(date);
    if (startMs > untilMs || startMs >= limits.beforeMs) break;
    if ((rule.count !== null && produced >= rule.count) || produced >= MAX_CANDIDATES) break;
    produced += 1;
    const dateKey = `${date.year}${String(date.month).padStart(2, '0')}${String(date.day).padStart(2, '0')}`;
    if (excluded.has(String(startMs)) || excluded.has(dateKey)) continue;
    found.push({ date, startMs });
    if (found.length >= limits.max) break;
  }
  return found;
}

function civil(yyyymmdd: string): CivilDate {
  return { year: Number(yyyymmdd.slice(0, 4)), month: Number(yyyymmdd.slice(4, 6)), day: Number(yyyymmdd.slice(6, 8)) };
}

/** The suffix Google gives instance ids: 20261125T090000Z for timed series, 20261125 for all-day. */
export function instanceStamp(occurrence: Occurrence, allDay: boolean): string {
  if (allDay) {
    const { year, month, day } = occurrence.date;
    return `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
  }
  return new Date(occurrence.startMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
