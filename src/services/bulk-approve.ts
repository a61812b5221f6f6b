import type { BulkApproveResult } from '../contract/index.js';
import { isAppError } from '../errors/index.js';
import { listInbox } from '../store/index.js';
import { answerApprovalRequest } from './approvals.js';
import type { ServiceDeps } from './deps.js';
import { expireApprovalsNow } from './approval-expiry.js';

/** The most one bulk approval answers: a group larger than this is approved in several calls. */
export const MAX_BULK = 500;

/**
 * Approves every pending request of one similar-items group, or the listed ids, each through the
 * same path as a single approval (its own transaction), and says which could not be and why.
 */
export async function bulkApprove(
  deps: ServiceDeps,
  userId: string,
  target: { group: string } | { ids: string[] },
  scopeUserId: string | null,
): Promise<BulkApproveResult> {
  await expireApprovalsNow(deps);
  const ids =
    'group' in target
      ? (await listInbox(deps.db, { userId, status: 'pending', group: target.group, limit: MAX_BULK, after: null, offset: 0 })).map((row) => row.id)
      : target.ids;
  const result: BulkApproveResult = { approved: [], failed: [] };
  for (const id of ids) {
    try {
      const answer = await answerApprovalRequest(deps, id, { kind: 'approve' }, scopeUserId ?? userId);
      result.approved.push({ approvalId: answer.approvalId, decisionId: answer.decisionId, actionId: answer.actionId });
    } catch (error) {
      if (!isAppError(error)) throw error;
      result.failed.push({ approvalId: id, code: error.code, message: error.message });
    }
  }
  return result;
}
