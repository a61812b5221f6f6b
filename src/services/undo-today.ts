import type { UndoTodayPreview, UndoTodayResult } from '../contract/index.js';
import { startOfLocalDay, undoInWords } from '../domain/index.js';
import { isAppError } from '../errors/index.js';
import { automaticSince, type DecisionLifeRow } from '../store/index.js';
import { lifeOf, undoableOf } from './activity.js';
import type { ServiceDeps } from './deps.js';
import { counterpartOf, headlineOf, phraseOf, senderOf, situationOf } from './decision-words.js';
import { userTimeZone } from './time-zone.js';
import { undoDecision } from './undo.js';

/** The most one preview lists: a day with more automatic actions is undone in several passes. */
export const MAX_UNDO_TODAY = 1000;

async function todays(deps: ServiceDeps, userId: string) {
  const now = deps.clock.now();
  const timeZone = await userTimeZone(deps, userId);
  const since = startOfLocalDay(now, timeZone);
  const rows = await automaticSince(deps.db, userId, since, MAX_UNDO_TODAY);
  return { now, timeZone, since, rows };
}

function whyNot(row: DecisionLifeRow): string {
  const life = lifeOf(row);
  switch (life.state) {
    case 'undone':
      return 'already undone';
    case 'cancelled':
      return 'already cancelled before it ran';
    case 'failed':
      return `it did not run (${life.reason ?? 'it failed'}), so there is nothing to undo`;
    case 'queued':
      return 'it is running right now; try again in a moment';
    default:
      if (row.undoState !== null) return 'an undo is already under way';
      return `${(row.execType ?? 'this action').replace(/_/g, ' ')} cannot be reversed`;
  }
}

/** Everything SkyTwin did on its own since the start of the user's day, and what undoing would do. */
export async function previewUndoToday(deps: ServiceDeps, userId: string): Promise<UndoTodayPreview> {
  const { now, timeZone, since, rows } = await todays(deps, userId);
  const preview: UndoTodayPreview = { timeZone, since: since.toISOString(), items: [], cannot: [] };
  for (const row of rows) {
    const situation = situationOf(row.situation);
    const sender = senderOf(row.fromHeader, counterpartOf(situation));
    const summary = headlineOf(row, phraseOf(row.execType, row.selectedParameters, situation, row.domain), timeZone, now);
    if (undoableOf(row) && row.execId !== null) {
      preview.items.push({
        decisionId: row.id,
        actionId: row.execId,
        sender,
        subject: row.subject,
        summary,
        executedAt: (row.execAt ?? row.createdAt).toISOString(),
        undo: row.execState === 'pending' ? 'Cancel it before it runs' : undoInWords(row.execType ?? ''),
      });
    } else {
      preview.cannot.push({ decisionId: row.id, sender, subject: row.subject, summary, executedAt: row.execAt === null ? null : row.execAt.toISOString(), why: whyNot(row) });
    }
  }
  return preview;
}

/**
 * Undoes the decisions the preview listed, through the same undo as one decision. Only ids that
 * are still in today's undoable set are undone; anything else is reported, never widened to.
 */
export async function runUndoToday(deps: ServiceDeps, userId: string, ids: readonly string[], scopeUserId: string | null): Promise<UndoTodayResult> {
  const { rows } = await todays(deps, userId);
  const undoable = new Map(rows.filter((row) => undoableOf(row)).map((row) => [row.id, row]));
  const known = new Map(rows.map((row) => [row.id, row]));
  const result: UndoTodayResult = { undone: [], failed: [] };
  for (const id of ids) {
    if (!undoable.has(id)) {
      const row = known.get(id);
      result.failed.push({
        decisionId: id,
        code: row === undefined ? 'not_in_preview' : 'not_undoable',
        message: row === undefined ? 'Not among the actions SkyTwin ran on its own today, so it was left alone' : `Left alone: ${whyNot(row)}`,
      });
      continue;
    }
    try {
      result.undone.push(await undoDecision(deps, id, scopeUserId ?? userId));
    } catch (error) {
      if (!isAppError(error)) throw error;
      result.failed.push({ decisionId: id, code: error.code, message: error.message });
    }
  }
  return result;
}
