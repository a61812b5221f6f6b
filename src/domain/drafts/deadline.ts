import type { DeadlineMention } from '../types.js';
import { dayLabel, localDateAfter, localDateOfInstant, weekdayOf, isoDate, type LocalDate } from './zoned.js';

export interface ResolvedDeadline {
  date: LocalDate;
  /** "Friday 4 December" */
  label: string;
  /** Whether the deadline is the day it is now, or already past, in the user's zone. */
  today: boolean;
  passed: boolean;
}

/**
 * The date a deadline names, counted from when the mail was sent, in the user's zone: "by Friday"
 * is the next Friday after the mail (a week on when sent on a Friday), "EOD tomorrow" the day after it.
 */
export function resolveDeadline(mention: DeadlineMention, sentAt: Date, now: Date, timeZone: string): ResolvedDeadline | null {
  const date = dateOf(mention, sentAt, timeZone);
  if (date === null) return null;
  const key = isoDate(date);
  const todayKey = isoDate(localDateOfInstant(now, timeZone));
  return { date, label: dayLabel(date), today: key === todayKey, passed: key < todayKey };
}

function dateOf(mention: DeadlineMention, sentAt: Date, timeZone: string): LocalDate | null {
  if (mention.on === 'days') return localDateAfter(sentAt, mention.days, timeZone);
  if (mention.on === 'weekday') {
    const sentDay = weekdayOf(localDateOfInstant(sentAt, timeZone));
    const ahead = (mention.weekday - sentDay + 7) % 7 || 7;
    return localDateAfter(sentAt, ahead, timeZone);
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(mention.date);
  return match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
}
