import { calendarApi, type CalendarApi } from './calendar.js';
import { gmailApi, type GmailApi } from './gmail.js';
import type { RetryCarry } from '../resilience/index.js';
import { GoogleTransport, type TransportOptions } from './transport.js';

export type GoogleClientOptions = TransportOptions;

/**
 * Gmail v1 and Calendar v3 for one Google account. `apiBaseUrl` is https://www.googleapis.com in
 * production and the emulator's address in tests and the demo.
 */
export class GoogleClient {
  readonly gmail: GmailApi;
  readonly calendar: CalendarApi;
  private readonly transport: GoogleTransport;

  constructor(options: GoogleClientOptions) {
    this.transport = new GoogleTransport(options);
    this.gmail = gmailApi(this.transport);
    this.calendar = calendarApi(this.transport);
  }

  /** Continues a deferred operation's retry count on its next failure (see `deferRetriesOverMs`); null starts afresh. */
  resumeRetries(carry: RetryCarry | null): void {
    this.transport.resumeRetries(carry);
  }
}
