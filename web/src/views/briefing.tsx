// The daily briefing: what SkyTwin did since the last one, what waits for an answer, today's
// meetings and their conflicts, the follow-ups due; each item links to where it is handled.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Briefing } from '../../../src/contract/index.js';
import { api, seg } from '../api.js';
import { Empty, ErrorNote, Loading } from '../components/states.js';
import { Time } from '../components/time.js';
import { plural } from '../format.js';
import { onLive } from '../live.js';
import { linkClick } from '../router.js';
import { approvalPath, decisionPath } from '../routes.js';
import './briefing.css';

type Sender = { name: string | null; address: string | null };
const who = (sender: Sender) => sender.name ?? sender.address ?? 'Someone';

const STATE_WORDS: Record<Briefing['did']['groups'][number]['items'][number]['state'], string> = {
  executed: 'done',
  undone: 'undone',
  failed: 'failed',
  queued: 'queued',
  cancelled: 'cancelled before it ran',
};

const PERIOD_WORDS: Record<Briefing['period']['basis'], string> = {
  last_24_hours: 'the last 24 hours',
  last_briefing: 'the time since your last briefing',
  todays_briefing: "today's briefing, up to now",
};

export function BriefingView({ userId }: { userId: string }) {
  const [briefing, setBriefing] = useState<Briefing | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      setBriefing(await api.get<Briefing>(`/api/users/${seg(userId)}/briefing`));
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [userId]);
  useEffect(() => {
    setBriefing(null);
    void load();
    return onLive((event) => {
      if (event.type !== 'sync.changed') void load();
    });
  }, [load]);

  return (
    <section class="view briefing" aria-labelledby="briefing-title">
      <h1 id="briefing-title">Briefing</h1>
      {error && !briefing ? <ErrorNote error={error} retry={() => void load()} /> : null}
      {!briefing && !error ? <Loading what="the briefing" /> : null}
      {briefing ? <BriefingBody briefing={briefing} /> : null}
    </section>
  );
}

function BriefingBody({ briefing }: { briefing: Briefing }) {
  const { did, waiting, today, followUps } = briefing;
  return (
    <>
      <p class="briefing-summary">{briefing.summary}</p>
      <p class="meta">
        Covers {PERIOD_WORDS[briefing.period.basis]}, from <Time iso={briefing.period.since} mode="clock" />. The next
        one comes at <Time iso={briefing.nextAt} mode="clock" /> ({briefing.timeZone}).
      </p>

      <section aria-labelledby="briefing-waiting">
        <h2 id="briefing-waiting">Waiting for you{waiting.total > 0 ? ` (${waiting.total})` : ''}</h2>
        {waiting.items.length === 0 ? (
          <Empty title="Nothing waits for your approval." />
        ) : (
          <ul class="briefing-list">
            {waiting.items.map((item) => (
              <li key={item.approvalId}>
                <a href={approvalPath(item.approvalId)} onClick={linkClick}>
                  <strong>{who(item.sender)}</strong> · {item.subject ?? '(no subject)'}
                </a>{' '}
                · {item.proposal} · expires <Time iso={item.expiresAt} mode="clock" />
              </li>
            ))}
            {waiting.total > waiting.items.length ? (
              <li class="meta">
                <a href="/" onClick={linkClick}>
                  {plural(waiting.total - waiting.items.length, 'more request')} in Approvals
                </a>
              </li>
            ) : null}
          </ul>
        )}
      </section>

      <section aria-labelledby="briefing-today">
        <h2 id="briefing-today">Today</h2>
        {today.meetings.length === 0 ? (
          <Empty title="No meetings today." />
        ) : (
          <ul class="briefing-list">
            {today.meetings.map((meeting) => (
              <li key={`${meeting.calendarId}/${meeting.eventId}`} class={meeting.response === 'declined' ? 'declined' : undefined}>
                <span class="briefing-time">{meeting.time}</span> {meeting.summary}
                {meeting.response === 'declined' ? ' · declined' : meeting.response === 'needsAction' ? ' · not answered yet' : ''}
              </li>
            ))}
          </ul>
        )}
        {today.conflicts.length > 0 ? (
          <ul class="briefing-list conflicts" aria-label="Conflicts">
            {today.conflicts.map((conflict) => (
              <li key={`${conflict.first}|${conflict.second}`}>Conflict: {conflict.words}</li>
            ))}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="briefing-did">
        <h2 id="briefing-did">What SkyTwin did{did.total > 0 ? ` (${did.total})` : ''}</h2>
        {did.groups.length === 0 ? (
          <Empty title="SkyTwin ran nothing in this period." />
        ) : (
          did.groups.map((group) => (
            <details key={group.action} class="briefing-group" open={did.groups.length === 1}>
              <summary>
                {group.label}: {group.count}
                {group.undone > 0 ? ` (${group.undone} undone)` : ''}
              </summary>
              <ul class="briefing-list">
                {group.items.map((item) => (
                  <li key={item.decisionId}>
                    <a href={decisionPath(item.decisionId)} onClick={linkClick}>
                      <strong>{who(item.sender)}</strong> · {item.subject ?? '(no subject)'}
                    </a>{' '}
                    · {item.onItsOwn ? 'on its own' : 'you approved'} · {STATE_WORDS[item.state]} <Time iso={item.at} mode="clock" />
                  </li>
                ))}
              </ul>
            </details>
          ))
        )}
      </section>

      <section aria-labelledby="briefing-followups">
        <h2 id="briefing-followups">Waiting on a reply{followUps.items.length > 0 ? ` (${followUps.items.length})` : ''}</h2>
        {followUps.items.length === 0 ? (
          <Empty title="No follow-ups due." />
        ) : (
          <ul class="briefing-list">
            {followUps.items.map((item) => (
              <li key={item.threadId}>
                <strong>{who(item.to)}</strong> · {item.subject} · asked <Time iso={item.askedAt} mode="clock" />
                {item.decisionId ? (
                  <>
                    {' '}
                    ·{' '}
                    <a href={decisionPath(item.decisionId)} onClick={linkClick}>
                      the proposed nudge
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
