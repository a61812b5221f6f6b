import type { CalendarApi, GmailApi } from '../google/index.js';
import type { CalendarReader, GmailReader } from './readers.js';

/** The Gmail sync's reader over src/google's client (`new GoogleClient(…).gmail`); messages are read in full. */
export function gmailReaderFrom(gmail: GmailApi): GmailReader {
  return {
    profile: () => gmail.getProfile(),
    listMessages: (params) => gmail.messages.list(params),
    getMessage: (id) => gmail.messages.get(id, { format: 'full' }),
    listHistory: (params) => gmail.history.list(params),
  };
}

/** The Calendar sync's reader over src/google's client (`new GoogleClient(…).calendar`). */
export function calendarReaderFrom(calendar: CalendarApi): CalendarReader {
  return { listEvents: (calendarId, params) => calendar.events.list(calendarId, params) };
}
