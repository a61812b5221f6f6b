import { localDateAfter, minutesOf, weekdayOf, zonedInstant, type LocalDate } from './zoned.js';

/** A time the user's calendar shows as taken (half-open: [start, end)). */
export interface BusyInterval {
  start: Date;
  end: Date;
}

export interface FreeSlot {
  date: LocalDate;
  start: Date;
  end: Date;
}

export interface SlotQuery {
  now: Date;
  timeZone: string;
  /** Local working hours, "HH:MM"; a slot starts and ends inside them. */
  workStart: string;
  workEnd: string;
  minutes: number;
  busy: readonly BusyInterval[];
  /** How many slots to propose, each on a different working day. */
  count: number;
  /** Days ahead the busy times cover: no slot is proposed beyond what the calendar was read for. */
  horizonDays: number;
}

const STEP_MINUTES = 30;
/** The earliest slot leaves the other person time to read the reply and answer. */
const LEAD_MS = 2 * 3_600_000;
const SATURDAY = 5;

/**
 * Up to `count` free slots of `minutes`, one per working day (Monday to Friday) from today on, in
 * working hours in the user's zone, none in the past or overlapping a busy interval. Each day's
 * earliest free start on the half hour is taken, so the proposals are spread over several days.
 */
export function findFreeSlots(query: SlotQuery): FreeSlot[] {
  const slots: FreeSlot[] = [];
  const earliest = query.now.getTime() + LEAD_MS;
  const horizon = query.now.getTime() + query.horizonDays * 24 * 3_600_000;
  const firstMinute = minutesOf(query.workStart);
  const lastMinute = minutesOf(query.workEnd) - query.minutes;
  const durationMs = query.minutes * 60_000;
  for (let offset = 0; offset <= query.horizonDays && slots.length < query.count; offset += 1) {
    const date = localDateAfter(query.now, offset, query.timeZone);
    if (weekdayOf(date) >= SATURDAY) continue;
    // The day's first start is placed by the zone's rules; the half hours after it are counted
    // from it (clocks change at night, not inside working hours).
    const first = zonedInstant(date, firstMinute, query.timeZone);
    if (first === null) continue;
    const last = first.getTime() + (lastMinute - firstMinute) * 60_000;
    for (let at = first.getTime(); at <= last; at += STEP_MINUTES * 60_000) {
      if (at < earliest) continue;
      if (at + durationMs > horizon) break;
      const start = new Date(at);
      const end = new Date(at + durationMs);
      if (query.busy.some((b) => b.start < end && b.end > start)) continue;
      slots.push({ date, start, end });
      break;
    }
  }
  return slots;
}
