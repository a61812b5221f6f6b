// Twin: what SkyTwin learned (each preference with its confidence, evidence and origin; edit or
// remove it), how that changed and why, trust per domain with the way to the next tier, and when
// the person answers as an hour × weekday heat map.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PreferenceViewT, ScopeEntryViewT, TemporalProfile, TrustViewT, Twin, TwinVersionT, TwinVersions, VersionChangeT } from '../../../src/contract/index.js';
import { api, seg } from '../api.js';
import { Empty, ErrorNote, errorText, Loading } from '../components/states.js';
import { Time } from '../components/time.js';
import { actionWords, capitalize, plural } from '../format.js';
import { onLive } from '../live.js';
import { linkClick } from '../router.js';
import { showToast } from '../toast.js';
import './twin.css';

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function TwinView({ userId }: { userId: string }) {
  const [twin, setTwin] = useState<Twin | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      setTwin(await api.get<Twin>(`/api/users/${seg(userId)}/twin`));
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [userId]);
  useEffect(() => {
    setTwin(null);
    void load();
    return onLive((event) => {
      // Answers and undos teach the twin too; a promotion or demotion changes a tier.
      if (['twin.changed', 'settings.changed', 'approval.answered', 'action.state', 'reset'].includes(event.type)) void load();
    });
  }, [load]);

  return (
    <section class="view twin">
      <h1>Twin</h1>
      <p class="summary-line">What SkyTwin has learned about how you handle things, why it believes it, and how much it may do on its own.</p>
      {error && !twin ? <ErrorNote error={error} retry={() => void load()} /> : null}
      {!twin && !error ? <Loading what="your twin" /> : null}
      {twin ? (
        <>
          <TrustSection trust={twin.trustByDomain} />
          <ScopesSection scopes={twin.scopes} />
          <ToneSection tone={twin.tone} />
          <PreferencesSection userId={userId} preferences={twin.preferences} onChanged={() => void load()} />
          <HistorySection userId={userId} version={twin.version} />
          <TemporalSection userId={userId} />
        </>
      ) : null}
    </section>
  );
}

function TrustSection({ trust }: { trust: TrustViewT[] }) {
  return (
    <section aria-labelledby="trust-title">
      <h2 id="trust-title">Trust per domain</h2>
      <ul class="list trust-list">
        {trust.map((domain) => (
          <li key={domain.domain} class="trust-item">
            <div class="line">
              <strong>{capitalize(domain.domain)}</strong>
              <span class="badge">{capitalize(domain.tier)}</span>
              {domain.nextTier ? (
                <progress max={1} value={domain.progress} aria-label={`${capitalize(domain.domain)}: progress to ${domain.nextTier}`}>
                  {percent(domain.progress)}
                </progress>
              ) : null}
            </div>
            <p>{domain.sentence}</p>
            <p class="meta">
              {plural(domain.approvals, 'approval')} · {plural(domain.rejections, 'rejection')} · {plural(domain.undos, 'undo')}
              {domain.approvalRate === null ? '' : ` · ${percent(domain.approvalRate)} of recent answers approved`} · SkyTwin may reach {domain.ceiling} on its own (
              <a href="/settings" onClick={linkClick}>
                change in Settings
              </a>
              )
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function scopeStatus(entry: ScopeEntryViewT): string {
  if (entry.hold) return `Asks first until ${plural(entry.hold.approvalsToLift, 'more approval')}`;
  return entry.earned ? 'Earned' : 'Not yet earned';
}

/** The greeting and sign-off SkyTwin's reply drafts use, learned from the drafts the user edited. */
function ToneSection({ tone }: { tone: Twin['tone'] }) {
  const learned = tone && (tone.greeting !== null || tone.signOff !== null);
  return (
    <section aria-labelledby="tone-title">
      <h2 id="tone-title">Your reply tone</h2>
      {!tone || !learned ? (
        <Empty title="Nothing learned yet">When you edit a reply draft before approving it, SkyTwin learns how you greet people and sign off.</Empty>
      ) : (
        <p class="summary-line">
          {tone.greeting !== null ? (
            <>
              Drafts open with <q>{tone.greeting}</q>
              {tone.signOff !== null ? ' and close' : ''}
            </>
          ) : (
            'Drafts close'
          )}
          {tone.signOff !== null ? (
            <>
              {' '}
              with <q>{tone.signOff}</q>
            </>
          ) : null}
          , learned from{' '}
          {plural(tone.samples, 'reply')} you wrote or edited
          {tone.updatedAt ? (
            <>
              {' '}
              (last <Time iso={tone.updatedAt} />)
            </>
          ) : null}
          .
        </p>
      )}
    </section>
  );
}

/** Trust per scope: where, inside a domain's tier, SkyTwin has earned acting alone, newest activity first. */
function ScopesSection({ scopes }: { scopes: Twin['scopes'] }) {
  return (
    <section aria-labelledby="scopes-title">
      <h2 id="scopes-title">Trust per scope</h2>
      {scopes.entries.length === 0 ? (
        <Empty title="No answers scored yet">Each answer you give is scored against what SkyTwin expected, per kind of mail and per sender.</Empty>
      ) : (
        <>
          <p class="summary-line">
            Inside a domain's tier, SkyTwin acts alone only where it has earned it.
            {scopes.total > scopes.entries.length ? ` Showing the ${scopes.entries.length} most recent of ${plural(scopes.total, 'scope')}.` : ''}
          </p>
          <div class="scopes-wrap">
            <table class="scopes">
              <caption class="visually-hidden">Trust per scope, most recent activity first</caption>
              <thead>
                <tr>
                  <th scope="col">Scope</th>
                  <th scope="col">Agreed</th>
                  <th scope="col">At least right</th>
                  <th scope="col">Standing</th>
                  <th scope="col">Last miss</th>
                  <th scope="col">Last answer</th>
                </tr>
              </thead>
              <tbody>
                {scopes.entries.map((entry) => (
                  <tr key={entry.key}>
                    <th scope="row">{capitalize(entry.scope)}</th>
                    <td>
                      {entry.agreed} of {entry.answers}
                    </td>
                    <td>{percent(entry.lowerBound)}</td>
                    <td>{scopeStatus(entry)}</td>
                    <td>{entry.lastMiss ? capitalize(entry.lastMiss.text) : '—'}</td>
                    <td>
                      <Time iso={entry.updatedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function PreferencesSection({ userId, preferences, onChanged }: { userId: string; preferences: PreferenceViewT[]; onChanged: () => void }) {
  return (
    <section aria-labelledby="preferences-title">
      <h2 id="preferences-title">Preferences ({preferences.length})</h2>
      {preferences.length === 0 ? (
        <Empty title="Nothing learned yet">SkyTwin learns from your answers to its approvals; you can also state a preference with "Always …" on an approval.</Empty>
      ) : (
        <ul class="list">
          {preferences.map((preference) => (
            <li key={preference.key}>
              <PreferenceItem userId={userId} preference={preference} onChanged={onChanged} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PreferenceItem({ userId, preference, onChanged }: { userId: string; preference: PreferenceViewT; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(preference.value);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState(false);
  const path = `/api/users/${seg(userId)}/twin/preferences/${seg(preference.key)}`;
  const inputId = `pref-${preference.key.replace(/[^a-z0-9]/gi, '-')}`;

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.put(path, { value: value.trim() });
      setEditing(false);
      setError(null);
      showToast(`Saved: ${valueText(value.trim())} for ${scopeOf(preference)}`);
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    try {
      await api.delete(path);
      const old = preference.value;
      showToast(`Removed the preference for ${scopeOf(preference)}`, {
        undo: async () => {
          await api.put(path, { value: old });
          onChanged();
        },
      });
      onChanged();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <article class="row preference" aria-label={`Preference: ${preference.summary}`}>
      <div class="line">
        <span class="pref-summary">{preference.summary}</span>
        <span class="badge">{preference.source === 'explicit' ? 'You said so' : 'Learned'}</span>
        <span class="badges">
          <meter min={0} max={1} value={preference.confidence} aria-label={`Confidence for ${preference.key}`}>
            {percent(preference.confidence)}
          </meter>
          <span class="when">{percent(preference.confidence)} sure</span>
        </span>
      </div>
      <p class="meta">
        {preference.origin} Updated <Time iso={preference.updatedAt} />.
      </p>
      {preference.evidenceSummary.length > 0 ? (
        <>
          <button type="button" class="quiet" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Hide evidence' : `Show evidence (${preference.evidence.length})`}
          </button>
          {open ? (
            <ul class="evidence">
              {preference.evidenceSummary.map((line) => (
                <li key={`${line.kind}-${line.text}`} class={line.supports ? 'supports' : 'against'}>
                  {line.supports ? 'For: ' : 'Against: '}
                  {line.text}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      {editing ? (
        <form class="reason-form" onSubmit={(event) => void save(event)}>
          <label for={inputId}>What SkyTwin should do for {scopeOf(preference)}</label>
          <select id={inputId} value={value} onChange={(event) => setValue((event.currentTarget as HTMLSelectElement).value)}>
            {choicesFor(preference).map((choice) => (
              <option key={choice} value={choice}>
                {capitalize(valueText(choice))}
              </option>
            ))}
          </select>
          <button type="submit" class="primary" disabled={busy}>
            Save
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <div class="actions">
          <button type="button" onClick={() => setEditing(true)} disabled={busy}>
            Edit<span class="visually-hidden"> {preference.key}</span>
          </button>
          <button type="button" class="danger" onClick={() => void remove()} disabled={busy}>
            Remove<span class="visually-hidden"> {preference.key}</span>
          </button>
        </div>
      )}
      {error ? (
        <p class="inline-error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
    </article>
  );
}

function HistorySection({ userId, version }: { userId: string; version: number }) {
  const [versions, setVersions] = useState<TwinVersionT[] | null>(null);
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const page = useCallback(
    async (cursor: string | null) => {
      try {
        const answer = await api.get<TwinVersions>(`/api/users/${seg(userId)}/twin/versions`, { cursor, limit: 10 });
        setVersions((old) => (cursor === null ? answer.versions : [...(old ?? []), ...answer.versions]));
        setTotal(answer.total);
        setNext(answer.nextCursor);
        setError(null);
      } catch (failure) {
        setError(failure);
      }
    },
    [userId],
  );
  useEffect(() => {
    void page(null);
  }, [page, version]);

  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">Version history</h2>
      {error ? <ErrorNote error={error} retry={() => void page(null)} /> : null}
      {versions === null && !error ? <Loading what="the version history" /> : null}
      {versions && versions.length === 0 ? <Empty title="No versions yet">Each answer you give makes a new version of the twin.</Empty> : null}
      {versions && versions.length > 0 ? (
        <>
          <p class="summary-line">
            Showing {versions.length} of {plural(total, 'version')}, newest first.
          </p>
          <ol class="list versions">
            {versions.map((entry) => (
              <li key={entry.version}>
                <p class="line">
                  <strong>Version {entry.version}</strong> <Time iso={entry.at} />
                </p>
                <p>{entry.why}</p>
                {entry.changes.length > 0 ? (
                  <ul>
                    {entry.changes.map((change, index) => (
                      <li key={index}>{changeText(change)}</li>
                    ))}
                  </ul>
                ) : entry.notes.length > 0 ? (
                  <ul>
                    {entry.notes.map((note, index) => (
                      <li key={index}>{note}</li>
                    ))}
                  </ul>
                ) : (
                  <p class="meta">No preference value, confidence or tier changed in this version.</p>
                )}
              </li>
            ))}
          </ol>
          {next ? (
            <button type="button" onClick={() => void page(next)}>
              Show older versions
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** "newsletters" from the summary "archive: newsletters"; the key when the summary has no scope. */
function scopeOf(preference: { summary: string; key: string }): string {
  return preference.summary.split(':').slice(1).join(':').trim() || preference.key;
}

function changeText(change: VersionChangeT): string {
  if (change.kind === 'trust') return `${capitalize(change.domain)} trust: ${change.before} → ${change.after} (${change.reason})`;
  const side = (state: { value: string; confidence: number } | null) => (state ? `"${valueText(state.value)}" (${percent(state.confidence)} sure)` : 'nothing');
  const about = capitalize(change.about ?? change.key);
  if (change.before === null) return `${about}: learned ${side(change.after)}`;
  if (change.after === null) return `${about}: removed (was ${side(change.before)})`;
  return `${about}: ${side(change.before)} → ${side(change.after)}`;
}

/** The values a person may pick for a preference of this domain; the current one always among them. */
const CHOICES: Record<string, string[]> = {
  email: ['archive', 'mark_read', 'draft_reply', 'flag_for_review', 'do_nothing'],
  calendar: ['rsvp:accepted', 'rsvp:tentative', 'rsvp:declined', 'flag_for_review', 'do_nothing'],
  finance: ['approve_renewal', 'flag_for_review', 'do_nothing'],
};

function choicesFor(preference: PreferenceViewT): string[] {
  const choices = CHOICES[preference.domain] ?? [];
  return choices.includes(preference.value) ? choices : [preference.value, ...choices];
}

/** A preference value in words: "mark as read", "accept". */
function valueText(value: string): string {
  if (value.startsWith('rsvp:')) return ({ accepted: 'accept the invitation', tentative: 'answer maybe', declined: 'decline the invitation' } as Record<string, string>)[value.slice(5)] ?? `answer ${value.slice(5)}`;
  if (value.startsWith('label:')) return `label as ${value.slice(6)}`;
  return actionWords(value);
}

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

function TemporalSection({ userId }: { userId: string }) {
  const [profile, setProfile] = useState<TemporalProfile | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let stale = false;
    api
      .get<TemporalProfile>(`/api/users/${seg(userId)}/twin/temporal-profile`)
      .then((answer) => !stale && setProfile(answer))
      .catch((failure: unknown) => !stale && setError(failure));
    return () => {
      stale = true;
    };
  }, [userId]);
  const max = profile ? Math.max(1, ...profile.activity.byWeekday.flatMap((day) => day.byHour)) : 1;
  const level = (count: number) => (count === 0 ? 0 : Math.min(4, Math.ceil((count / max) * 4)));
  return (
    <section aria-labelledby="temporal-title">
      <h2 id="temporal-title">When you answer</h2>
      {error ? <ErrorNote error={error} /> : null}
      {!profile && !error ? <Loading what="your answering hours" /> : null}
      {profile ? (
        <>
          <p>{profile.activeWindow.explanation}</p>
          <p class="meta">{profile.basedOn.explanation}</p>
          <div class="heat-wrap">
            <table class="heat">
              <caption class="visually-hidden">Answers by weekday and hour ({profile.timeZone.name})</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span class="visually-hidden">Weekday</span>
                  </th>
                  {HOURS.map((hour) => (
                    <th scope="col" key={hour}>
                      {hour % 3 === 0 ? String(hour).padStart(2, '0') : <span class="visually-hidden">{String(hour).padStart(2, '0')}</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {profile.activity.byWeekday.map((day) => (
                  <tr key={day.weekday}>
                    <th scope="row">{capitalize(day.weekday.slice(0, 3))}</th>
                    {day.byHour.map((count, hour) => (
                      <td key={hour} class={`heat-${level(count)}`} title={`${capitalize(day.weekday)} ${String(hour).padStart(2, '0')}:00: ${plural(count, 'answer')}`}>
                        <span class="visually-hidden">{count}</span>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="meta">Times in {profile.timeZone.name}. Darker means more answers in that hour.</p>
        </>
      ) : null}
    </section>
  );
}
