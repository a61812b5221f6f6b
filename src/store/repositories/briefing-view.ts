import { sql, type Kysely } from 'kysely';
import type { Schema } from '../schema.js';
import { toInt } from './parse.js';

/** What the briefing reads: pending approvals oldest first, the day's meetings. Each read bounded. */
export interface WaitingRow {
  id: string;
  decisionId: string;
  urgency: string;
  createdAt: Date;
  expiresAt: Date;
  domain: string;
  situation: unknown;
  fromHeader: string | null;
  subject: string | null;
  actionType: string | null;
  parameters: unknown;
}

const date = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The user's pending approvals not yet past their expiry, oldest first, at most `limit`, and how many there are. */
export async function waitingApprovals(db: Kysely<Schema>, userId: string, now: Date, limit: number): Promise<{ rows: WaitingRow[]; total: number }> {
  const result = await sql<Record<string, unknown>>`
    SELECT ar.id, ar.decision_id, ar.urgency, ar.created_at, ar.expires_at, d.domain, d.situation,
      s.data->>'from' AS from_header, COALESCE(s.data->>'subject', s.data->>'summary') AS subject,
      ca.action_type, ca.parameters
    FROM approval_requests ar
    JOIN decisions d ON d.id = ar.decision_id
    JOIN signals s ON s.id = d.signal_id
    LEFT JOIN candidate_actions ca ON ca.id = ar.candidate_id
    WHERE ar.user_id = ${userId} AND ar.status = 'pending' AND ar.expires_at > ${now}
    ORDER BY ar.created_at, ar.id
    LIMIT ${limit}`.execute(db);
  const rows = result.rows.map((row) => ({
    id: String(row.id),
    decisionId: String(row.decision_id),
    urgency: String(row.urgency),
    createdAt: date(row.created_at),
    expiresAt: date(row.expires_at),
    domain: String(row.domain),
    situation: row.situation,
    fromHeader: text(row.from_header),
    subject: text(row.subject),
    actionType: text(row.action_type),
    parameters: row.parameters,
  }));
  if (rows.length < limit) return { rows, total: rows.length };
  const counted = await db
    .selectFrom('approval_requests')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return { rows, total: toInt(counted?.n ?? 0) };
}

export interface MeetingRow {
  calendarId: string;
  eventId: string;
  summary: string;
  start: Date;
  end: Date;
  response: string | null;
}

/** Events that are not cancelled and overlap [from, to), in start order, at most `limit`. */
export async function meetingsBetween(db: Kysely<Schema>, userId: string, from: Date, to: Date, limit: number): Promise<MeetingRow[]> {
  const rows = await db
    .selectFrom('calendar_events')
    .select(['calendar_id', 'event_id', 'summary', 'starts_at', 'ends_at', 'self_response'])
    .where('user_id', '=', userId)
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .where('status', '<>', 'cancelled')
    .orderBy('starts_at')
    .orderBy('event_id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    calendarId: row.calendar_id,
    eventId: row.event_id,
    summary: row.summary,
    start: date(row.starts_at),
    end: date(row.ends_at),
    response: row.self_response,
  }));
}
