import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { AnsweredDecision, Domain, FeedbackKind, Urgency } from '../../domain/index.js';
import type { Schema } from '../schema.js';

/** The feedback kinds that are the user answering a decision (a restated preference is not). */
export const ANSWER_KINDS: readonly FeedbackKind[] = ['approve', 'reject', 'edit', 'undo', 'confirm', 'correct'];

/** What identifies the state a user's temporal profile was derived from: their newest answer and zone. */
export interface AnswerMark {
  newestAnswerId: string | null;
  quietTimeZone: string | null;
}

/** The id of the user's newest answer, as a subquery of a statement that reads users. */
export function newestAnswerId(eb: ExpressionBuilder<Schema, 'users'>, userId: string) {
  return eb
    .selectFrom('feedback_events')
    .select('feedback_events.id')
    .where('feedback_events.user_id', '=', userId)
    .where('feedback_events.kind', 'in', ANSWER_KINDS)
    .orderBy('feedback_events.created_at', 'desc')
    .orderBy('feedback_events.id', 'desc')
    .limit(1)
    .as('newest_answer_id');
}

/** One indexed probe: the user's newest answer and quiet-hours zone. Null: no such user. */
export async function answerMark(db: Kysely<Schema>, userId: string): Promise<AnswerMark | null> {
  const row = await db
    .selectFrom('users')
    .where('users.id', '=', userId)
    .select((eb) => [
      eb.selectFrom('user_settings').select('quiet_time_zone').where('user_settings.user_id', '=', userId).as('quiet_time_zone'),
      newestAnswerId(eb, userId),
    ])
    .executeTakeFirst();
  return row ? { newestAnswerId: row.newest_answer_id ?? null, quietTimeZone: row.quiet_time_zone ?? null } : null;
}

/**
 * The user's most recent answers, newest first, with when SkyTwin asked: the approval request's
 * creation, or the decision's for undo, confirm and correct. `answerId` of the first is the mark.
 */
export async function recentAnswers(db: Kysely<Schema>, userId: string, limit: number): Promise<(AnsweredDecision & { answerId: string })[]> {
  // The newest answers are picked first and only they are joined: joined before the limit, every
  // answer the user ever gave was joined to its decision (9,009 of them, 470 ms, for a busy user
  // of a million-decision database, whose embedded database has no statistics to plan by).
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('feedback_events')
        .select(['feedback_events.id', 'feedback_events.decision_id', 'feedback_events.kind', 'feedback_events.created_at'])
        .where('feedback_events.user_id', '=', userId)
        .where('feedback_events.kind', 'in', ANSWER_KINDS)
        .where('feedback_events.decision_id', 'is not', null)
        .orderBy('feedback_events.created_at', 'desc')
        .orderBy('feedback_events.id', 'desc')
        .limit(limit)
        .as('answers'),
    )
    .innerJoin('decisions', 'decisions.id', 'answers.decision_id')
    .leftJoin('approval_requests', 'approval_requests.decision_id', 'answers.decision_id')
    .select([
      'answers.id as answer_id',
      'answers.decision_id',
      'answers.kind',
      'answers.created_at as answered_at',
      'decisions.domain',
      'decisions.created_at as decided_at',
      'approval_requests.urgency',
      'approval_requests.created_at as asked_at',
      sql<string | null>`decisions.situation->>'urgency'`.as('situation_urgency'),
    ])
    .orderBy('answers.created_at', 'desc')
    .orderBy('answers.id', 'desc')
    .execute();
  return rows.map((row) => {
    const answered = row.kind === 'approve' || row.kind === 'reject' || row.kind === 'edit';
    return {
      answerId: row.answer_id,
      decisionId: row.decision_id ?? '',
      kind: row.kind as FeedbackKind,
      domain: row.domain as Domain,
      urgency: (row.urgency ?? row.situation_urgency ?? 'normal') as Urgency,
      askedAt: answered && row.asked_at ? row.asked_at : row.decided_at,
      answeredAt: row.answered_at,
    };
  });
}

/** Users who answered anything since `since`: one indexed probe per user. */
export async function usersAnsweringSince(db: Kysely<Schema>, since: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('users.id')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('feedback_events')
          .select('feedback_events.id')
          .whereRef('feedback_events.user_id', '=', 'users.id')
          .where('feedback_events.created_at', '>', since)
          .where('feedback_events.kind', 'in', ANSWER_KINDS),
      ),
    )
    .orderBy('users.id')
    .execute();
  return rows.map((row) => row.id);
}

/** The user's recent decisions whose time the temporal profile changed (a held action, a later expiry). */
export async function timingEffects(
  db: Kysely<Schema>,
  userId: string,
  limit: number,
): Promise<{ decisionId: string; createdAt: string; code: string; message: string }[]> {
  const rows = await db
    .selectFrom('decisions')
    .select(['id', 'created_at', 'reasons'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.flatMap((row) => {
    const reasons = Array.isArray(row.reasons) ? (row.reasons as { code?: unknown; message?: unknown }[]) : [];
    return reasons
      .filter((reason) => reason.code === 'active_hours_deferred' || reason.code === 'active_hours_expiry')
      .map((reason) => ({ decisionId: row.id, createdAt: row.created_at.toISOString(), code: String(reason.code), message: String(reason.message) }));
  });
}
