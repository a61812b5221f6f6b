// Approvals, the home view: what waits for the person, most urgent first, newest first within,
// paged with the total in view (never a silent cap), patched in place by live updates.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApprovalItem, ApprovalList } from '../../../src/contract/index.js';
import { approve, editAndApprove, listApprovals, PAGE_SIZE, reject, undo } from '../actions.js';
import { ApprovalRow, type RowMode } from '../components/approval-row.js';
import { BulkGroups } from '../components/bulk-panel.js';
import { NotificationsButton, notifyUrgent } from '../components/notifications.js';
import { Empty, ErrorNote, errorText, Loading } from '../components/states.js';
import { capitalize, irreversible, plural, senderName } from '../format.js';
import { displayOrder, groupByUrgency, mergeById, nextSelection } from '../group.js';
import { useAnchoredRow } from '../anchor.js';
import { useKeyCommands } from '../keyboard.js';
import { onLive } from '../live.js';
import { linkClick, navigate, requestSearchFocus } from '../router.js';
import { dismiss, showToast } from '../toast.js';
import { stepSelection, useListSelection } from '../selection.js';

type Data = Omit<ApprovalList, 'approvals'> & { items: ApprovalItem[] };

const LIVE_KINDS = new Set(['decisions.created', 'approval.answered', 'approval.expired', 'action.state', 'reset']);

export function ApprovalsView({ userId, focusId }: { userId: string; focusId?: string }) {
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const { selectedId, setSelectedId, expandedId, setExpandedId } = useListSelection(focusId);
  const [mode, setMode] = useState<{ id: string; mode: RowMode } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const lastUndo = useRef<(() => void) | null>(null);
  const known = useRef<Set<string> | null>(null);
  const loaded = useRef(0);

  // Live patches keep the selected row where it is on screen (see anchor.ts); held in a ref so
  // refresh, created once per user, always reaches the current selection.
  const anchored = useAnchoredRow(selectedId, data);
  const anchor = useRef(anchored);
  anchor.current = anchored;

  const refresh = useCallback(
    async (fromLive = false) => {
      try {
        const limit = Math.min(200, Math.max(PAGE_SIZE, loaded.current));
        const list = await listApprovals(userId, { limit });
        loaded.current = list.approvals.length;
        if (fromLive && known.current) notifyUrgent(list.approvals.filter((item) => !known.current?.has(item.id)));
        known.current = new Set(list.approvals.map((item) => item.id));
        if (fromLive) anchor.current.hold();
        setData({ ...list, items: list.approvals });
        setHidden((current) => new Set([...current].filter((id) => known.current?.has(id))));
        setError(null);
      } catch (cause) {
        setError(cause);
      }
    },
    [userId],
  );

  useEffect(() => {
    setData(null);
    known.current = null;
    loaded.current = 0;
    void refresh();
    return onLive((event) => {
      if (LIVE_KINDS.has(event.type)) void refresh(true);
    });
  }, [refresh]);

  const loadMore = async () => {
    if (!data?.nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await listApprovals(userId, { cursor: data.nextCursor });
      loaded.current += page.approvals.length;
      for (const item of page.approvals) known.current?.add(item.id);
      setData({ ...data, items: mergeById(data.items, page.approvals), nextCursor: page.nextCursor, total: page.total, counts: page.counts });
    } catch (cause) {
      showToast(errorText(cause), { tone: 'error' });
    } finally {
      setLoadingMore(false);
    }
  };

  const visible = useMemo(() => (data ? data.items.filter((item) => !hidden.has(item.id)) : []), [data, hidden]);
  const sections = useMemo(() => groupByUrgency(visible), [visible]);
  const order = useMemo(() => displayOrder(sections), [sections]);
  const selected = order.find((item) => item.id === selectedId) ?? null;

  useEffect(() => {
    if (!selected && order.length > 0 && selectedId === null) setSelectedId(order[0]?.id ?? null);
  }, [order, selected, selectedId]);

  const modeOf = (id: string): RowMode => (mode?.id === id ? mode.mode : 'idle');

  /** Takes the row out at once and selects the next; puts it back if the API refuses. */
  const answer = async (item: ApprovalItem, run: () => Promise<unknown>, done: (result: unknown) => void) => {
    setBusyId(item.id);
    setHidden((current) => new Set(current).add(item.id));
    setSelectedId(nextSelection(order, item.id, selectedId));
    setMode(null);
    try {
      const result = await run();
      done(result);
      void refresh();
    } catch (cause) {
      setHidden((current) => {
        const next = new Set(current);
        next.delete(item.id);
        return next;
      });
      setSelectedId(item.id);
      showToast(`${senderName(item.sender)}: ${errorText(cause)}`, { tone: 'error' });
    } finally {
      setBusyId(null);
    }
  };

  const undoable = (item: ApprovalItem) => !irreversible(item.action);
  const offerUndo = (item: ApprovalItem, text: string) => {
    if (!undoable(item)) {
      lastUndo.current = null;
      showToast(text);
      return;
    }
    let toastId = 0;
    let done = false;
    const run = async () => {
      // Once only, from the notice's button or the u key: the notice goes with it.
      if (done) return;
      done = true;
      dismiss(toastId);
      lastUndo.current = null;
      try {
        await undo(item.decisionId);
        showToast(`Undone: ${item.proposal}`);
      } catch (cause) {
        showToast(`Could not undo: ${errorText(cause)}`, { tone: 'error' });
      }
    };
    lastUndo.current = () => void run();
    toastId = showToast(text, { undo: run });
  };

  const doApprove = (item: ApprovalItem, options: { always?: boolean; confirmed?: boolean }) => {
    if (irreversible(item.action) && !options.confirmed) {
      setSelectedId(item.id);
      setMode({ id: item.id, mode: 'confirming' });
      return;
    }
    void answer(
      item,
      () => approve(item.id, options.always ?? false),
      (result) => {
        const words = (result as { preference?: { words?: string } | null }).preference?.words;
        offerUndo(item, words ? `Approved. ${capitalize(words)}` : `Approved: ${item.proposal}`);
      },
    );
  };
  const doReject = (item: ApprovalItem, reason: string) =>
    void answer(
      item,
      () => reject(item.id, reason),
      () => {
        lastUndo.current = null;
        showToast(`Rejected: ${item.proposal}. Nothing was done.`);
      },
    );
  const doEdit = (item: ApprovalItem, body: string) =>
    void answer(
      item,
      () => editAndApprove(item.id, { body }),
      () => offerUndo(item, `Approved your edited draft for ${senderName(item.sender)}`),
    );

  const move = (step: 1 | -1) => {
    const next = stepSelection(order, selectedId, step);
    if (next !== null) setSelectedId(next);
  };
  useKeyCommands({
    next: () => move(1),
    previous: () => move(-1),
    open: () => selected && setExpandedId(expandedId === selected.id ? null : selected.id),
    close: () => (mode ? setMode(null) : setExpandedId(null)),
    approve: () => selected && doApprove(selected, {}),
    reject: () => selected && setMode({ id: selected.id, mode: 'rejecting' }),
    edit: () => {
      if (!selected?.draft) return;
      setExpandedId(selected.id);
      setMode({ id: selected.id, mode: 'editing' });
    },
    undo: () => lastUndo.current?.(),
    search: () => {
      requestSearchFocus();
      navigate('/activity');
    },
  });

  if (error && !data) return <ErrorNote error={error} retry={() => void refresh()} />;
  if (!data) return <Loading what="approvals" />;

  const waiting = Math.max(0, data.total - hidden.size);
  const urgent = (data.counts?.critical ?? 0) + (data.counts?.high ?? 0);
  return (
    <section class="view" aria-labelledby="approvals-title">
      <div class="toolbar">
        <h1 id="approvals-title" class="grow">
          Approvals
        </h1>
        <NotificationsButton />
      </div>
      {error ? <ErrorNote error={error} retry={() => void refresh()} /> : null}
      <p class="summary-line">
        {waiting === 0 ? 'Nothing waits for you.' : `${plural(waiting, 'item')} waiting for you${urgent > 0 ? `, ${urgent} urgent or soon` : ''}.`}
      </p>
      <BulkGroups
        userId={userId}
        groups={data.groups ?? []}
        onDone={(ids) => {
          setHidden((current) => new Set([...current, ...ids]));
          void refresh();
        }}
      />
      {visible.length === 0 ? (
        <Empty title="You are all caught up">
          SkyTwin will put anything that needs your say here.{' '}
          <a href="/activity" onClick={linkClick}>
            See what SkyTwin did
          </a>
          .
        </Empty>
      ) : (
        sections.map((section) => (
          <section key={section.urgency} aria-label={section.label}>
            <h2 class="section-title">
              {section.label} ({section.items.length})
            </h2>
            <ul class="list">
              {section.items.map((item) => (
                <li key={item.id}>
                  <ApprovalRow
                    item={item}
                    selected={item.id === selectedId}
                    expanded={item.id === expandedId}
                    mode={modeOf(item.id)}
                    busy={busyId === item.id}
                    handlers={{
                      onSelect: () => setSelectedId(item.id),
                      onToggle: () => setExpandedId(expandedId === item.id ? null : item.id),
                      onMode: (next) => setMode(next === 'idle' ? null : { id: item.id, mode: next }),
                      onApprove: (options) => doApprove(item, options),
                      onReject: (reason) => doReject(item, reason),
                      onEdit: (body) => doEdit(item, body),
                    }}
                  />
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      <div class="more">
        <span>
          Showing {visible.length} of {waiting}
        </span>
        {data.nextCursor ? (
          <button type="button" disabled={loadingMore} onClick={() => void loadMore()}>
            {loadingMore ? 'Loading…' : 'Load more'}
          </button>
        ) : null}
      </div>
    </section>
  );
}
