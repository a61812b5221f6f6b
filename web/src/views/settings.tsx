// Settings: trust tier per domain (each explained in one line), spend limits, quiet hours with a
// time-zone picker, blocked domains and trust progression. A refused change shows each error
// beside its field; nothing is saved until every field is right.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SettingsPatchInput, SettingsView as SettingsDoc } from '../../../src/contract/index.js';
import { api, isApiError, seg } from '../api.js';
import { ErrorNote, errorText, Loading } from '../components/states.js';
import { Time } from '../components/time.js';
import { capitalize, money } from '../format.js';
import { onLive } from '../live.js';
import { linkClick } from '../router.js';
import './settings.css';

const DOMAINS = ['email', 'calendar', 'finance'] as const;
const TIERS = ['observer', 'suggest', 'low', 'moderate', 'high'] as const;
type Domain = (typeof DOMAINS)[number];
type Tier = (typeof TIERS)[number];

interface Draft {
  tiers: Record<Domain, Tier>;
  perAction: string;
  daily: string;
  quietOn: boolean;
  quietStart: string;
  quietEnd: string;
  timeZone: string;
  blocked: string;
  progression: SettingsDoc['trustProgression'];
  briefingDraft: boolean;
}

function draftOf(doc: SettingsDoc): Draft {
  return {
    tiers: { ...doc.trustTiers },
    perAction: (doc.spendLimits.perActionCents / 100).toFixed(2),
    daily: (doc.spendLimits.dailyCents / 100).toFixed(2),
    quietOn: doc.quietHours !== null,
    quietStart: doc.quietHours?.start ?? '22:00',
    quietEnd: doc.quietHours?.end ?? '07:00',
    timeZone: doc.quietHours?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    blocked: doc.blockedDomains.join('\n'),
    progression: { ...doc.trustProgression },
    briefingDraft: doc.briefingDraft,
  };
}

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
}

/** Euros as typed → cents, or null when it is not an amount. */
function cents(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) return null;
  return Math.round(Number(trimmed) * 100);
}

export function SettingsView({ userId }: { userId: string }) {
  const [doc, setDoc] = useState<SettingsDoc | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [saveError, setSaveError] = useState<unknown>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const zones = useMemo(timeZones, []);

  // What the form shows now, for a reload that answers after the person started editing.
  const shown = useRef<{ doc: SettingsDoc | null; draft: Draft | null }>({ doc: null, draft: null });
  shown.current = { doc, draft };
  const load = useCallback(async () => {
    try {
      const answer = await api.get<SettingsDoc>(`/api/users/${seg(userId)}/settings`);
      const { doc: before, draft: editing } = shown.current;
      const midEdit = before !== null && editing !== null && JSON.stringify(draftOf(before)) !== JSON.stringify(editing);
      setDoc(answer);
      if (!midEdit) setDraft(draftOf(answer));
      setLoadError(null);
    } catch (failure) {
      setLoadError(failure);
    }
  }, [userId]);
  useEffect(() => {
    setDoc(null);
    setDraft(null);
    setSavedAt(null);
    void load();
  }, [load]);
  useEffect(
    () =>
      onLive((event) => {
        // Another tab or a promotion changed them: reload unless the person is mid-edit.
        if ((event.type === 'settings.changed' || event.type === 'reset') && doc && draft && JSON.stringify(draftOf(doc)) === JSON.stringify(draft)) void load();
      }),
    [doc, draft, load],
  );

  if (loadError && !doc) return <Frame><ErrorNote error={loadError} retry={() => void load()} /></Frame>;
  if (!doc || !draft) return <Frame><Loading what="settings" /></Frame>;

  const set = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setSavedAt(null);
  };
  const setProgression = (patch: Partial<Draft['progression']>) => set({ progression: { ...draft.progression, ...patch } });

  const save = async (event: Event) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    const perActionCents = cents(draft.perAction);
    const dailyCents = cents(draft.daily);
    if (perActionCents === null) local['spendLimits.perActionCents'] = 'must be an amount such as 20.00, not negative';
    if (dailyCents === null) local['spendLimits.dailyCents'] = 'must be an amount such as 50.00, not negative';
    if (Object.keys(local).length > 0) {
      setFieldErrors(local);
      setSaveError(null);
      return;
    }
    const patch: SettingsPatchInput = {
      trustTiers: draft.tiers,
      spendLimits: { perActionCents: perActionCents ?? 0, dailyCents: dailyCents ?? 0 },
      quietHours: draft.quietOn ? { start: draft.quietStart, end: draft.quietEnd, timeZone: draft.timeZone } : null,
      blockedDomains: draft.blocked.split(/[\n,]+/).map((d) => d.trim()).filter(Boolean),
      trustProgression: draft.progression,
      briefingDraft: draft.briefingDraft,
    };
    setSaving(true);
    try {
      const answer = await api.put<SettingsDoc>(`/api/users/${seg(userId)}/settings`, patch);
      setDoc(answer);
      setDraft(draftOf(answer));
      setFieldErrors({});
      setSaveError(null);
      setSavedAt(new Date().toISOString());
    } catch (failure) {
      const details = isApiError(failure) ? failure.details : [];
      const byField: Record<string, string> = {};
      for (const detail of details) {
        const d = detail as { field?: unknown; message?: unknown };
        if (typeof d.field === 'string' && typeof d.message === 'string') byField[d.field.replace(/^body\./, '')] = d.message;
      }
      setFieldErrors(byField);
      setSaveError(failure);
    } finally {
      setSaving(false);
    }
  };

  const err = (field: string) => fieldErrors[field];
  const blockedErrors = Object.entries(fieldErrors).filter(([field]) => field.startsWith('blockedDomains'));
  const errorIds = (field: string) => (err(field) ? { 'aria-invalid': true, 'aria-describedby': `${field.replace(/[^a-z0-9]/gi, '-')}-error` } : {});

  return (
    <Frame>
      <form class="settings" onSubmit={(event) => void save(event)} noValidate>
        <fieldset>
          <legend>Trust tier per domain</legend>
          <p class="meta">How much SkyTwin may do without asking you. Spend limits, quiet hours and blocked domains apply at every tier.</p>
          {DOMAINS.map((domain) => (
            <div class="field" key={domain}>
              <label class="block" for={`tier-${domain}`}>
                <span>{capitalize(domain)} trust tier</span>
              </label>
              <select id={`tier-${domain}`} value={draft.tiers[domain]} onChange={(event) => set({ tiers: { ...draft.tiers, [domain]: (event.currentTarget as HTMLSelectElement).value as Tier } })} {...errorIds(`trustTiers.${domain}`)}>
                {TIERS.map((tier) => (
                  <option key={tier} value={tier}>
                    {capitalize(tier)}
                  </option>
                ))}
              </select>
              <p class="help">{doc.help.tiers[draft.tiers[domain]]}</p>
              <FieldError field={`trustTiers.${domain}`} message={err(`trustTiers.${domain}`)} />
            </div>
          ))}
        </fieldset>

        <fieldset>
          <legend>Spend limits</legend>
          <div class="field">
            <label class="block" for="per-action">
              <span>Most SkyTwin may spend on one action (EUR)</span>
            </label>
            <input id="per-action" inputMode="decimal" value={draft.perAction} onInput={(event) => set({ perAction: (event.currentTarget as HTMLInputElement).value })} {...errorIds('spendLimits.perActionCents')} />
            <p class="help">{cents(draft.perAction) === null ? 'Type an amount such as 20.00.' : `${money(cents(draft.perAction) ?? 0)} per action; more needs your approval.`}</p>
            <FieldError field="spendLimits.perActionCents" message={err('spendLimits.perActionCents')} />
          </div>
          <div class="field">
            <label class="block" for="per-day">
              <span>Most SkyTwin may spend in one day (EUR)</span>
            </label>
            <input id="per-day" inputMode="decimal" value={draft.daily} onInput={(event) => set({ daily: (event.currentTarget as HTMLInputElement).value })} {...errorIds('spendLimits.dailyCents')} />
            <p class="help">{cents(draft.daily) === null ? 'Type an amount such as 50.00.' : `${money(cents(draft.daily) ?? 0)} a day in all.`}</p>
            <FieldError field="spendLimits.dailyCents" message={err('spendLimits.dailyCents')} />
          </div>
        </fieldset>

        <fieldset>
          <legend>Quiet hours</legend>
          <label>
            <input type="checkbox" checked={draft.quietOn} onChange={(event) => set({ quietOn: (event.currentTarget as HTMLInputElement).checked })} />
            Hold actions and notifications during quiet hours
          </label>
          <FieldError field="quietHours" message={err('quietHours')} />
          {draft.quietOn ? (
            <div class="quiet-grid">
              <div class="field">
                <label class="block" for="quiet-start">
                  <span>Quiet from</span>
                </label>
                <input id="quiet-start" type="time" value={draft.quietStart} onInput={(event) => set({ quietStart: (event.currentTarget as HTMLInputElement).value })} {...errorIds('quietHours.start')} />
                <FieldError field="quietHours.start" message={err('quietHours.start')} />
              </div>
              <div class="field">
                <label class="block" for="quiet-end">
                  <span>Quiet until</span>
                </label>
                <input id="quiet-end" type="time" value={draft.quietEnd} onInput={(event) => set({ quietEnd: (event.currentTarget as HTMLInputElement).value })} {...errorIds('quietHours.end')} />
                <FieldError field="quietHours.end" message={err('quietHours.end')} />
              </div>
              <div class="field">
                <label class="block" for="quiet-zone">
                  <span>Time zone</span>
                </label>
                <select id="quiet-zone" value={draft.timeZone} onChange={(event) => set({ timeZone: (event.currentTarget as HTMLSelectElement).value })} {...errorIds('quietHours.timeZone')}>
                  {(zones.includes(draft.timeZone) ? zones : [draft.timeZone, ...zones]).map((zone) => (
                    <option key={zone} value={zone}>
                      {zone.replace(/_/g, ' ')}
                    </option>
                  ))}
                </select>
                <FieldError field="quietHours.timeZone" message={err('quietHours.timeZone')} />
              </div>
            </div>
          ) : null}
        </fieldset>

        <fieldset>
          <legend>Blocked domains</legend>
          <div class="field">
            <label class="block" for="blocked">
              <span>SkyTwin never acts on mail from these domains (one per line)</span>
            </label>
            <textarea id="blocked" value={draft.blocked} onInput={(event) => set({ blocked: (event.currentTarget as HTMLTextAreaElement).value })} placeholder="example.com" {...(blockedErrors.length > 0 ? { 'aria-invalid': true, 'aria-describedby': 'blocked-error' } : {})} />
            {blockedErrors.length > 0 ? (
              <p class="field-error" id="blocked-error">
                {blockedErrors.map(([, message]) => message).join('; ')}
              </p>
            ) : null}
          </div>
        </fieldset>

        <fieldset>
          <legend>Daily briefing</legend>
          <label>
            <input type="checkbox" checked={draft.briefingDraft} onChange={(event) => set({ briefingDraft: (event.currentTarget as HTMLInputElement).checked })} />
            Also put each day's briefing in my Gmail drafts, addressed to me
          </label>
          <p class="help">
            The briefing is always on the{' '}
            <a href="/briefing" onClick={linkClick}>
              Briefing
            </a>{' '}
            page; it is delivered when your usual day begins.
          </p>
        </fieldset>

        <fieldset>
          <legend>Trust progression</legend>
          <label>
            <input type="checkbox" checked={draft.progression.enabled} onChange={(event) => setProgression({ enabled: (event.currentTarget as HTMLInputElement).checked })} />
            {doc.help.trustProgression.enabled}
          </label>
          <div class="field">
            <label class="block" for="max-tier">
              <span>Highest tier SkyTwin may reach on its own</span>
            </label>
            <select id="max-tier" value={draft.progression.maxAutoTier} onChange={(event) => setProgression({ maxAutoTier: (event.currentTarget as HTMLSelectElement).value as Tier })} {...errorIds('trustProgression.maxAutoTier')}>
              {TIERS.map((tier) => (
                <option key={tier} value={tier}>
                  {capitalize(tier)}
                </option>
              ))}
            </select>
            <p class="help">{doc.help.trustProgression.maxAutoTier}</p>
            <FieldError field="trustProgression.maxAutoTier" message={err('trustProgression.maxAutoTier')} />
          </div>
          <NumberField id="promote-after" label="Approvals in a row for one step up" help={doc.help.trustProgression.promoteAfterApprovals} field="trustProgression.promoteAfterApprovals" value={draft.progression.promoteAfterApprovals} min={1} max={1000} error={err('trustProgression.promoteAfterApprovals')} onChange={(n) => setProgression({ promoteAfterApprovals: n })} />
          <NumberField id="min-rate" label="Share of recent answers approved (%)" help={doc.help.trustProgression.minApprovalRate} field="trustProgression.minApprovalRate" value={Math.round(draft.progression.minApprovalRate * 100)} min={0} max={100} error={err('trustProgression.minApprovalRate')} onChange={(n) => setProgression({ minApprovalRate: n / 100 })} />
          <NumberField id="demote-after" label="Undos that make a scope count as gone wrong" help={doc.help.trustProgression.demoteAfterRejections} field="trustProgression.demoteAfterRejections" value={draft.progression.demoteAfterRejections} min={1} max={20} error={err('trustProgression.demoteAfterRejections')} onChange={(n) => setProgression({ demoteAfterRejections: n })} />
          <NumberField id="new-domain" label="Approvals needed in a new domain" help={doc.help.trustProgression.newDomainApprovals} field="trustProgression.newDomainApprovals" value={draft.progression.newDomainApprovals} min={0} max={1000} error={err('trustProgression.newDomainApprovals')} onChange={(n) => setProgression({ newDomainApprovals: n })} />
          <NumberField id="scope-answers" label="Answers a scope needs before acting alone" help={doc.help.trustProgression.scopeMinAnswers} field="trustProgression.scopeMinAnswers" value={draft.progression.scopeMinAnswers ?? 5} min={1} max={1000} error={err('trustProgression.scopeMinAnswers')} onChange={(n) => setProgression({ scopeMinAnswers: n })} />
          <NumberField id="scope-accuracy" label="Accuracy a scope must show, at least (%)" help={doc.help.trustProgression.scopeMinAccuracy} field="trustProgression.scopeMinAccuracy" value={Math.round((draft.progression.scopeMinAccuracy ?? 0.85) * 100)} min={0} max={95} error={err('trustProgression.scopeMinAccuracy')} onChange={(n) => setProgression({ scopeMinAccuracy: n / 100 })} />
          <NumberField id="scope-window" label="Days a miss counts as recent" help={doc.help.trustProgression.scopeWindowDays} field="trustProgression.scopeWindowDays" value={draft.progression.scopeWindowDays ?? 14} min={1} max={365} error={err('trustProgression.scopeWindowDays')} onChange={(n) => setProgression({ scopeWindowDays: n })} />
          <NumberField id="failing-scopes" label="Scopes gone wrong that move a domain down" help={doc.help.trustProgression.demoteAfterFailingScopes} field="trustProgression.demoteAfterFailingScopes" value={draft.progression.demoteAfterFailingScopes ?? 3} min={0} max={100} error={err('trustProgression.demoteAfterFailingScopes')} onChange={(n) => setProgression({ demoteAfterFailingScopes: n })} />
          <label>
            <input type="checkbox" checked={draft.progression.demoteOnUndo} onChange={(event) => setProgression({ demoteOnUndo: (event.currentTarget as HTMLInputElement).checked })} />
            {doc.help.trustProgression.demoteOnUndo}
          </label>
        </fieldset>

        <div class="actions save-bar">
          <button type="submit" class="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save settings'}
          </button>
          <button type="button" disabled={saving} onClick={() => { setDraft(draftOf(doc)); setFieldErrors({}); setSaveError(null); }}>
            Discard changes
          </button>
          <span role="status">{savedAt ? <>Saved <Time iso={savedAt} />.</> : null}</span>
        </div>
        {saveError ? (
          <p class="inline-error" role="alert">
            {Object.keys(fieldErrors).length > 0 ? 'The settings were not saved: see the fields marked above.' : errorText(saveError)}
          </p>
        ) : null}
      </form>
    </Frame>
  );
}

function Frame({ children }: { children: ComponentChildren }) {
  return (
    <section class="view">
      <h1>Settings</h1>
      {children}
    </section>
  );
}

function FieldError({ field, message }: { field: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p class="field-error" id={`${field.replace(/[^a-z0-9]/gi, '-')}-error`}>
      {message}
    </p>
  );
}

function NumberField(props: { id: string; label: string; help: string; field: string; value: number; min: number; max: number; error: string | undefined; onChange: (n: number) => void }) {
  return (
    <div class="field">
      <label class="block" for={props.id}>
        <span>{props.label}</span>
      </label>
      <input
        id={props.id}
        type="number"
        min={props.min}
        max={props.max}
        value={props.value}
        onInput={(event) => {
          const n = Number((event.currentTarget as HTMLInputElement).value);
          if (Number.isFinite(n)) props.onChange(n);
        }}
        {...(props.error ? { 'aria-invalid': true, 'aria-describedby': `${props.field.replace(/[^a-z0-9]/gi, '-')}-error` } : {})}
      />
      <p class="help">{props.help}</p>
      <FieldError field={props.field} message={props.error} />
    </div>
  );
}
