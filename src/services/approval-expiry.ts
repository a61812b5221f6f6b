import { expireDueApprovals, inTransaction } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { announceUserEvents, recordUserEvents } from './user-events.js';

/** The sweeper's step: approvals past their time expire, each with a live event in the same transaction. */
export async function expireApprovalsNow(deps: ServiceDeps): Promise<number> {
  const expired = await inTransaction(deps.db, async (trx) => {
    const rows = await expireDueApprovals(trx, deps.clock.now());
    await recordUserEvents(
      trx,
      rows.map((row) => ({ userId: row.userId, kind: 'approval.expired', payload: { approvalId: row.id, decisionId: row.decisionId, state: 'expired' } })),
    );
    return rows;
  });
  announceUserEvents(deps, expired.map((row) => row.userId));
  return expired.length;
}
