import type { Kysely } from 'kysely';
import type { CalendarData, Domain } from '../../domain/index.js';
import type { Schema } from '../schema.js';
import { writeTogether, type WriteStep } from '../write-together.js';

export interface SpendRecord {
  id: string;
  userId: string;
  actionId: string;
  domain: Domain;
  amountCents: number;
  at: Date;
}

/** One row per committed spend; recording the same action twice is a no-op. */
export async function recordSpend(db: Kysely<Schema>, ...spends: SpendRecord[]): Promise<void> {
  await writeTogether(db, spendInsert(db, spends));
}

export function spendInsert(db: Kysely<Schema>, spends: SpendRecord[]): WriteStep[] {
  if (spends.length === 0) return [];
  const query = db
    .insertInto('spend_tracking')
    .values(
      spends.map((spend) => ({
        id: spend.id,
        user_id: spend.userId,
        action_id: spend.actionId,
        domain: spend.domain,
        amount_cents: spend.amountCents,
        spent_at: spend.at,
      })),
    )
    .onConflict((oc) => oc.column('action_id').doNothing())
    .returning('id');
  return [{ name: 'spend_tracking', query }];
}

export interface CalendarEventRow {
  calendarId: string;
  eventId: string;
  summary: string;
  start: Date;
  end: Date;
  status: string;
  selfResponse: string | null;
}

/** The row SkyTwin keeps for a calendar signal, or null when its times are unreadable. */
export function calendarEventRow(userEmail: string, data: CalendarData): CalendarEventRow | null {
  const start = new Date(data.start);
  const end = new Date(data.end);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return null;
  const self = data.attendees.find((a) => a.self === true || a.email.toLowerCase() === userEmail);
  const organizedBySelf = data.organizer.toLowerCase() === userEmail;
  return {
    calendarId: data.calendarId,
    eventId: data.eventId,
    summary: data.summary,
    start,
    end,
    status: data.status,
    selfResponse: self?.responseStatus ?? (organizedBySelf ? 'accepted' : null),
  };
}

/** Keeps the latest known version of each calendar event, for conflict detection. */
export function calendarEventUpsert(db: Kysely<Schema>, userId: string, rows: CalendarEventRow[], now: Date): WriteStep[] {
  const latest = new Map(rows.map((row) => [`${row.calendarId}/${row.eventId}`, row]));
  if (latest.size === 0) return [];
  const query = db
    .insertInto('calendar_events')
    .values(
      [...latest.values()].map((row) => ({
        user_id: userId,
        calendar_id: row.calendarId,
        event_id: row.eventId,
        summary: row.summary,
        starts_at: row.start,
        ends_at: row.end,
        status: row.status,
        self_response: row.selfResponse,
        updated_at: now,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['user_id', 'calendar_id', 'event_id']).doUpdateSet((eb) => ({
        summary: eb.ref('excluded.summary'),
        starts_at: eb.ref('excluded.starts_at'),
        ends_at: eb.ref('excluded.ends_at'),
        status: eb.ref('excluded.status'),
        self_response: eb.ref('excluded.self_response'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returning('event_id');
  return [{ name: 'calendar_events', query }];
}

export async function setCalendarResponse(
  db: Kysely<Schema>,
  key: { userId: string; calendarId: string; eventId: string },
  response: string,
  now: Date,
) {
  await db
    .updateTable('calendar_events')
    .set({ self_response: response, updated_at: now })
    .where('user_id', '=', key.userId)
    .where('calendar_id', '=', key.calendarId)
    .where('event_id', '=', key.eventId)
    .execute();
}


