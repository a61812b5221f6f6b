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
import { api, seg } from './api.js';
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

export const undo = (decisionId: string) => api.post<UndoResult>(`/api/decisions/${seg(decisionId)}/undo`, {});
export const confirmShadow = (decisionId: string) => api.post<FeedbackResult>(`/api/decisions/${seg(decisionId)}/feedback`, { kind: 'confirm' });
export const correctShadow = (decisionId: string, action: string) => api.post<FeedbackResult>(`/api/decisions/${seg(decisionId)}/feedback`, { kind: 'correct', action });
export const undoTodayPreview = (userId: string) => api.get<UndoTodayPreview>(`/api/users/${seg(userId)}/undo-today`);
export const undoToday = (userId: string, ids: string[]) => api.post<UndoTodayResult>(`/api/users/${seg(userId)}/undo-today`, { ids });
