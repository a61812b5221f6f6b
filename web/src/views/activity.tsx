// Activity: every decision with its current life, filterable and searchable (the filters live in the
// address), Undo where it still applies, confirm or correct what SkyTwin only watched.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DecisionListItem } from '../../../src/contract/index.js';
import { confirmShadow, correctShadow, listDecisions, undo } from '../actions.js';
import { DecisionDetail, DecisionRow } from '../components/decision-row.js';
import { Empty, ErrorNote, errorText, Loading } from '../components/states.js';
import { UndoToday } from '../components/undo-today.js';
import { capitalize, senderName, words } from '../format.js';
import { mergeById } from '../group.js';
import { useAnchoredRow } from '../anchor.js';
import { useKeyCommands } from '../keyboard.js';
import { DOMAIN_CHOICES, filtersFromSearch, OUTCOME_CHOICES, searchFromFilters, STATE_CHOICES, type FilterKey, type Filters } from '../life.js';
import { onLive } from '../live.js';
import { takeSearchFocus } from '../router.js';
import { decisionPath } from '../routes.js';
import { showToast } from '../toast.js';
import { stepSelection, useListSelection } from '../selection.js';

const SEARCH_DELAY_MS = 250;
/** The stream's events that change what this list shows (not settings, twin or sync). */
const LIVE_KINDS = new Set(['decisions.created', 'approval.answered', 'approval.expired', 'action.state', 'reset']);

export function ActivityView({ userId, focusId }: { userId: string; focusId?: string }) {
  const [filters, setFilters] = useState<Filters>(() => filtersFromSearch(location.search));
  const [query, setQuery] = useState(filters.q ?? '');
  const [items, setItems] = useState<DecisionListItem[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const { selectedId, setSelectedId, expandedId, setExpandedId } = useListSelection(focusId);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [situations, setSituations] = useState<Map<string, string>>(new Map());
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (takeSearchFocus()) search.current?.focus();
  }, []);

  // The filters go into the address without a new history entry per keystroke.
  useEffect(() => {
    const path = `${focusId ? decisionPath(focusId) : '/activity'}${searchFromFilters(filters)}`;
    if (path !== location.pathname + location.search) history.replaceState(null, '', path);
  }, [filters, focusId]);

  // Typing searches after a short pause rather than on every key.
  useEffect(() => {
    const timer = setTimeout(() => setFilters((current) => ((current.q ?? '') === query.trim() ? current : { ...current, q: query.trim() })), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const remember = (list: readonly DecisionListItem[]) =>
    setSituations((current) => {
      const next = new Map(current);
      for (const item of list) if (item.situation && !next.has(item.situation)) next.set(item.situation, capitalize(words(item.situation)));
      return next.size === current.size ? current : next;
    });

  // Live patches keep the selected row where it is on screen (see anchor.ts).
  const anchored = useAnchoredRow(selectedId, items);
  const anchor = useRef(anchored);
  anchor.current = anchored;

  const refresh = useCallback(
    async (signal?: AbortSignal, fromLive = false) => {
      try {
        const page = await listDecisions(userId, filters, null, signal);
        if (fromLive) anchor.current.hold();
        setItems(page.decisions);
        setNextCursor(page.nextCursor);
        remember(page.decisions);
        setError(null);
      } catch (cause) {
        if (cause instanceof DOMException && cause.name === 'AbortError') return;
        setError(cause);
      }
    },
    [userId, filters],
  );

  useEffect(() => {
    const abort = new AbortController();
    setItems(null);
    void refresh(abort.signal);
    const off = onLive((event) => {
      if (LIVE_KINDS.has(event.type)) void refresh(undefined, true);
    });
    return () => {
      abort.abort();
      off();
    };
  }, [refresh]);

  const loadMore = async () => {
    if (!nextCursor || !items) return;
    setLoadingMore(true);
    try {
      const page = await listDecisions(userId, filters, nextCursor);
      setItems(mergeById(items, page.decisions));
      setNextCursor(page.nextCursor);
      remember(page.decisions);
    } catch (cause) {
      showToast(errorText(cause), { tone: 'error' });
    } finally {
      setLoadingMore(false);
    }
  };

  const act = async (item: DecisionListItem, run: () => Promise<unknown>, done: string) => {
    setBusyId(item.id);
    try {
      await run();
      showToast(done);
      await refresh();
    } catch (cause) {
      showToast(`${senderName(item.sender)}: ${errorText(cause)}`, { tone: 'error' });
    } finally {
      setBusyId(null);
    }
  };
  const doUndo = (item: DecisionListItem) => void act(item, () => undo(item.id), `Undoing: ${item.summary}`);

  const list = items ?? [];
  const selected = useMemo(() => list.find((item) => item.id === selectedId) ?? null, [list, selectedId]);
  const move = (step: 1 | -1) => {
    const next = stepSelection(list, selectedId, step);
    if (next !== null) setSelectedId(next);
  };
  useKeyCommands({
    next: () => move(1),
    previous: () => move(-1),
    open: () => selected && setExpandedId(expandedId === selected.id ? null : selected.id),
    close: () => setExpandedId(null),
    undo: () => selected?.undoable && doUndo(selected),
    search: () => search.current?.focus(),
  });

  const setFilter = (key: FilterKey, value: string) => setFilters((current) => ({ ...current, [key]: value || undefined }));
  const filtered = Object.values(filters).some(Boolean);
  const focusMissing = focusId && items && !list.some((item) => item.id === focusId);

  return (
    <section class="view" aria-labelledby="activity-title">
      <div class="toolbar">
        <h1 id="activity-title" class="grow">
          Activity
        </h1>
        <UndoToday userId={userId} onDone={() => void refresh()} />
      </div>
      <form class="toolbar" role="search" onSubmit={(event) => event.preventDefault()}>
        <label class="grow">
          <span class="visually-hidden">Search by sender or subject</span>
          <input ref={search} type="search" placeholder="Search by sender or subject ( / )" value={query} onInput={(event) => setQuery((event.currentTarget as HTMLInputElement).value)} />
        </label>
        <Choice label="Outcome" value={filters.outcome} choices={OUTCOME_CHOICES} onChange={(value) => setFilter('outcome', value)} />
        <Choice label="Domain" value={filters.domain} choices={DOMAIN_CHOICES} onChange={(value) => setFilter('domain', value)} />
        <Choice
          label="Situation"
          value={filters.situation}
          choices={[...situations].map(([value, label]) => ({ value, label }))}
          onChange={(value) => setFilter('situation', value)}
        />
        <Choice label="State" value={filters.state} choices={STATE_CHOICES} onChange={(value) => setFilter('state', value)} />
        {filtered ? (
          <button
            type="button"
            class="quiet"
            onClick={() => {
              setQuery('');
              setFilters({});
            }}
          >
            Clear filters
          </button>
        ) : null}
      </form>
      {focusMissing ? (
        <article class="row selected" aria-label="The decision this address names">
          <DecisionDetail decisionId={focusId} />
        </article>
      ) : null}
      {error ? <ErrorNote error={error} retry={() => void refresh()} /> : null}
      {items === null && !error ? <Loading what="activity" /> : null}
      {items !== null && list.length === 0 ? (
        filtered ? (
          <Empty title="Nothing matches these filters">Try fewer filters or another search.</Empty>
        ) : (
          <Empty title="Nothing yet">Every decision SkyTwin makes about your mail and calendar will appear here.</Empty>
        )
      ) : null}
      {list.length > 0 ? (
        <ul class="list">
          {list.map((item) => (
            <li key={item.id}>
              <DecisionRow
                item={item}
                selected={item.id === selectedId}
                expanded={item.id === expandedId}
                busy={busyId === item.id}
                handlers={{
                  onSelect: () => setSelectedId(item.id),
                  onToggle: () => setExpandedId(expandedId === item.id ? null : item.id),
                  onUndo: () => doUndo(item),
                  onConfirm: () => void act(item, () => confirmShadow(item.id), 'Thanks: SkyTwin counts this as right.'),
                  onCorrect: (action) => void act(item, () => correctShadow(item.id, action), 'Thanks: SkyTwin learns from your correction.'),
                }}
              />
            </li>
          ))}
        </ul>
      ) : null}
      {items !== null && list.length > 0 ? (
        <div class="more">
          <span>{nextCursor ? `Showing the newest ${list.length}` : `All ${list.length} shown`}</span>
          {nextCursor ? (
            <button type="button" disabled={loadingMore} onClick={() => void loadMore()}>
              {loadingMore ? 'Loading…' : 'Load more'}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function Choice({ label, value, choices, onChange }: { label: string; value: string | undefined; choices: readonly { value: string; label: string }[]; onChange: (value: string) => void }) {
  return (
    <label>
      <span class="visually-hidden">{label}</span>
      <select value={value ?? ''} onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}>
        <option value="">{`Any ${label.toLowerCase()}`}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
        {value && !choices.some((choice) => choice.value === value) ? <option value={value}>{value}</option> : null}
      </select>
    </label>
  );
}
