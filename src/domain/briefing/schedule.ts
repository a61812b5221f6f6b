import { isActiveAt } from '../temporal/activeExpiry.js';
import { localDateTime } from '../temporal/zonedTime.js';
import { quietHoursEnd } from '../policy/index.js';
import type { ActiveHours } from '../types.js';

const DAY_MS = 24 * 3_600_000;

/** When a user's briefings fall: the window start they belong to and whether one is due now. */
export interface BriefingSchedule {
  /** The most recent start of the active window at or before now. */
  lastStart: Date;
  /** Its local date ("2026-12-03"): one briefing per user and local date. */
  localDate: string;
  /** The next start of the active window after now. */
  nextAt: Date;
  /** True while the window that began at lastStart is open: a briefing for localDate may go out. */
  open: boolean;
}

/** "2026-12-03" for an instant in a zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  const { year, month, day } = localDateTime(instant, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The next instant after `after` at which the local clock in the window's zone reads the window's start. */
function nextStartAfter(active: ActiveHours, after: Date): Date {
  // quietHoursEnd looks only at `end`: the next time the clock reads it, DST handled.
  return quietHoursEnd({ start: active.start, end: active.start, timeZone: active.timeZone }, after);
}

export function briefingSchedule(active: ActiveHours, now: Date): BriefingSchedule {
  const nextAt = nextStartAfter(active, now);
  let lastStart = nextStartAfter(active, new Date(now.getTime() - DAY_MS));
  // On a day the clocks change, a day back may not reach the previous start.
  if (lastStart.getTime() > now.getTime()) lastStart = nextStartAfter(active, new Date(now.getTime() - 2 * DAY_MS));
  return {
    lastStart,
    localDate: localDateOf(lastStart, active.timeZone),
    nextAt,
    open: active.hours >= 24 || isActiveAt(active, now),
  };
}
