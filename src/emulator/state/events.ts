import { GoogleError } from '../errors.js';
import { parseRecurrence, RecurrenceError } from '../rrule.js';
import { instantOf, isTimeZone, parseDate } from '../timezone.js';

export type EventStatus = 'confirmed' | 'tentative' | 'cancelled';
export type ResponseStatus = 'needsAction' | 'declined' | 'tentative' | 'accepted';
export const RESPONSE_STATUSES: readonly ResponseStatus[] = ['needsAction', 'declined', 'tentative', 'accepted'];
const STATUSES: readonly EventStatus[] = ['confirmed', 'tentative', 'cancelled'];

/** Calendar's start/end: a timed instant (dateTime, optional zone) or an all-day date. */
export interface EventTime {
  dateTime?: string;
  date?: string;
  timeZone?: string;
}

export interface Attendee {
  email: string;
  displayName?: string;
  organizer?: boolean;
  optional?: boolean;
  responseStatus: ResponseStatus;
  comment?: string;
  additionalGuests?: number;
}

export interface Person {
  email: string;
  displayName?: string;
}

/** An event as the calendar keeps it; instances of a series are derived, exceptions are stored. */
export interface StoredEvent {
  id: string;
  calendarId: string;
  status: EventStatus;
  summary?: string;
  description?: string;
  location?: string;
  start: EventTime;
  end: EventTime;
  creator: Person;
  organizer: Person;
  attendees?: Attendee[];
  recurrence?: string[];
  recurringEventId?: string;
  originalStartTime?: EventTime;
  /** Other writable fields (transparency, visibility, colorId, reminders, …), kept and echoed. */
  extra: Record<string, unknown>;
  created: number;
  updated: number;
  sequence: number;
  iCalUID: string;
  /** The calendar-wide change counter when this event last changed; drives sync tokens. */
  changeSeq: number;
}

export const invalidEvent = (message: string, reason = 'invalid'): GoogleError => new GoogleError(400, reason, message);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validates one start or end as Google would; a string is a convenience for seeding. */
export function readEventTime(value: unknown, defaultZone: string, field: string): EventTime {
  if (typeof value === 'string') {
    return parseDate(value) ? { date: value } : readEventTime({ dateTime: value, timeZone: defaultZone }, defaultZone, field);
  }
  if (!isRecord(value)) throw invalidEvent(`Missing ${field} time.`, 'required');
  const { date, dateTime, timeZone } = value;
  if (timeZone !== undefined && timeZone !== null && (typeof timeZone !== 'string' || !isTimeZone(timeZone))) {
    throw invalidEvent(`Invalid time zone definition for ${field} time.`);
  }
  const zone = typeof timeZone === 'string' ? { timeZone } : {};
  if (typeof date === 'string' && (dateTime === undefined || dateTime === null)) {
    if (!parseDate(date)) throw invalidEvent(`Invalid ${field} date.`);
    return { date, ...zone };
  }
  if (typeof dateTime !== 'string') throw invalidEvent(`Missing ${field} time.`, 'required');
  const hasOffset = /(Z|[+-]\d{2}:\d{2})$/i.test(dateTime);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/i.test(dateTime) || (hasOffset && Number.isNaN(Date.parse(dateTime)))) {
    throw invalidEvent(`Invalid ${field} time.`);
  }
  if (!hasOffset && typeof timeZone !== 'string') throw invalidEvent(`Missing time zone definition for ${field} time.`, 'required');
  return { dateTime, ...zone };
}

/** The instant an EventTime names; an all-day date is local midnight in its zone or the calendar's. */
export function instantOfTime(time: EventTime, calendarZone: string): number {
  if (time.date !== undefined) {
    const day = parseDate(time.date);
    return day ? instantOf({ ...day, hour: 0, minute: 0, second: 0 }, time.timeZone ?? calendarZone) : 0;
  }
  const text = time.dateTime ?? '';
  if (/(Z|[+-]\d{2}:\d{2})$/i.test(text)) return Date.parse(text);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(text);
  if (!m) return 0;
  return instantOf({ year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +(m[6] ?? 0) }, time.timeZone ?? calendarZone);
}

export function checkSpan(start: EventTime, end: EventTime, calendarZone: string): void {
  if ((start.date === undefined) !== (end.date === undefined)) throw invalidEvent('Start and end times must either both be date or both be dateTime.');
  if (instantOfTime(end, calendarZone) < instantOfTime(start, calendarZone)) throw invalidEvent('The specified time range is empty.', 'timeRangeEmpty');
}

export function readAttendees(value: unknown): Attendee[] {
  if (!Array.isArray(value)) throw invalidEvent('Invalid attendees value.');
  return value.map((item) => {
    const entry = typeof item === 'string' ? { email: item } : item;
    if (!isRecord(entry) || typeof entry.email !== 'string' || !entry.email.includes('@')) throw invalidEvent('Missing or invalid attendee email.', 'required');
    const status = entry.responseStatus ?? 'needsAction';
    if (typeof status !== 'string' || !RESPONSE_STATUSES.includes(status as ResponseStatus)) throw invalidEvent(`Invalid attendee responseStatus: ${String(status)}`);
    const attendee: Attendee = { email: entry.email.trim().toLowerCase(), responseStatus: status as ResponseStatus };
    if (typeof entry.displayName === 'string') attendee.displayName = entry.displayName;
    if (entry.organizer === true) attendee.organizer = true;
    if (entry.optional === true) attendee.optional = true;
    if (typeof entry.comment === 'string') attendee.comment = entry.comment;
    if (typeof entry.additionalGuests === 'number') attendee.additionalGuests = entry.additionalGuests;
    return attendee;
  });
}

export function readStatus(value: unknown): EventStatus {
  if (typeof value !== 'string' || !STATUSES.includes(value as EventStatus)) throw invalidEvent(`Invalid event status: ${String(value)}`);
  return value as EventStatus;
}

export function readRecurrence(value: unknown): string[] {
  if (!Array.isArray(value) || value.some((line) => typeof line !== 'string')) throw invalidEvent('Invalid recurrence value.');
  try {
    parseRecurrence(value as string[]);
  } catch (error) {
    if (error instanceof RecurrenceError) throw invalidEvent(error.message);
    throw error;
  }
  return [...(value as string[])];
}

/** Fields a client cannot write; a patch carrying them has them ignored, as Google does. */
const READ_ONLY = new Set(['kind', 'etag', 'id', 'htmlLink', 'created', 'updated', 'iCalUID', 'creator', 'organizer', 'recurringEventId', 'originalStartTime', 'sequence', 'hangoutLink', 'privateCopy', 'locked']);
const TEXT_FIELDS = ['summary', 'description', 'location'] as const;

/** Applies a partial Event to a copy of `event`; null clears an optional field. Validates as Google does. */
export function applyPatch(event: StoredEvent, patch: unknown, calendarZone: string): StoredEvent {
  if (!isRecord(patch)) throw new GoogleError(400, 'parseError', 'Parse Error');
  const next: StoredEvent = { ...event, extra: { ...event.extra } };
  for (const [key, value] of Object.entries(patch)) {
    if (READ_ONLY.has(key)) continue;
    if ((TEXT_FIELDS as readonly string[]).includes(key)) {
      const field = key as (typeof TEXT_FIELDS)[number];
      if (value === null) delete next[field];
      else if (typeof value === 'string') next[field] = value;
      else throw invalidEvent(`Invalid value for ${key}.`);
    } else if (key === 'start' || key === 'end') {
      next[key] = readEventTime(value, calendarZone, key);
    } else if (key === 'attendees') {
      if (value === null) delete next.attendees;
      else next.attendees = readAttendees(value);
    } else if (key === 'status') {
      next.status = readStatus(value);
    } else if (key === 'recurrence') {
      if (value === null) delete next.recurrence;
      else next.recurrence = readRecurrence(value);
    } else if (value === null) {
      delete next.extra[key];
    } else {
      next.extra[key] = value;
    }
  }
  checkSpan(next.start, next.end, calendarZone);
  if (next.recurrence !== undefined && next.recurringEventId !== undefined) throw invalidEvent('An instance of a series cannot have its own recurrence.');
  return next;
}
