import type { Kysely } from 'kysely';
import type { AcceptedEvent, CalendarData, Signal } from '../domain/index.js';
import { calendarEventRow, calendarEventUpsert, type CalendarEventRow, type Schema, type WriteStep } from '../store/index.js';

const MAX_CONFLICTS = 20;
const key = (calendarId: string, eventId: string) => `${calendarId}/${eventId}`;

/**
 * The user's calendar as a batch of signals sees it: read once, kept current in memory as each
 * event is decided (a later invitation conflicts with an earlier one of the same batch), and
 * written back in one statement.
 */
export class CalendarState {
  private readonly events = new Map<string, CalendarEventRow>();
  private readonly changed: CalendarEventRow[] = [];

  private constructor(private readonly userEmail: string) {}

  /** What to read for a batch: its events' stored versions and accepted events across its span; null: no calendar signals. */
  static queryFor(signals: Signal[]): { calendarIds: string[]; eventIds: string[]; from: Date; to: Date } | null {
    const calendar = signals.flatMap((s) => (s.source === 'calendar' ? [s.data] : []));
    if (calendar.length === 0) return null;
    const eventIds = calendar.map((data) => data.eventId);
    // The span of an event does not depend on whose calendar it is; only the response does.
    const spans = calendar.map((data) => calendarEventRow('', data)).filter((row): row is CalendarEventRow => row !== null);
    const from = new Date(Math.min(...spans.map((row) => row.start.getTime()), Date.UTC(9999, 0)));
    const to = new Date(Math.max(...spans.map((row) => row.end.getTime()), 0));
    return { calendarIds: [...new Set(calendar.map((data) => data.calendarId))], eventIds: [...new Set(eventIds)], from, to };
  }

  /** The state over the rows `queryFor` described. */
  static from(userEmail: string, rows: readonly CalendarEventRow[]): CalendarState {
    const state = new CalendarState(userEmail);
    for (const row of rows) state.events.set(key(row.calendarId, row.eventId), row);
    return state;
  }

  /** The span of the version of this event seen before, or null when it is new. */
  previousSpan(data: CalendarData): { start: string; end: string } | null {
    const row = this.events.get(key(data.calendarId, data.eventId));
    return row ? { start: row.start.toISOString(), end: row.end.toISOString() } : null;
  }

  /** Accepted, not cancelled events overlapping this one's span (half-open intervals). */
  acceptedOverlapping(data: CalendarData): AcceptedEvent[] {
    const span = calendarEventRow(this.userEmail, data);
    if (!span) return [];
    return [...this.events.values()]
      .filter((row) => row.selfResponse === 'accepted' && row.status !== 'cancelled')
      .filter((row) => row.start < span.end && row.end > span.start)
      .sort((a, b) => a.start.getTime() - b.start.getTime())
      .slice(0, MAX_CONFLICTS)
      .map((row) => ({ eventId: row.eventId, summary: row.summary, start: row.start.toISOString(), end: row.end.toISOString() }));
  }

  /** Records this version of the event for the rest of the batch and for the write-back. */
  apply(data: CalendarData): void {
    const row = calendarEventRow(this.userEmail, data);
    if (!row) return;
    this.events.set(key(row.calendarId, row.eventId), row);
    this.changed.push(row);
  }

  /** The write-back of every event version the batch saw. */
  writes(db: Kysely<Schema>, userId: string, now: Date): WriteStep[] {
    return calendarEventUpsert(db, userId, this.changed, now);
  }
}
