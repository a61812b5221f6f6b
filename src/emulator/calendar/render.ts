import type { StoredEvent, EventTime } from '../state/events.js';
import { instantOfTime } from '../state/events.js';
import { formatInZone } from '../timezone.js';

export interface EventView {
  /** The account reading the event: its attendee entry and organizer get self: true. */
  viewer: string;
  calendarZone: string;
  /** The `timeZone` request parameter: dateTimes are written in it (default: the calendar's zone). */
  outputZone?: string;
}

/** Quoted like Google's: changes whenever the event changes. */
export const etagOf = (event: StoredEvent): string => `"${event.updated * 1000 + (event.changeSeq % 1000)}"`;

const iso = (ms: number): string => new Date(ms).toISOString();

function timeOut(time: EventTime, view: EventView): EventTime {
  if (time.date !== undefined) return { date: time.date };
  const dateTime = formatInZone(instantOfTime(time, view.calendarZone), view.outputZone ?? view.calendarZone);
  return time.timeZone !== undefined ? { dateTime, timeZone: time.timeZone } : { dateTime };
}

function htmlLink(event: StoredEvent): string {
  return `https://www.google.com/calendar/event?eid=${Buffer.from(`${event.id} ${event.calendarId}`).toString('base64url')}`;
}

/** The Event resource as events.get and full listings answer it. */
export function eventResource(event: StoredEvent, view: EventView): Record<string, unknown> {
  const self = (email: string): { self?: true } => (email === view.viewer ? { self: true } : {});
  const resource: Record<string, unknown> = {
    kind: 'calendar#event',
    etag: etagOf(event),
    id: event.id,
    status: event.status,
    htmlLink: htmlLink(event),
    created: iso(event.created),
    updated: iso(event.updated),
  };
  if (event.summary !== undefined) resource.summary = event.summary;
  if (event.description !== undefined) resource.description = event.description;
  if (event.location !== undefined) resource.location = event.location;
  resource.creator = { ...event.creator, ...self(event.creator.email) };
  resource.organizer = { ...event.organizer, ...self(event.organizer.email) };
  resource.start = timeOut(event.start, view);
  resource.end = timeOut(event.end, view);
  if (event.recurrence !== undefined) resource.recurrence = [...event.recurrence];
  if (event.recurringEventId !== undefined) resource.recurringEventId = event.recurringEventId;
  if (event.originalStartTime !== undefined) resource.originalStartTime = timeOut(event.originalStartTime, view);
  resource.iCalUID = event.iCalUID;
  resource.sequence = event.sequence;
  if (event.attendees !== undefined) {
    resource.attendees = event.attendees.map((a) => {
      const { responseStatus, email, ...rest } = a;
      return { email, ...rest, ...self(email), responseStatus };
    });
  }
  Object.assign(resource, { reminders: { useDefault: true }, eventType: 'default' }, event.extra);
  return resource;
}

/** How a cancelled event appears in a listing or incremental sync: only what identifies it. */
export function cancelledResource(event: StoredEvent, view: EventView): Record<string, unknown> {
  const resource: Record<string, unknown> = { kind: 'calendar#event', etag: etagOf(event), id: event.id, status: 'cancelled' };
  if (event.recurringEventId !== undefined) resource.recurringEventId = event.recurringEventId;
  if (event.originalStartTime !== undefined) resource.originalStartTime = timeOut(event.originalStartTime, view);
  return resource;
}
