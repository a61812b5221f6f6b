import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from '../schema.js';
import { toInt } from './parse.js';

/**
 * The approvals inbox: one query for a page of requests with everything a row shows (message,
 * proposal, risk, the reasons it asks), one for totals per urgency, one for the similar groups.
 */
export interface InboxRow {
  id: string;
  userId: string;
  decisionId: string;
  status: string;
  urgency: string;
  expiresAt: Date;
  respondedAt: Date | null;
  response: unknown;
  createdAt: Date;
  domain: string;
  situationKind: string;
  situation: unknown;
  outcomeReasons: unknown;
  fromHeader: string | null;
  subject: string | null;
  snippet: string | null;
  decidedSummary: string;
  actionType: string | null;
  actionDomain: string | null;
  parameters: unknown;
  reversibility: string | null;
  estimatedCostCents: number;
  risk: unknown;
  verdictReasons: unknown;
  groupKey: string;
}

/** Kinds that are alike whoever sent them (archive 7 newsletters); other kinds group per sender domain. */
export const KIND_WIDE_GROUPS = ['newsletter', 'promotion', 'notification', 'receipt'] as const;

/**
 * The similar-items key: what would be done (with the RSVP answer or label), to what kind of
 * item, and for person-to-person kinds from which domain. Kept in SQL so a group filters and counts
 * in the database; parsed back by `parseGroupKey`.
 */
const GROUP_KEY = sql<string>`concat_ws('|', ca.action_type,
  COALESCE(ca.parameters->>'response', ca.parameters->>'label', ''),
  d.situation_kind,
  CASE WHEN d.situation_kind IN (${sql.join(KIND_WIDE_GROUPS.map((k) => sql`${k}`))}) THEN '' ELSE COALESCE(split_part(d.counterpart, '@', 2), '') END)`;

export function parseGroupKey(key: string): { action: string; detail: string; kind: string; domain: string } | null {
  const parts = key.split('|');
  if (parts.length !== 4) return null;
  const [action = '', detail = '', kind = '', domain = ''] = parts;
  return { action, detail, kind, domain };
}

export interface InboxQuery {
  userId: string;
  /** null: every status. */
  status: string | null;
  group: string | null;
  ids?: readonly string[];
}

function conditions(query: InboxQuery): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`ar.user_id = ${query.userId}`];
  if (query.status !== null) parts.push(sql`ar.status = ${query.status}`);
  if (query.group !== null) parts.push(sql`${GROUP_KEY} = ${query.group}`);
  if (query.ids !== undefined) parts.push(query.ids.length === 0 ? sql`false` : sql`ar.id IN (${sql.join(query.ids.map((id) => sql`${id}`))})`);
  return sql.join(parts, sql` AND `);
}

const FROM = sql`FROM approval_requests ar
  JOIN decisions d ON d.id = ar.decision_id
  JOIN signals s ON s.id = d.signal_id
  JOIN explanations e ON e.decision_id = d.id
  LEFT JOIN candidate_actions ca ON ca.id = ar.candidate_id
  LEFT JOIN policy_verdicts pv ON pv.candidate_id = ar.candidate_id`;

/** Most urgent first, newest first within an urgency. */
export const URGENCY_RANK = sql<number>`CASE ar.urgency WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END`;

export interface InboxPosition {
  rank: number;
  createdAt: Date;
  id: string;
}

export async function listInbox(
  db: Kysely<Schema>,
  query: InboxQuery & { limit: number; after: InboxPosition | null; offset: number },
): Promise<InboxRow[]> {
  const after = query.after;
  const position =
    after === null
      ? sql`true`
      : sql`(${URGENCY_RANK} > ${after.rank} OR (${URGENCY_RANK} = ${after.rank} AND (ar.created_at < ${after.createdAt} OR (ar.created_at = ${after.createdAt} AND ar.id < ${after.id}))))`;
  const result = await sql<Record<string, unknown>>`
    SELECT ar.id, ar.user_id, ar.decision_id, ar.status, ar.urgency, ar.expires_at, ar.responded_at, ar.response, ar.created_at,
      d.domain, d.situation_kind, d.situation, d.reasons AS outcome_reasons,
      s.data->>'from' AS from_header, COALESCE(s.data->>'subject', s.data->>'summary') AS subject, s.data->>'snippet' AS snippet,
      e.summary AS decided_summary,
      ca.action_type, ca.domain AS action_domain, ca.parameters, ca.reversibility, ca.estimated_cost_cents, ca.risk,
      pv.reasons AS verdict_reasons,
      ${GROUP_KEY} AS group_key
    ${FROM}
    WHERE ${conditions(query)} AND ${position}
    ORDER BY ${URGENCY_RANK}, ar.created_at DESC, ar.id DESC
    LIMIT ${query.limit} OFFSET ${query.offset}`.execute(db);
  return result.rows.map((row) => ({
    id: String(row.id),
    userId: String(row.user_id),
    decisionId: String(row.decision_id),
    status: String(row.status),
    urgency: String(row.urgency),
    expiresAt: asDate(row.expires_at),
    respondedAt: row.responded_at === null ? null : asDate(row.responded_at),
    response: row.response ?? null,
    createdAt: asDate(row.created_at),
    domain: String(row.domain),
    situationKind: String(row.situation_kind),
    situation: row.situation,
    outcomeReasons: row.outcome_reasons,
    fromHeader: textOf(row.from_header),
    subject: textOf(row.subject),
    snippet: textOf(row.snippet),
    decidedSummary: String(row.decided_summary ?? ''),
    actionType: textOf(row.action_type),
    actionDomain: textOf(row.action_domain),
    parameters: row.parameters ?? {},
    reversibility: textOf(row.reversibility),
    estimatedCostCents: toInt(row.estimated_cost_cents as string | number | null),
    risk: row.risk,
    verdictReasons: row.verdict_reasons ?? [],
    groupKey: String(row.group_key),
  }));
}

/** How many requests match, per urgency. */
export async function countInbox(db: Kysely<Schema>, query: InboxQuery): Promise<Record<string, number>> {
  const result = await sql<{ urgency: string; n: string | number }>`
    SELECT ar.urgency, count(*) AS n ${FROM} WHERE ${conditions(query)} GROUP BY ar.urgency`.execute(db);
  return Object.fromEntries(result.rows.map((row) => [row.urgency, toInt(row.n)]));
}

/** Groups of at least two similar requests, largest first (at most `limit`). */
export async function inboxGroups(db: Kysely<Schema>, query: InboxQuery, limit: number): Promise<{ key: string; count: number }[]> {
  const result = await sql<{ key: string; n: string | number }>`
    SELECT ${GROUP_KEY} AS key, count(*) AS n ${FROM}
    WHERE ${conditions(query)} AND ca.action_type IS NOT NULL AND ca.action_type <> 'do_nothing'
    GROUP BY 1 HAVING count(*) >= 2 ORDER BY 2 DESC, 1 LIMIT ${limit}`.execute(db);
  return result.rows.map((row) => ({ key: row.key, count: toInt(row.n) }));
}

function asDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
