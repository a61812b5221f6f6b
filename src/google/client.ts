import { calendarApi, type CalendarApi } from './calendar.js';
import { gmailApi, type GmailApi } from './gmail.js';
import { GoogleTransport, type TransportOptions } from './transport.js';

export type GoogleClientOptions = TransportOptions;

/**
 * Gmail v1 and Calendar v3 for one Google account. `apiBaseUrl` is https://www.googleapis.com in
 * production and the emulator's address in tests and the demo.
 */
export class GoogleClient {
  readonly gmail: GmailApi;
  readonly calendar: CalendarApi;

  constructor(options: GoogleClientOptions) {
    const transport = new GoogleTransport(options);
    this.gmail = gmailApi(transport);
    this.calendar = calendarApi(transport);
  }
}
