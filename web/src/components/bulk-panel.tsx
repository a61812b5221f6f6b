// "Approve all 7: archive 7 newsletters": first the list of exactly what will be approved, then one
// button approves those and nothing else (items arriving meanwhile are not swept in).
import { useState } from 'preact/hooks';
import type { ApprovalGroup, ApprovalItem } from '../../../src/contract/index.js';
import { bulkApprove, listApprovals } from '../actions.js';
import { plural, senderName } from '../format.js';
import { showToast } from '../toast.js';
import { errorText } from './states.js';

/** The largest groups show at once; the rest one click away, so the list itself stays in view. */
const FIRST_GROUPS = 2;

type Phase = { kind: 'closed' } | { kind: 'loading' } | { kind: 'preview'; items: ApprovalItem[] } | { kind: 'running'; items: ApprovalItem[] } | { kind: 'error'; error: unknown };

export function BulkGroups({ userId, groups, onDone }: { userId: string; groups: readonly ApprovalGroup[]; onDone: (approvedIds: string[]) => void }) {
  const [all, setAll] = useState(false);
  const usable = groups.filter((group) => group.count >= 2);
  if (usable.length === 0) return null;
  const shown = all ? usable : usable.slice(0, FIRST_GROUPS);
  return (
    <section class="bulk" aria-label="Similar items">
      <h2 class="section-title">Similar items</h2>
      {shown.map((group) => (
        <BulkGroup key={group.key} userId={userId} group={group} onDone={onDone} />
      ))}
      {usable.length > FIRST_GROUPS ? (
        <button type="button" class="quiet" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? 'Show fewer groups' : `Show ${usable.length - FIRST_GROUPS} more ${usable.length - FIRST_GROUPS === 1 ? 'group' : 'groups'}`}
        </button>
      ) : null}
    </section>
  );
}

function BulkGroup({ userId, group, onDone }: { userId: string; group: ApprovalGroup; onDone: (approvedIds: string[]) => void }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'closed' });
  const open = async () => {
    setPhase({ kind: 'loading' });
    try {
      const list = await listApprovals(userId, { group: group.key, limit: 200 });
      setPhase({ kind: 'preview', items: list.approvals });
    } catch (error) {
      setPhase({ kind: 'error', error });
    }
  };
  const run = async (items: ApprovalItem[]) => {
    setPhase({ kind: 'running', items });
    try {
      const result = await bulkApprove(
        userId,
        items.map((item) => item.id),
      );
      setPhase({ kind: 'closed' });
      onDone(result.approved.map((entry) => entry.approvalId));
      const failed = result.failed.length > 0 ? `; ${plural(result.failed.length, 'item')} could not be approved (${result.failed[0]?.message ?? ''})` : '';
      showToast(`Approved ${plural(result.approved.length, 'item')}: ${group.label}${failed}`, { tone: result.failed.length > 0 ? 'error' : 'info' });
    } catch (error) {
      setPhase({ kind: 'error', error });
    }
  };
  if (phase.kind === 'closed' || phase.kind === 'loading')
    return (
      <div class="actions">
        <button type="button" disabled={phase.kind === 'loading'} onClick={() => void open()} aria-expanded="false">
          {`Approve all ${group.count}: ${group.label}…`}
        </button>
      </div>
    );
  if (phase.kind === 'error')
    return (
      <div class="inline-error" role="alert">
        {errorText(phase.error)}{' '}
        <button type="button" onClick={() => setPhase({ kind: 'closed' })}>
          Close
        </button>
      </div>
    );
  const items = phase.items;
  return (
    <div>
      <p>{`SkyTwin will ${group.label}:`}</p>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            {senderName(item.sender)} · {item.subject ?? '(no subject)'} — {item.proposal}
          </li>
        ))}
      </ul>
      <div class="actions">
        <button type="button" class="primary" disabled={phase.kind === 'running' || items.length === 0} onClick={() => void run(items)}>
          {`Approve all ${items.length} now`}
        </button>
        <button type="button" onClick={() => setPhase({ kind: 'closed' })}>
          Cancel
        </button>
      </div>
    </div>
  );
}
