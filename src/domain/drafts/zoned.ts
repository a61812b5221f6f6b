import { localDateTime } from '../temporal/index.js';

const MINUTE_MS = 60_000;
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/**
 * The instant at which the clock in `timeZone` reads this date and minute of the day; null when it
 * never does (the hour skipped when clocks go forward). Two passes settle the zone's offset for that date.
 */
export function zonedInstant(date: LocalDate, minuteOfDay: number, timeZone: string): Date | null {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  let instant = wall;
  for (let pass = 0; pass < 2; pass += 1) instant = wall - offsetAt(new Date(instant), timeZone);
  const shown = localDateTime(new Date(instant), timeZone);
  const reads = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute);
  return reads === wall ? new Date(instant) : null;
}

/** The local calendar date `days` after the one `instant` falls on in `timeZone`. */
export function localDateAfter(instant: Date, days: number, timeZone: string): LocalDate {
  const { year, month, day } = localDateTime(instant, timeZone);
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** 0 = Monday … 6 = Sunday, for a calendar date (the same everywhere). */
export function weekdayOf(date: LocalDate): number {
  return (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7;
}

/** "Friday 4 December" */
export function dayLabel(date: LocalDate): string {
  return `${DAY_NAMES[weekdayOf(date)] ?? ''} ${date.day} ${MONTH_NAMES[date.month - 1] ?? ''}`;
}

/** "14:30" as the clock in `timeZone` shows `instant`. */
export function clockLabel(instant: Date, timeZone: string): string {
  const { hour, minute } = localDateTime(instant, timeZone);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The local date of an instant. */
export function localDateOfInstant(instant: Date, timeZone: string): LocalDate {
  return localDateAfter(instant, 0, timeZone);
}

/** "2026-12-04" */
export function isoDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

export function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

function offsetAt(instant: Date, timeZone: string): number {
  const shown = localDateTime(instant, timeZone);
  const reads = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute, shown.second);
  return Math.round((reads - instant.getTime()) / MINUTE_MS) * MINUTE_MS;
}
