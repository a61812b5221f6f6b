import { sql, type Kysely } from 'kysely';
import type { AcceptedEvent, CalendarData, Domain, SenderHistory } from '../../domain/index.js';
import { DOMAINS } from '../../domain/index.js';
import type { Schema } from '../schema.js';
import { toInt } from './parse.js';

/** What the interpreter may know of each counterpart: earlier signals and the times the user engaged. */
export async function senderHistories(
  db: Kysely<Schema>,
  userId: string,
  counterparts: string[],
): Promise<Map<string, SenderHistory>> {
  const unique = [...new Set(counterparts)];
  const histories = new Map<string, SenderHistory>(unique.map((c) => [c, { seenCount: 0, repliedCount: 0 }]));
  if (unique.length === 0) return histories;
  const seen = await db
    .selectFrom('decisions')
    .select(['counterpart', sql<string>`count(*)`.as('n')])
    .where('user_id', '=', userId)
    .where('counterpart', 'in', unique)
    .groupBy('counterpart')
    .execute();
  for (const row of seen) {
    const history = row.counterpart === null ? undefined : histories.get(row.counterpart);
    if (history) history.seenCount = toInt(row.n);
  }
  const replied = await db
    .selectFrom('actions')
    .innerJoin('decisions', 'decisions.id', 'actions.decision_id')
    .select(['decisions.counterpart', sql<string>`count(*)`.as('n')])
    .where('actions.user_id', '=', userId)
    .where('decisions.counterpart', 'in', unique)
    .where('actions.kind', '=', 'execute')
    .where('actions.state', '=', 'succeeded')
    .where('actions.action_type', 'in', ['draft_reply', 'rsvp'])
    .groupBy('decisions.counterpart')
    .execute();
  for (const row of replied) {
    const history = row.counterpart === null ? undefined : histories.get(row.counterpart);
    if (history) history.repliedCount = toInt(row.n);
  }
  return histories;
}

/** Actions run or queued per domain: the policy's "first 10 actions in a new domain" rule counts these. */
export async function executedInDomain(db: Kysely<Schema>, userId: string): Promise<Record<Domain, number>> {
  const rows = await db
    .selectFrom('actions')
    .select(['domain', sql<string>`count(*)`.as('n')])
    .where('user_id', '=', userId)
    .where('kind', '=', 'execute')
    .where('state', 'in', ['pending', 'running', 'succeeded'])
    .where('action_type', 'not in', ['do_nothing', 'flag_for_review'])
    .groupBy('domain')
    .execute();
  const counts = Object.fromEntries(DOMAINS.map((domain) => [domain, 0])) as Record<Domain, number>;
  for (const row of rows) {
    if ((DOMAINS as readonly string[]).includes(row.domain)) counts[row.domain as Domain] = toInt(row.n);
  }
  return counts;
}

/** Rolling 24-hour spend before `now`, exact integer cents. */
export async function spentLast24h(db: Kysely<Schema>, userId: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - 24 * 3_600_000);
  const row = await db
    .selectFrom('spend_tracking')
    .select(sql<string | null>`sum(amount_cents)`.as('total'))
    .where('user_id', '=', userId)
    .where('spent_at', '>', since)
    .where('spent_at', '<=', now)
    .executeTakeFirstOrThrow();
  return toInt(row.total);
}

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
  if (spends.length === 0) return;
  await db
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
    .execute();
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

/** Keeps the latest known version of each calendar event, for conflict detection; one statement. */
export async function upsertCalendarEvents(db: Kysely<Schema>, userId: string, rows: CalendarEventRow[], now: Date) {
  const latest = new Map(rows.map((row) => [`${row.calendarId}/${row.eventId}`, row]));
  if (latest.size === 0) return;
  await db
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
    .execute();
}

/**
 * What a batch of calendar signals needs from the store, in one query: the stored versions of
 * these events, and the user's accepted events overlapping the batch's time span.
 */
export async function calendarEventsFor(
  db: Kysely<Schema>,
  userId: string,
  query: { eventIds: string[]; from: Date; to: Date },
): Promise<CalendarEventRow[]> {
  if (query.eventIds.length === 0) return [];
  const rows = await db
    .selectFrom('calendar_events')
    .select(['calendar_id', 'event_id', 'summary', 'starts_at', 'ends_at', 'status', 'self_response'])
    .where('user_id', '=', userId)
    .where((eb) =>
      eb.or([
        eb('event_id', 'in', query.eventIds),
        eb.and([
          eb('self_response', '=', 'accepted'),
          eb('status', '!=', 'cancelled'),
          eb('starts_at', '<', query.to),
          eb('ends_at', '>', query.from),
        ]),
      ]),
    )
    .execute();
  return rows.map((row) => ({
    calendarId: row.calendar_id,
    eventId: row.event_id,
    summary: row.summary,
    start: row.starts_at,
    end: row.ends_at,
    status: row.status,
    selfResponse: row.self_response,
  }));
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


