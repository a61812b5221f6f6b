import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from '../schema.js';

/**
 * Where each decision stands now, worked out in SQL from the rows that record it (the newest
 * execute and undo actions, the approval request, shadow feedback), so the Activity list can
 * filter on it and page by cursor. One expression, used by the list and the single-decision view.
 */
export interface DecisionLifeRow {
  id: string;
  userId: string;
  signalId: string;
  source: string;
  externalId: string;
  domain: string;
  situationKind: string;
  situation: unknown;
  outcome: string;
  tier: string;
  reasons: unknown;
  createdAt: Date;
  fromHeader: string | null;
  subject: string | null;
  snippet: string | null;
  decidedSummary: string;
  lifeState: string;
  lifeAt: Date | null;
  lifeDetail: string | null;
  execId: string | null;
  execState: string | null;
  execType: string | null;
  execReversibility: string | null;
  execAuthorizedBy: string | null;
  execAt: Date | null;
  undoState: string | null;
  feedbackKind: string | null;
  feedbackPayload: unknown;
  selectedType: string | null;
  selectedParameters: unknown;
}

export interface DecisionFilter {
  outcome?: string;
  domain?: string;
  situation?: string;
  state?: string;
  /** Case-insensitive substring of the sender (name or address) or subject. */
  q?: string;
}

/** How many of a user's decisions one filtered page examines at most, newest first: a bounded scan. */
export const FILTER_WINDOW = 5000;

const LIFE_STATE = sql<string>`CASE
  WHEN ex.state = 'cancelled' THEN 'cancelled'
  WHEN un.state = 'succeeded' THEN 'undone'
  WHEN ex.state = 'succeeded' THEN 'executed'
  WHEN ex.state IN ('failed', 'unknown') THEN 'failed'
  WHEN ex.state IS NOT NULL THEN 'queued'
  WHEN ar.status = 'pending' THEN 'pending'
  WHEN ar.status = 'rejected' THEN 'rejected'
  WHEN ar.status = 'expired' THEN 'expired'
  WHEN d.outcome = 'shadow' THEN 'shadow'
  ELSE 'nothing' END`;

const LIFE_AT = sql<Date | null>`CASE
  WHEN ex.state = 'cancelled' THEN ex.updated_at
  WHEN un.state = 'succeeded' THEN un.updated_at
  WHEN ex.state IN ('succeeded', 'failed', 'unknown') THEN ex.updated_at
  WHEN ex.state IS NOT NULL THEN ex.not_before
  WHEN ar.status = 'rejected' THEN ar.responded_at
  WHEN ar.status = 'expired' THEN ar.expires_at
  ELSE NULL END`;

const LIFE_DETAIL = sql<string | null>`CASE
  WHEN ex.state IN ('failed', 'unknown') THEN ex.error
  WHEN ex.state = 'succeeded' AND un.state IN ('failed', 'unknown') THEN un.error
  WHEN ar.status = 'rejected' THEN ar.response->>'reason'
  WHEN ar.status = 'expired' THEN ar.response->>'withdrawn'
  ELSE NULL END`;

function base(where: RawBuilder<unknown>) {
  return sql`
    SELECT * FROM (
      SELECT d.id, d.user_id, d.signal_id, s.source, s.external_id, d.domain, d.situation_kind, d.situation, d.outcome, d.tier,
        d.reasons, d.created_at, d.counterpart,
        s.data->>'from' AS from_header,
        COALESCE(s.data->>'subject', s.data->>'summary') AS subject,
        s.data->>'snippet' AS snippet,
        e.summary AS decided_summary,
        ${LIFE_STATE} AS life_state, ${LIFE_AT} AS life_at, ${LIFE_DETAIL} AS life_detail,
        ex.id AS exec_id, ex.state AS exec_state, ex.action_type AS exec_type, ex.reversibility AS exec_reversibility,
        ex.authorized_by AS exec_authorized_by, ex.updated_at AS exec_at,
        un.state AS undo_state,
        fb.kind AS feedback_kind, fb.payload AS feedback_payload,
        ca.action_type AS selected_type, ca.parameters AS selected_parameters
      FROM decisions d
      JOIN signals s ON s.id = d.signal_id
      JOIN explanations e ON e.decision_id = d.id
      LEFT JOIN approval_requests ar ON ar.decision_id = d.id
      LEFT JOIN candidate_actions ca ON ca.decision_id = d.id AND ca.position = d.selected_position
      LEFT JOIN LATERAL (
        SELECT a.id, a.state, a.action_type, a.reversibility, a.authorized_by, a.updated_at, a.not_before, a.error FROM actions a
        WHERE a.decision_id = d.id AND a.kind = 'execute' ORDER BY a.created_at DESC, a.id DESC LIMIT 1) ex ON true
      LEFT JOIN LATERAL (
        SELECT a.state, a.error, a.updated_at FROM actions a
        WHERE a.decision_id = d.id AND a.kind = 'undo' ORDER BY a.created_at DESC, a.id DESC LIMIT 1) un ON true
      LEFT JOIN LATERAL (
        SELECT f.kind, f.payload FROM feedback_events f
        WHERE f.decision_id = d.id AND f.kind IN ('confirm', 'correct') ORDER BY f.created_at LIMIT 1) fb ON true
      WHERE ${where}
    ) t`;
}

type RawRow = Record<string, unknown>;

function toRow(row: RawRow): DecisionLifeRow {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const date = (value: unknown) => (value === null || value === undefined ? null : value instanceof Date ? value : new Date(String(value)));
  return {
    id: String(row.id),
    userId: String(row.user_id),
    signalId: String(row.signal_id),
    source: String(row.source),
    externalId: String(row.external_id),
    domain: String(row.domain),
    situationKind: String(row.situation_kind),
    situation: row.situation,
    outcome: String(row.outcome),
    tier: String(row.tier),
    reasons: row.reasons,
    createdAt: date(row.created_at) ?? new Date(0),
    fromHeader: text(row.from_header),
    subject: text(row.subject),
    snippet: text(row.snippet),
    decidedSummary: String(row.decided_summary ?? ''),
    lifeState: String(row.life_state),
    lifeAt: date(row.life_at),
    lifeDetail: text(row.life_detail),
    execId: text(row.exec_id),
    execState: text(row.exec_state),
    execType: text(row.exec_type),
    execReversibility: text(row.exec_reversibility),
    execAuthorizedBy: text(row.exec_authorized_by),
    execAt: date(row.exec_at),
    undoState: text(row.undo_state),
    feedbackKind: text(row.feedback_kind),
    feedbackPayload: row.feedback_payload,
    selectedType: text(row.selected_type),
    selectedParameters: row.selected_parameters,
  };
}

export async function readDecisionLife(db: Kysely<Schema>, id: string): Promise<DecisionLifeRow | null> {
  const result = await sql<RawRow>`${base(sql`d.id = ${id}`)}`.execute(db);
  const row = result.rows[0];
  return row === undefined ? null : toRow(row);
}

type Position = { createdAt: Date; id: string };

function before(position: Position | null) {
  if (position === null) return sql`true`;
  return sql`(d.created_at < ${position.createdAt} OR (d.created_at = ${position.createdAt} AND d.id < ${position.id}))`;
}

function likePattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A page of a user's decisions, newest first. With filters, one page examines at most
 * FILTER_WINDOW decisions below the cursor; `scannedTo` is then where the next page resumes
 * (when that window held fewer matches than a page),
 * so a rare match deep in the past costs several short requests, never one long one.
 */
export async function listDecisionLives(
  db: Kysely<Schema>,
  query: { userId: string; limit: number; before: Position | null; filter: DecisionFilter },
): Promise<{ rows: DecisionLifeRow[]; more: boolean; scannedTo: Position | null }> {
  const { filter } = query;
  const filtered = Object.values(filter).some((value) => value !== undefined);
  let floor: Position | null = null;
  if (filtered) {
    const found = await sql<{ created_at: Date; id: string }>`
      SELECT d.created_at, d.id FROM decisions d WHERE d.user_id = ${query.userId} AND ${before(query.before)}
      ORDER BY d.created_at DESC, d.id DESC OFFSET ${FILTER_WINDOW - 1} LIMIT 1`.execute(db);
    const row = found.rows[0];
    if (row !== undefined) floor = { createdAt: row.created_at instanceof Date ? row.created_at : new Date(String(row.created_at)), id: row.id };
  }
  const conditions: RawBuilder<unknown>[] = [sql`d.user_id = ${query.userId}`, before(query.before)];
  if (floor !== null) conditions.push(sql`(d.created_at > ${floor.createdAt} OR (d.created_at = ${floor.createdAt} AND d.id >= ${floor.id}))`);
  if (filter.outcome !== undefined) conditions.push(sql`d.outcome = ${filter.outcome}`);
  if (filter.domain !== undefined) conditions.push(sql`d.domain = ${filter.domain}`);
  if (filter.situation !== undefined) conditions.push(sql`d.situation_kind = ${filter.situation}`);
  if (filter.q !== undefined) {
    const pattern = likePattern(filter.q);
    conditions.push(
      sql`(lower(COALESCE(s.data->>'from', '')) LIKE ${pattern} OR lower(COALESCE(d.counterpart, '')) LIKE ${pattern} OR lower(COALESCE(s.data->>'subject', s.data->>'summary', '')) LIKE ${pattern})`,
    );
  }
  const where = sql.join(conditions, sql` AND `);
  const stateFilter = filter.state === undefined ? sql`` : sql`WHERE t.life_state = ${filter.state}`;
  // One more than the page: `more` only when there is a next item.
  const result = await sql<RawRow>`${base(where)} ${stateFilter} ORDER BY t.created_at DESC, t.id DESC LIMIT ${query.limit + 1}`.execute(db);
  const rows = result.rows.slice(0, query.limit).map(toRow);
  const more = result.rows.length > query.limit;
  return { rows, more, scannedTo: more ? null : floor };
}

/**
 * The actions SkyTwin ran on its own (policy-authorized) for a user since `since`, with where each
 * decision stands now: the undo-today preview's input. Bounded: at most `limit` decisions.
 */
export async function automaticSince(db: Kysely<Schema>, userId: string, since: Date, limit: number): Promise<DecisionLifeRow[]> {
  return executedSince(db, userId, since, limit, { automaticOnly: true });
}

/**
 * The decisions whose action SkyTwin ran or queued since `since` (on its own, or, unless
 * `automaticOnly`, on the user's approval), with where each stands now. At most `limit`, newest first.
 */
export async function executedSince(db: Kysely<Schema>, userId: string, since: Date, limit: number, options: { automaticOnly: boolean }): Promise<DecisionLifeRow[]> {
  const authorized = options.automaticOnly ? sql` AND a.authorized_by = 'policy'` : sql``;
  const where = sql`d.user_id = ${userId} AND d.id IN (
    SELECT a.decision_id FROM actions a
    WHERE a.user_id = ${userId} AND a.updated_at >= ${since} AND a.kind = 'execute'${authorized})`;
  const result = await sql<RawRow>`${base(where)} ORDER BY t.created_at DESC, t.id DESC LIMIT ${limit}`.execute(db);
  return result.rows.map(toRow);
}
