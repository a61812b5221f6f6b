// The quiet health line: "Gmail synced 30 s ago · Calendar synced 1 min ago", or one yellow line
// with one action when something needs the person.
import { useEffect, useState } from 'preact/hooks';
import { api, seg } from '../api.js';
import { relativeTime } from '../format.js';
import { onLive, onLiveState, type LiveState } from '../live.js';
import { useNow } from '../now.js';
import { linkClick } from '../router.js';

interface SyncSource {
  source: string;
  label?: string;
  lastSuccessAt: string | null;
  lastError: string | null;
  status?: string;
}
/** The parts of the sync view (contract: SyncViewBody) this line reads; older answers lack the last two. */
interface SyncAnswer {
  connection: { status: string } | null;
  sources: SyncSource[];
  summary?: string;
  needsAttention?: boolean;
}

const SOURCE_NAMES: Record<string, string> = { gmail: 'Gmail', calendar: 'Calendar' };

export function StatusLine({ userId }: { userId: string }) {
  const now = useNow();
  const [sync, setSync] = useState<SyncAnswer | null>(null);
  const [live, setLive] = useState<LiveState>('closed');
  useEffect(() => onLiveState(setLive), []);
  useEffect(() => {
    let stale = false;
    const load = () =>
      api
        .get<SyncAnswer>(`/api/users/${seg(userId)}/sync`)
        .then((answer) => !stale && setSync(answer))
        .catch(() => !stale && setSync(null));
    void load();
    const off = onLive((event) => {
      if (event.type === 'reset' || event.type === 'sync.changed') void load();
    });
    return () => {
      stale = true;
      off();
    };
  }, [userId]);

  const needsReconnect = Boolean(sync?.connection && ['needs_reconnect', 'revoked'].includes(sync.connection.status));
  // Freshness is computed here, against a clock that ticks, so "30 s ago" stays true while the page is open.
  const parts = (sync?.sources ?? []).map((source) => {
    const name = source.label ?? SOURCE_NAMES[source.source] ?? source.source;
    if (source.lastError) return `${name}: ${source.lastError}`;
    if (source.status === 'paused') return `${name}: paused`;
    return source.lastSuccessAt ? `${name} synced ${relativeTime(source.lastSuccessAt, now)}` : `${name} not synced yet`;
  });
  if (sync && !sync.connection) parts.push('Google is not connected');
  if (live === 'connecting') parts.push('Live updates reconnecting…');
  const attention = needsReconnect || sync?.needsAttention === true;
  return (
    <div class={attention ? 'status-line attention' : 'status-line'}>
      {needsReconnect ? <span>Google needs you to sign in again.</span> : null}
      <span>{parts.join(' · ')}</span>
      {attention ? (
        <a href="/connections" onClick={linkClick}>
          {needsReconnect ? 'Reconnect Google' : 'See Connections'}
        </a>
      ) : null}
    </div>
  );
}
