import type {
  ActionSpec,
  Domain,
  Evidence,
  FeedbackInput,
  FeedbackKind,
  FeedbackResult,
  Preference,
  TierChange,
  TrustProgress,
  TrustProgressionSettings,
  TrustTier,
  TwinProfile,
} from '../types.js';
import { confidenceOf } from './confidence.js';
import { bestValue, MAX_EVIDENCE, relativeTo, weightFor } from './evidence.js';
import { setExplicitPreference } from './explicit.js';
import { actionValue, parsePreferenceKey, preferenceKeysFor } from './keys.js';
import { withPreferences } from './profile.js';
import { scoreScopes } from './scopeFeedback.js';
import { scopeSettings } from './scope.js';
import { demoteForScopes, progressTrust, RECENT_LIMIT } from './trust.js';

/** Weights of what one piece of feedback says; corrections are deliberate, so they weigh double. */
export const FEEDBACK_WEIGHTS = {
  approve: 1,
  confirm: 1,
  reject: -1,
  undo: -2,
  edit: 1,
  correct: 2,
} as const;

/** One thing the feedback says about one action value. */
interface Statement {
  value: string;
  weight: number;
  note: string;
}

const NOUNS: Record<FeedbackKind, string> = {
  approve: 'approval',
  confirm: 'confirmation',
  reject: 'rejection',
  undo: 'undo',
  edit: 'edit',
  correct: 'correction',
  restate: 'statement',
};

function valueOf(action: ActionSpec | null): string | null {
  return action ? actionValue(action) : null;
}

/**
 * What the feedback says, value by value. An edit or correction that keeps the action's value
 * (a reworded draft) supports that value: the user wanted this kind of action, with other details.
 */
function statementsFor(input: FeedbackInput): Statement[] {
  const original = valueOf(input.action);
  const corrected = valueOf(input.correctedAction);
  switch (input.kind) {
    case 'approve':
    case 'confirm':
      if (original === null) return [];
      return [{ value: original, weight: FEEDBACK_WEIGHTS[input.kind], note: `${input.kind}d "${original}"` }];
    case 'reject':
      return original ? [{ value: original, weight: FEEDBACK_WEIGHTS.reject, note: `rejected "${original}"` }] : [];
    case 'undo':
      return original ? [{ value: original, weight: FEEDBACK_WEIGHTS.undo, note: `undid "${original}"` }] : [];
    case 'edit':
    case 'correct': {
      const w = FEEDBACK_WEIGHTS[input.kind];
      const verb = input.kind === 'edit' ? 'edited' : 'corrected';
      if (corrected === null) {
        if (original === null) return [];
        return input.kind === 'edit'
          ? [{ value: original, weight: w, note: `approved "${original}" with edits` }]
          : [{ value: original, weight: -w, note: `${verb} "${original}" without saying what instead` }];
      }
      if (original === corrected) return [{ value: corrected, weight: 1, note: `${verb} the details of "${corrected}"` }];
      const out: Statement[] = [];
      if (original !== null) out.push({ value: original, weight: -w, note: `${verb} "${original}" to "${corrected}"` });
      out.push({ value: corrected, weight: w, note: `${verb} "${original ?? 'nothing'}" to "${corrected}"` });
      return out;
    }
    case 'restate':
      return [];
  }
}

/**
 * How the feedback counts for trust: a correction that only changed details is an edit (the twin
 * picked the right action); any other correction means the twin was wrong.
 */
function trustKind(input: FeedbackInput): FeedbackKind {
  if (input.kind !== 'correct') return input.kind;
  const original = valueOf(input.action);
  return original !== null && original === valueOf(input.correctedAction) ? 'edit' : 'correct';
}

function countFeedback(progress: TrustProgress, kind: FeedbackKind): TrustProgress {
  const push = (ok: boolean): boolean[] => [...progress.recent, ok].slice(-RECENT_LIMIT);
  switch (kind) {
    case 'approve':
    case 'confirm':
      return { ...progress, approvals: progress.approvals + 1, streak: progress.streak + 1, recent: push(true) };
    case 'edit':
      // Approved with changes: it counts, but does not extend a run of clean approvals.
      return { ...progress, approvals: progress.approvals + 1, recent: push(true) };
    case 'reject':
    case 'correct':
      return { ...progress, rejections: progress.rejections + 1, streak: 0, recent: push(false) };
    case 'undo':
      return { ...progress, undos: progress.undos + 1, streak: 0, recent: push(false) };
    case 'restate':
      return progress;
  }
}

/** The keys this feedback may touch: the prediction's keys, and the situation's keys not learned yet. */
function targetKeys(twin: TwinProfile, input: FeedbackInput): string[] {
  const existing = new Set(twin.preferences.map((p) => p.key));
  const keys: string[] = [];
  const add = (key: string): void => {
    if (!keys.includes(key) && parsePreferenceKey(key) !== null) keys.push(key);
  };
  for (const key of input.preferenceKeys) add(key);
  for (const key of preferenceKeysFor(input.situation)) if (!existing.has(key)) add(key);
  return keys;
}

function fmt(c: number): string {
  return c.toFixed(2);
}

function learn(
  previous: Preference | undefined,
  key: string,
  domain: Domain,
  statements: Statement[],
  input: FeedbackInput,
  now: Date,
): { preference: Preference; change: string } {
  const at = now.toISOString();
  const firstValue = (statements.find((s) => s.weight > 0) ?? statements[0])?.value ?? '';
  const value = previous?.value ?? firstValue;
  const added: Evidence[] = statements.map((s) => ({
    kind: input.kind,
    weight: weightFor(s, value),
    decisionId: input.decisionId,
    at,
    note: s.note,
    about: { value: s.value, weight: s.weight },
  }));
  let evidence = [...(previous?.evidence ?? []), ...added].slice(-MAX_EVIDENCE);
  const best = bestValue(evidence, value, now);
  const switched = best.value !== value;
  if (switched) evidence = relativeTo(evidence, value, best.value);
  const confidence = confidenceOf(evidence, now);
  const preference: Preference = {
    key,
    domain: previous?.domain ?? domain,
    value: best.value,
    confidence,
    source: switched || !previous ? 'inferred' : previous.source,
    evidence,
    updatedAt: at,
  };
  const after = `your ${NOUNS[input.kind]}`;
  let change: string;
  if (!previous) {
    change =
      confidence > 0
        ? `${key}: learned "${best.value}" from ${after} (confidence ${fmt(confidence)})`
        : `${key}: remembered ${after} of "${best.value}" (confidence ${fmt(confidence)})`;
  }
  else if (switched) {
    change = `${key}: now "${best.value}" instead of "${previous.value}" after ${after} (confidence ${fmt(confidence)})`;
  } else {
    change = `${key}: "${best.value}" confidence ${fmt(previous.confidence)} → ${fmt(confidence)} after ${after}`;
  }
  return { preference, change };
}

function restate(twin: TwinProfile, input: FeedbackInput, now: Date): FeedbackResult {
  const value = valueOf(input.correctedAction) ?? valueOf(input.action);
  const key = [...input.preferenceKeys, ...preferenceKeysFor(input.situation)].find((k) => parsePreferenceKey(k) !== null);
  const parts = key ? parsePreferenceKey(key) : null;
  if (value === null || key === undefined || parts === null) {
    return { twin: { ...twin, version: twin.version + 1 }, changes: ['nothing to restate: no action or key given'], tierChange: null };
  }
  return setExplicitPreference(twin, key, parts.domain, value, now, input.decisionId);
}

/**
 * Learns from one piece of feedback and returns the next twin version. Evidence goes only to the
 * prediction's keys and to the situation's keys that did not exist yet; every other preference is
 * left as it was. Trust counters of the situation's domain move and the answer is scored in the
 * situation's scopes; the domain may step up after a run of approvals, and steps down only when
 * several of its scopes went wrong.
 */
export function applyFeedback(
  twin: TwinProfile,
  input: FeedbackInput,
  tiers: Record<Domain, TrustTier>,
  progression: TrustProgressionSettings,
  now: Date,
): FeedbackResult {
  if (input.kind === 'restate') return restate(twin, input, now);

  const statements = statementsFor(input);
  const updates: Preference[] = [];
  const changes: string[] = [];
  if (statements.length > 0) {
    const byKey = new Map(twin.preferences.map((p) => [p.key, p]));
    for (const key of targetKeys(twin, input)) {
      const domain = parsePreferenceKey(key)?.domain ?? input.situation.domain;
      const { preference, change } = learn(byKey.get(key), key, domain, statements, input, now);
      updates.push(preference);
      changes.push(change);
    }
  } else {
    changes.push(`no preference changed: the ${NOUNS[input.kind]} named no action`);
  }

  const domain = input.situation.domain;
  const kind = trustKind(input);
  const counted = countFeedback(twin.trust[domain], kind);
  const from = tiers[domain];
  const step = progressTrust(counted, from, progression, kind, input.wasAutomatic, domain);
  const trust = { ...twin.trust, [domain]: step.progress };

  const scoped = scoreScopes(twin, withPreferences(twin, updates, trust), input, kind, progression, now);
  changes.push(...scoped.changes);
  const demotion = demoteForScopes(scoped.ledger, domain, from, scopeSettings(progression), now);
  const to = demotion.reason !== null ? demotion.tier : step.tier;
  const reason = demotion.reason ?? step.reason;
  const tierChange: TierChange | null = to !== from && reason !== null ? { domain, from, to, reason } : null;
  if (tierChange) changes.push(tierChange.reason);

  const scopeChange = scoped.changes[0] ?? null;
  return { twin: withPreferences(twin, updates, trust, demotion.ledger), changes, tierChange, ...(scopeChange ? { scopeChange } : {}) };
}
