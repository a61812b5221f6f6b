import { GoogleError } from '../errors.js';
import { isTimeZone } from '../timezone.js';
import {
  checkSpan,
  readAttendees,
  readEventTime,
  readRecurrence,
  readStatus,
  RESPONSE_STATUSES,
  type Attendee,
  type EventStatus,
  type EventTime,
  type Person,
  type ResponseStatus,
  type StoredEvent,
} from './events.js';

/** An event to seed, as the control API takes it. Strings are accepted for start/end and people. */
export interface EventInput {
  calendarId?: string;
  id?: string;
  summary?: string;
  description?: string;
  location?: string;
  /** "2026-11-25" (all-day), "2026-11-25T10:00:00+01:00", or Google's {dateTime, timeZone} / {date}. */
  start: string | EventTime;
  end: string | EventTime;
  /** Zone for the start/end (default: the calendar's). */
  timeZone?: string;
  /** Default: the account itself. */
  organizer?: string | Person;
  attendees?: (string | { email: string; responseStatus?: ResponseStatus; displayName?: string; optional?: boolean })[];
  /** Puts the account on the guest list with this response (e.g. needsAction for an invitation). */
  selfResponse?: ResponseStatus;
  /** RRULE lines, e.g. ["RRULE:FREQ=WEEKLY;COUNT=6"]. */
  recurrence?: string[];
  status?: EventStatus;
  /** Other Event fields to keep and echo (transparency, visibility, colorId, reminders, …). */
  extra?: Record<string, unknown>;
}

const person = (value: string | Person | undefined, fallback: string): Person => {
  if (value === undefined) return { email: fallback };
  if (typeof value === 'string') {
    const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value);
    return m && m[2] ? { email: m[2].toLowerCase(), ...(m[1] ? { displayName: m[1] } : {}) } : { email: value.trim().toLowerCase() };
  }
  if (typeof value.email !== 'string') throw new GoogleError(400, 'invalid', 'organizer.email is required');
  return { ...value, email: value.email.toLowerCase() };
};

/** Builds a stored event from control input: the organizer joins the guest list as Google adds them. */
export function eventFromInput(
  input: EventInput,
  context: { account: string; calendarId: string; calendarZone: string; id: string; now: number },
): Omit<StoredEvent, 'changeSeq'> {
  if (typeof input !== 'object' || input === null) throw new GoogleError(400, 'invalid', 'an event object is required');
  if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) throw new GoogleError(400, 'invalid', `Invalid time zone: ${input.timeZone}`);
  const zone = input.timeZone ?? context.calendarZone;
  const start = readEventTime(input.start, zone, 'start');
  const end = readEventTime(input.end, zone, 'end');
  checkSpan(start, end, context.calendarZone);
  const organizer = person(input.organizer, context.account);
  let attendees: Attendee[] | undefined = input.attendees !== undefined ? readAttendees(input.attendees) : undefined;
  if (input.selfResponse !== undefined) {
    if (!RESPONSE_STATUSES.includes(input.selfResponse)) throw new GoogleError(400, 'invalid', `Invalid selfResponse: ${String(input.selfResponse)}`);
    attendees = attendees ?? [];
    const self = attendees.find((a) => a.email === context.account);
    if (self) self.responseStatus = input.selfResponse;
    else attendees.push({ email: context.account, responseStatus: input.selfResponse });
  }
  if (attendees !== undefined && attendees.length > 0) {
    const host = attendees.find((a) => a.email === organizer.email);
    if (host) host.organizer = true;
    else attendees.unshift({ email: organizer.email, organizer: true, responseStatus: 'accepted', ...(organizer.displayName ? { displayName: organizer.displayName } : {}) });
  }
  const event: Omit<StoredEvent, 'changeSeq'> = {
    id: input.id ?? context.id,
    calendarId: context.calendarId,
    status: input.status !== undefined ? readStatus(input.status) : 'confirmed',
    start,
    end,
    creator: organizer,
    organizer,
    extra: { ...(input.extra ?? {}) },
    created: context.now,
    updated: context.now,
    sequence: 0,
    iCalUID: `${input.id ?? context.id}@google.com`,
  };
  if (input.id !== undefined && !/^[a-v0-9]{5,1024}$/.test(input.id)) throw new GoogleError(400, 'invalid', 'Invalid resource id value.');
  if (input.summary !== undefined) event.summary = input.summary;
  if (input.description !== undefined) event.description = input.description;
  if (input.location !== undefined) event.location = input.location;
  if (attendees !== undefined) event.attendees = attendees;
  if (input.recurrence !== undefined) event.recurrence = readRecurrence(input.recurrence);
  return event;
}
