import { expandRecurrence, instanceStamp, parseRecurrence } from '../rrule.js';
import { addDays, formatDate, formatInZone, localTimeOf, parseDate } from '../timezone.js';
import { instantOfTime, type EventTime, type StoredEvent } from './events.js';

export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

const DAY_MS = 86_400_000;

/** Start and end instants of an event (all-day dates at local midnight of the calendar). */
export function spanOf(event: StoredEvent, calendarZone: string): { startMs: number; endMs: number } {
  return { startMs: instantOfTime(event.start, calendarZone), endMs: instantOfTime(event.end, calendarZone) };
}

/** Half-open overlap; a zero-length event overlaps when it starts inside the window. */
export function overlaps(span: { startMs: number; endMs: number }, window: TimeWindow): boolean {
  return span.startMs < window.toMs && (span.endMs > window.fromMs || (span.endMs === span.startMs && span.startMs >= window.fromMs));
}

/** Splits "<masterId>_<stamp>" into its parts, or null for an id that names no instance. */
export function parseInstanceId(id: string): { masterId: string; stamp: string } | null {
  const m = /^(.+)_(\d{8}(?:T\d{6}Z)?)$/.exec(id);
  return m && m[1] && m[2] ? { masterId: m[1], stamp: m[2] } : null;
}

/**
 * The instances of a recurring event that overlap `window`, as Google derives them: id
 * `<masterId>_<stamp>`, recurringEventId, originalStartTime, the master's other fields.
 */
export function seriesInstances(master: StoredEvent, calendarZone: string, window: TimeWindow, max = 2_500): StoredEvent[] {
  if (!master.recurrence) return [];
  const recurrence = parseRecurrence(master.recurrence);
  const allDay = master.start.date !== undefined;
  const zone = master.start.timeZone ?? calendarZone;
  const { startMs, endMs } = spanOf(master, calendarZone);
  let first: Parameters<typeof expandRecurrence>[1];
  let dayCount = 0;
  if (allDay) {
    const startDay = parseDate(master.start.date ?? '') ?? { year: 1970, month: 1, day: 1 };
    const endDay = parseDate(master.end.date ?? '') ?? startDay;
    dayCount = Math.round((Date.UTC(endDay.year, endDay.month - 1, endDay.day) - Date.UTC(startDay.year, startDay.month - 1, startDay.day)) / DAY_MS);
    first = { date: startDay, time: null, timeZone: zone };
  } else {
    const local = localTimeOf(startMs, zone);
    first = { date: { year: local.year, month: local.month, day: local.day }, time: { hour: local.hour, minute: local.minute, second: local.second }, timeZone: zone };
  }
  const duration = endMs - startMs;
  const found: StoredEvent[] = [];
  for (const occurrence of expandRecurrence(recurrence, first, { beforeMs: window.toMs, max: Number.MAX_SAFE_INTEGER })) {
    const end = allDay ? instantOfTime({ date: formatDate(...ymd(addDays(occurrence.date, dayCount))) }, zone) : occurrence.startMs + duration;
    if (!overlaps({ startMs: occurrence.startMs, endMs: end }, window)) continue;
    const withZone = (time: EventTime): EventTime => (master.start.timeZone !== undefined ? { ...time, timeZone: master.start.timeZone } : time);
    const start: EventTime = allDay ? { date: formatDate(...ymd(occurrence.date)) } : withZone({ dateTime: formatInZone(occurrence.startMs, zone) });
    const endTime: EventTime = allDay ? { date: formatDate(...ymd(addDays(occurrence.date, dayCount))) } : withZone({ dateTime: formatInZone(end, zone) });
    const { recurrence: _series, ...rest } = master;
    found.push({ ...rest, id: `${master.id}_${instanceStamp(occurrence, allDay)}`, recurringEventId: master.id, originalStartTime: start, start, end: endTime });
    if (found.length >= max) break;
  }
  return found;
}

const ymd = (date: { year: number; month: number; day: number }): [number, number, number] => [date.year, date.month, date.day];
