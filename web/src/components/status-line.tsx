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
  resource?: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
}
interface SyncAnswer {
  connection: { status: string; statusReason?: string | null } | null;
  sources: SyncSource[];
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

  const needsReconnect = sync?.connection && sync.connection.status !== 'active' && sync.connection.status !== 'connected';
  const parts = (sync?.sources ?? []).map((source) => {
    const name = SOURCE_NAMES[source.source] ?? source.source;
    if (source.lastError) return `${name}: last sync failed`;
    return source.lastSuccessAt ? `${name} synced ${relativeTime(source.lastSuccessAt, now)}` : `${name} not synced yet`;
  });
  if (sync && !sync.connection) parts.push('Google is not connected');
  if (live === 'connecting') parts.push('Live updates reconnecting…');
  return (
    <div class={needsReconnect ? 'status-line attention' : 'status-line'}>
      {needsReconnect ? (
        <span>
          Google needs you to sign in again.{' '}
          <a href="/connections" onClick={linkClick}>
            Reconnect Google
          </a>
        </span>
      ) : null}
      <span>{parts.join(' · ')}</span>
    </div>
  );
}
