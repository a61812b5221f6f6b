// Calendar v3 resources as they arrive on the wire (events.list). A cancelled event in an
// incremental sync may carry little more than `id` and `status`.

export interface CalendarEventTime {
  /** All-day events: YYYY-MM-DD (the end date is exclusive). */
  date?: string;
  /** Timed events: RFC 3339 with an offset. */
  dateTime?: string;
  timeZone?: string;
}

export interface CalendarEventPerson {
  id?: string;
  email?: string;
  displayName?: string;
  self?: boolean;
}

export interface CalendarEventAttendee extends CalendarEventPerson {
  organizer?: boolean;
  resource?: boolean;
  optional?: boolean;
  responseStatus?: string;
  comment?: string;
  additionalGuests?: number;
}

export interface CalendarEvent {
  kind?: string;
  etag?: string;
  id?: string;
  status?: string;
  htmlLink?: string;
  created?: string;
  updated?: string;
  summary?: string;
  description?: string;
  location?: string;
  creator?: CalendarEventPerson;
  organizer?: CalendarEventPerson;
  start?: CalendarEventTime;
  end?: CalendarEventTime;
  endTimeUnspecified?: boolean;
  recurrence?: string[];
  recurringEventId?: string;
  originalStartTime?: CalendarEventTime;
  transparency?: string;
  visibility?: string;
  iCalUID?: string;
  sequence?: number;
  attendees?: CalendarEventAttendee[];
  eventType?: string;
}

export interface CalendarEventList {
  items?: CalendarEvent[];
  nextPageToken?: string;
  nextSyncToken?: string;
  updated?: string;
  timeZone?: string;
}
