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

/** Keeps the latest known version of each calendar event, for conflict detection. */
export async function upsertCalendarEvent(db: Kysely<Schema>, userId: string, userEmail: string, data: CalendarData, now: Date) {
  const start = new Date(data.start);
  const end = new Date(data.end);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return;
  const self = data.attendees.find((a) => a.self === true || a.email.toLowerCase() === userEmail);
  const organizedBySelf = data.organizer.toLowerCase() === userEmail;
  const values = {
    summary: data.summary,
    starts_at: start,
    ends_at: end,
    status: data.status,
    self_response: self?.responseStatus ?? (organizedBySelf ? 'accepted' : null),
    updated_at: now,
  };
  await db
    .insertInto('calendar_events')
    .values({ user_id: userId, calendar_id: data.calendarId, event_id: data.eventId, ...values })
    .onConflict((oc) => oc.columns(['user_id', 'calendar_id', 'event_id']).doUpdateSet(values))
    .execute();
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

export async function acceptedEventsOverlapping(
  db: Kysely<Schema>,
  userId: string,
  span: { start: string; end: string },
): Promise<AcceptedEvent[]> {
  const start = new Date(span.start);
  const end = new Date(span.end);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return [];
  const rows = await db
    .selectFrom('calendar_events')
    .select(['event_id', 'summary', 'starts_at', 'ends_at'])
    .where('user_id', '=', userId)
    .where('status', '!=', 'cancelled')
    .where('self_response', '=', 'accepted')
    .where('starts_at', '<', end)
    .where('ends_at', '>', start)
    .orderBy('starts_at')
    .limit(20)
    .execute();
  return rows.map((row) => ({
    eventId: row.event_id,
    summary: row.summary,
    start: row.starts_at.toISOString(),
    end: row.ends_at.toISOString(),
  }));
}

/** The stored span of an event before this signal, or null when it is new to SkyTwin. */
export async function previousEventSpan(
  db: Kysely<Schema>,
  key: { userId: string; calendarId: string; eventId: string },
): Promise<{ start: string; end: string } | null> {
  const row = await db
    .selectFrom('calendar_events')
    .select(['starts_at', 'ends_at'])
    .where('user_id', '=', key.userId)
    .where('calendar_id', '=', key.calendarId)
    .where('event_id', '=', key.eventId)
    .executeTakeFirst();
  return row ? { start: row.starts_at.toISOString(), end: row.ends_at.toISOString() } : null;
}
