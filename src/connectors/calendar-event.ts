import { createHash } from 'node:crypto';
import { isSignalTime, type CalendarAttendee, type CalendarData, type CalendarSignal } from '../domain/index.js';
import type { CalendarEvent, CalendarEventAttendee, CalendarEventTime } from './calendar-wire.js';
import { assertUserId, UnusableItemError } from './errors.js';
import { CALENDAR_LIMITS, instantToRfc3339 } from './limits.js';
import { cap, oneLine } from './text.js';

export interface CalendarConversionOptions {
  /** Used for `occurredAt` only when the event has neither `updated` nor `created`. */
  now?: Date;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RESPONSES = new Set(['needsAction', 'accepted', 'declined', 'tentative']);
const STATUSES = new Set(['confirmed', 'tentative', 'cancelled']);

interface EventTime {
  value: string;
  allDay: boolean;
}

/** A dateTime with its offset as Google wrote it, or a date; anything else normalised to UTC or null. */
function readTime(time: CalendarEventTime | undefined): EventTime | null {
  if (!time || typeof time !== 'object') return null;
  if (typeof time.dateTime === 'string') {
    const value = time.dateTime.trim();
    if (RFC3339.test(value) && isSignalTime(Date.parse(value))) return { value, allDay: false };
    const normalized = instantToRfc3339(Date.parse(value));
    if (normalized !== null) return { value: normalized, allDay: false };
  }
  if (typeof time.date === 'string' && DATE.test(time.date.trim()) && isSignalTime(Date.parse(time.date.trim()))) {
    return { value: time.date.trim(), allDay: true };
  }
  return null;
}

function nextDay(date: string): string {
  return new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10);
}

function instantOf(value: string | undefined): string | null {
  return typeof value === 'string' ? instantToRfc3339(Date.parse(value)) : null;
}

/**
 * The event's span. Cancelled events in an incremental sync usually carry no start or end; then
 * the span is taken from `originalStartTime` (recurring instances), else it is the zero-length
 * span at `occurredAt`. `timesFrom` in the data says which fallback was used.
 */
function spanOf(event: CalendarEvent, occurredAt: string): { start: EventTime; end: EventTime; timesFrom: string | null } {
  const start = readTime(event.start);
  const end = readTime(event.end);
  if (start && end) return { start, end, timesFrom: null };
  if (start) return { start, end: start.allDay ? { value: nextDay(start.value), allDay: true } : start, timesFrom: 'start' };
  const original = readTime(event.originalStartTime);
  if (original) return { start: original, end: original.allDay ? { value: nextDay(original.value), allDay: true } : original, timesFrom: 'originalStartTime' };
  const at = { value: occurredAt, allDay: false };
  return { start: at, end: at, timesFrom: 'occurredAt' };
}

function emailOf(value: unknown): string {
  const email = typeof value === 'string' ? oneLine(value) : '';
  return email.length <= CALENDAR_LIMITS.email ? email : '';
}

function attendeesOf(event: CalendarEvent, selfEmail: string): CalendarAttendee[] {
  if (!Array.isArray(event.attendees)) return [];
  const self = selfEmail.trim().toLowerCase();
  const result: CalendarAttendee[] = [];
  for (const attendee of event.attendees as (CalendarEventAttendee | null)[]) {
    if (!attendee || typeof attendee !== 'object') continue;
    const email = emailOf(attendee.email) || (attendee.self === true ? emailOf(selfEmail) : '');
    if (email === '') continue;
    const entry: CalendarAttendee = { email, self: attendee.self === true || (self !== '' && email.toLowerCase() === self) };
    if (typeof attendee.responseStatus === 'string' && RESPONSES.has(attendee.responseStatus)) {
      entry.responseStatus = attendee.responseStatus as CalendarAttendee['responseStatus'];
    }
    if (attendee.organizer === true) entry['organizer'] = true;
    if (attendee.optional === true) entry['optional'] = true;
    result.push(entry);
    if (result.length === CALENDAR_LIMITS.attendees) break;
  }
  return result;
}

/** Identifies this version of the event: its sequence and when it was last changed (or its etag). */
function versionOf(event: CalendarEvent): string {
  const sequence = typeof event.sequence === 'number' && Number.isFinite(event.sequence) ? Math.trunc(event.sequence) : 0;
  const updated = typeof event.updated === 'string' ? Date.parse(event.updated) : Number.NaN;
  if (!Number.isNaN(updated)) return `${sequence}-${updated}`;
  if (typeof event.etag === 'string' && event.etag !== '') return `${sequence}-e${createHash('sha256').update(event.etag).digest('hex').slice(0, 16)}`;
  return `${sequence}-${event.status === 'cancelled' ? 'cancelled' : 'unversioned'}`;
}

function externalIdOf(calendarId: string, eventId: string, version: string): string {
  const id = `${calendarId}/${eventId}@${version}`;
  if (id.length <= CALENDAR_LIMITS.externalId) return id;
  // Stable, and still unique per calendar, event and version.
  return `sha256:${createHash('sha256').update(id).digest('hex')}@${version}`;
}

/**
 * One Calendar event (as events.list returns it) as a `calendar.event` signal, one signal per
 * version of the event: `externalId` is `${calendarId}/${eventId}@${sequence}-${updated epoch ms}`.
 * `occurredAt` is when the event was last changed. Only an event without a usable id throws
 * UnusableItemError; the output always passes the ingest API's validation.
 */
export function calendarEventToSignal(
  userId: string,
  calendarId: string,
  event: CalendarEvent,
  selfEmail: string,
  options: CalendarConversionOptions = {},
): CalendarSignal {
  assertUserId(userId);
  if (calendarId === '' || calendarId.length > CALENDAR_LIMITS.id) throw new TypeError('calendarId must have 1 to 1024 characters');
  const eventId = typeof event?.id === 'string' ? event.id.trim() : '';
  if (eventId === '' || eventId.length > CALENDAR_LIMITS.id) {
    throw new UnusableItemError('calendar_event', eventId || null, eventId === '' ? 'the event has no id' : 'the event id is too long');
  }
  const occurredAt = instantOf(event.updated) ?? instantOf(event.created) ?? new Date(options.now?.getTime() ?? Date.now()).toISOString();
  const span = spanOf(event, occurredAt);
  const status = typeof event.status === 'string' && STATUSES.has(event.status) ? (event.status as CalendarData['status']) : 'confirmed';
  const organizer = emailOf(event.organizer?.email) || (event.organizer?.self === true ? emailOf(selfEmail) : '');
  const recurring = typeof event.recurringEventId === 'string' && event.recurringEventId !== '' ? cap(event.recurringEventId, CALENDAR_LIMITS.id) : null;

  const data: CalendarData = {
    eventId,
    calendarId,
    status,
    summary: cap(oneLine(typeof event.summary === 'string' ? event.summary : ''), CALENDAR_LIMITS.summary),
    start: span.start.value,
    end: span.end.value,
    allDay: span.start.allDay,
    organizer,
    recurringEventId: recurring,
    attendees: attendeesOf(event, selfEmail),
  };
  if (span.timesFrom !== null) data['timesFrom'] = span.timesFrom;
  return {
    userId,
    source: 'calendar',
    externalId: externalIdOf(calendarId, eventId, versionOf(event)),
    type: 'calendar.event',
    occurredAt,
    data,
  };
}
