// What the dashboard's buttons ask the API to do, typed by the contract.
import type {
  ApprovalAnswerResult,
  ApprovalList,
  BulkApproveResult,
  DecisionList,
  FeedbackResult,
  UndoResult,
  UndoTodayPreview,
  UndoTodayResult,
} from '../../src/contract/index.js';
import { api, isApiError, seg } from './api.js';
import { onLive } from './live.js';
import { normalizeApprovalList, normalizeDecisionList } from './normalize.js';

export const PAGE_SIZE = 50;

export async function listApprovals(userId: string, query: { cursor?: string | null; limit?: number; group?: string } = {}): Promise<ApprovalList> {
  const raw = await api.get<unknown>(`/api/users/${seg(userId)}/approvals`, { status: 'pending', limit: query.limit ?? PAGE_SIZE, cursor: query.cursor, group: query.group });
  return normalizeApprovalList(raw);
}

export const approve = (id: string, always = false) => api.post<ApprovalAnswerResult>(`/api/approvals/${seg(id)}/approve`, always ? { always: true } : {});
export const reject = (id: string, reason: string) => api.post<ApprovalAnswerResult>(`/api/approvals/${seg(id)}/reject`, reason.trim() ? { reason: reason.trim() } : {});
export const editAndApprove = (id: string, parameters: Record<string, unknown>) => api.post<ApprovalAnswerResult>(`/api/approvals/${seg(id)}/edit`, { parameters });
export const bulkApprove = (userId: string, ids: string[]) => api.post<BulkApproveResult>(`/api/users/${seg(userId)}/approvals/bulk-approve`, { ids });

export interface DecisionFilters {
  outcome?: string;
  domain?: string;
  situation?: string;
  state?: string;
  q?: string;
}

export async function listDecisions(userId: string, filters: DecisionFilters, cursor: string | null, signal?: AbortSignal): Promise<DecisionList> {
  return normalizeDecisionList(await api.get<unknown>(`/api/users/${seg(userId)}/decisions`, { limit: PAGE_SIZE, cursor, ...filters }, signal));
}

const undoOnce = (decisionId: string) => api.post<UndoResult>(`/api/decisions/${seg(decisionId)}/undo`, {});

/** How long an Undo waits for an action that is running right now to finish. */
const UNDO_WAIT_MS = 15_000;

/**
 * Undoes a decision's action. An action caught while it runs cannot be undone yet (409
 * not_undoable_now): wait until the stream says its state changed (or a short while, if the
 * stream is down) and ask again, so Undo pressed right after Approve still works.
 */
export async function undo(decisionId: string): Promise<UndoResult> {
  const deadline = Date.now() + UNDO_WAIT_MS;
  for (;;) {
    try {
      return await undoOnce(decisionId);
    } catch (error) {
      if (!isApiError(error) || error.code !== 'not_undoable_now' || !/running/.test(error.message) || Date.now() > deadline) throw error;
      await nextActionState(decisionId, 2_000);
    }
  }
}

function nextActionState(decisionId: string, fallbackMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      off();
      resolve();
    };
    const timer = setTimeout(done, fallbackMs);
    const off = onLive((event) => {
      if (event.type === 'action.state' && (event.data.decisionId === undefined || event.data.decisionId === decisionId)) done();
    });
  });
}
export const confirmShadow = (decisionId: string) => api.post<FeedbackResult>(`/api/decisions/${seg(decisionId)}/feedback`, { kind: 'confirm' });
export const correctShadow = (decisionId: string, action: string) => api.post<FeedbackResult>(`/api/decisions/${seg(decisionId)}/feedback`, { kind: 'correct', action });
export const undoTodayPreview = (userId: string) => api.get<UndoTodayPreview>(`/api/users/${seg(userId)}/undo-today`);
export const undoToday = (userId: string, ids: string[]) => api.post<UndoTodayResult>(`/api/users/${seg(userId)}/undo-today`, { ids });
