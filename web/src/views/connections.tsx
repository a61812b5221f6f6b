// Connections & sync: per source when it last synced, how old its cursor is, what went wrong
// last, the breaker and its next try, the Gmail quota; Reconnect runs Google's consent flow.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ConsentStart, SourceSyncViewT, SyncView } from '../../../src/contract/index.js';
import { api, seg } from '../api.js';
import { Empty, ErrorNote, errorText, Loading } from '../components/states.js';
import { Time } from '../components/time.js';
import { plural } from '../format.js';
import { onLive } from '../live.js';
import './connections.css';

const STATUS_WORDS: Record<SourceSyncViewT['status'], string> = {
  ok: 'Syncing normally',
  pending: 'Not synced yet',
  failing: 'Last sync failed',
  paused: 'Paused',
};

function age(seconds: number): string {
  if (seconds < 60) return plural(seconds, 'second');
  if (seconds < 3600) return plural(Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return plural(Math.floor(seconds / 3600), 'hour');
  return plural(Math.floor(seconds / 86_400), 'day');
}

export function ConnectionsView({ userId }: { userId: string }) {
  const [view, setView] = useState<SyncView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reconnect, setReconnect] = useState<{ busy: boolean; url: string | null; error: unknown }>({ busy: false, url: null, error: null });

  const load = useCallback(async () => {
    try {
      setView(await api.get<SyncView>(`/api/users/${seg(userId)}/sync`));
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [userId]);
  useEffect(() => {
    setView(null);
    void load();
    return onLive((event) => {
      if (event.type === 'sync.changed' || event.type === 'reset') void load();
    });
  }, [load]);
  useEffect(() => {
    // Back from the consent tab: read the state again.
    const onFocus = () => void load();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [load]);

  const startConsent = async () => {
    setReconnect({ busy: true, url: null, error: null });
    try {
      const started = await api.post<ConsentStart>(`/api/users/${seg(userId)}/connections/google/consent`, {});
      const opened = window.open(started.consentUrl, '_blank');
      // The consent page has no business with this window.
      if (opened) opened.opener = null;
      setReconnect({ busy: false, url: opened ? null : started.consentUrl, error: null });
    } catch (failure) {
      setReconnect({ busy: false, url: null, error: failure });
    }
  };

  const connection = view?.connection ?? null;
  const needsReconnect = connection?.status === 'needs_reconnect';
  return (
    <section class="view connections">
      <h1>Connections</h1>
      {error && !view ? <ErrorNote error={error} retry={() => void load()} /> : null}
      {!view && !error ? <Loading what="connections" /> : null}
      {view ? (
        <>
          <p class={view.needsAttention ? 'status-line attention' : 'status-line'}>{view.summary}</p>
          <section aria-labelledby="google-title">
            <h2 id="google-title">Google</h2>
            {connection ? (
              <>
                <p>
                  {needsReconnect ? (
                    <strong>Google access was revoked or expired. </strong>
                  ) : (
                    <strong>Connected{connection.accountEmail ? ` as ${connection.accountEmail}` : ''}. </strong>
                  )}
                  Since <Time iso={connection.connectedAt} mode="clock" />; watching {plural(connection.calendars.length, 'calendar')} and Gmail.
                </p>
                {needsReconnect ? <p class="meta">SkyTwin stopped reading mail and calendars until you reconnect; nothing is lost, it picks up where it stopped.</p> : null}
              </>
            ) : (
              <Empty title="Google is not connected">Connect a Google account so SkyTwin can read mail and calendars.</Empty>
            )}
            <div class="actions">
              <button type="button" class={needsReconnect || !connection ? 'primary' : ''} disabled={reconnect.busy} onClick={() => void startConsent()}>
                {connection ? 'Reconnect Google' : 'Connect Google'}
              </button>
            </div>
            {reconnect.url ? (
              <p role="status">
                Your browser blocked the new tab.{' '}
                <a href={reconnect.url} target="_blank" rel="noopener noreferrer">
                  Open Google's consent page
                </a>
                , then come back here.
              </p>
            ) : null}
            {reconnect.busy ? <p role="status">Opening Google's consent page…</p> : null}
            {reconnect.error ? (
              <p class="inline-error" role="alert">
                {errorText(reconnect.error)}
              </p>
            ) : null}
          </section>

          {view.sources.length > 0 ? (
            <section aria-labelledby="sources-title">
              <h2 id="sources-title">Sources</h2>
              <ul class="list">
                {view.sources.map((source) => (
                  <li key={`${source.source}/${source.resource ?? ''}`}>
                    <article class="row" aria-label={`${source.label}: ${STATUS_WORDS[source.status]}`}>
                      <div class="line">
                        <strong>{source.label}</strong>
                        <span class={source.status === 'failing' || source.status === 'paused' ? 'headline failed' : source.status === 'ok' ? 'headline done' : 'headline'}>{STATUS_WORDS[source.status]}</span>
                      </div>
                      <dl class="facts">
                        <dt>Last success</dt>
                        <dd>{source.lastSuccessAt ? <Time iso={source.lastSuccessAt} /> : 'never yet'}</dd>
                        <dt>Sync position</dt>
                        <dd>{source.cursorAgeSeconds === null ? 'none yet: the first sync reads recent history' : `saved ${age(source.cursorAgeSeconds)} ago`}</dd>
                        <dt>Last error</dt>
                        <dd>
                          {source.lastError ? (
                            <>
                              {source.lastError}
                              {source.lastErrorAt ? (
                                <>
                                  {' '}
                                  (<Time iso={source.lastErrorAt} />)
                                </>
                              ) : null}
                            </>
                          ) : (
                            'none'
                          )}
                        </dd>
                        <dt>Next sync</dt>
                        <dd>{source.nextPollAt ? <Time iso={source.nextPollAt} mode="clock" /> : 'with the next round'}</dd>
                      </dl>
                    </article>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          {view.breaker || view.quota ? (
            <section aria-labelledby="health-title">
              <h2 id="health-title">Limits and safeguards</h2>
              <dl class="facts">
                {view.breaker ? (
                  <>
                    <dt>Circuit breaker</dt>
                    <dd>
                      {view.breaker.state === 'open' ? (
                        <>
                          Open after {plural(view.breaker.consecutiveFailures, 'failed round')}: SkyTwin stopped calling Google
                          {view.breaker.nextProbeAt ? (
                            <>
                              {' '}
                              and tries again <Time iso={view.breaker.nextProbeAt} />
                            </>
                          ) : null}
                          .
                        </>
                      ) : view.breaker.state === 'half_open' ? (
                        'Testing: one trial call decides whether syncing resumes.'
                      ) : (
                        `Closed: calls go through${view.breaker.consecutiveFailures > 0 ? ` (${plural(view.breaker.consecutiveFailures, 'recent failure')})` : ''}.`
                      )}
                    </dd>
                  </>
                ) : null}
                <dt>Gmail quota</dt>
                <dd>
                  {view.quota ? (
                    <>
                      <meter min={0} max={view.quota.limitUnits} value={view.quota.usedUnits} aria-label="Gmail quota used">
                        {view.quota.usedUnits}
                      </meter>{' '}
                      {view.quota.usedUnits.toLocaleString('en-GB')} of {view.quota.limitUnits.toLocaleString('en-GB')} units in the current {view.quota.windowSeconds === 60 ? 'minute' : `${view.quota.windowSeconds} s`} (reported <Time iso={view.quota.reportedAt} />)
                    </>
                  ) : (
                    'not reported yet'
                  )}
                </dd>
              </dl>
            </section>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
