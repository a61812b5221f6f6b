// Shared fixtures for the twin's tests (not used by production code).
import type {
  ActionSpec,
  ActionType,
  Domain,
  Evidence,
  FeedbackInput,
  FeedbackKind,
  Situation,
  SituationKind,
  TrustProgressionSettings,
  TrustTier,
  TwinProfile,
} from '../types.js';
import { applyFeedback } from './feedback.js';
import { predict } from './predict.js';

export const T0 = new Date('2026-03-01T09:00:00.000Z');

export function hoursAfter(start: Date, hours: number): Date {
  return new Date(start.getTime() + hours * 3_600_000);
}

export function situation(overrides: Partial<Situation> & { counterpart?: string; counterpartDomain?: string } = {}): Situation {
  const { counterpart = 'news@acme.com', counterpartDomain, ...rest } = overrides;
  const domainOfAddress = counterpart.includes('@') ? counterpart.slice(counterpart.indexOf('@') + 1) : undefined;
  return {
    kind: 'newsletter' as SituationKind,
    domain: 'email' as Domain,
    urgency: 'low',
    confidence: 0.9,
    summary: `Newsletter from ${counterpart}`,
    evidence: [],
    facts: { counterpart, counterpartDomain: counterpartDomain ?? domainOfAddress },
    ...rest,
  };
}

export function action(type: ActionType, parameters: Record<string, unknown> = {}, domain: Domain = 'email'): ActionSpec {
  return { type, domain, parameters, reversibility: 'full', estimatedCostCents: 0 };
}

export const ARCHIVE = action('archive');

export function feedback(kind: FeedbackKind, overrides: Partial<FeedbackInput> = {}): FeedbackInput {
  return {
    kind,
    decisionId: 'd-1',
    situation: situation(),
    action: ARCHIVE,
    correctedAction: null,
    preferenceKeys: [],
    wasAutomatic: false,
    ...overrides,
  };
}

export const TIERS: Record<Domain, TrustTier> = { email: 'observer', calendar: 'observer', finance: 'observer' };

export const PROGRESSION: TrustProgressionSettings = {
  enabled: true,
  maxAutoTier: 'moderate',
  promoteAfterApprovals: 10,
  minApprovalRate: 0.9,
  demoteAfterRejections: 3,
  demoteOnUndo: true,
  newDomainApprovals: 10,
};

export function evidence(weight: number, at: Date, overrides: Partial<Evidence> = {}): Evidence {
  return {
    kind: weight > 0 ? 'approve' : weight <= -2 ? 'undo' : 'reject',
    weight,
    decisionId: null,
    at: at.toISOString(),
    note: '',
    ...overrides,
  };
}

/** A simulated user: n decisions in a row on `sit`, each fed back with the prediction's keys, an hour apart. */
export function train(
  twin: TwinProfile,
  sit: Situation,
  act: ActionSpec,
  n: number,
  kind: FeedbackKind = 'approve',
  start: Date = T0,
  idPrefix = 'd',
): TwinProfile {
  let current = twin;
  for (let i = 0; i < n; i++) {
    const now = hoursAfter(start, i);
    const keys = predict(current, sit, act, now).preferenceKeys;
    const input = feedback(kind, { decisionId: `${idPrefix}-${i}`, situation: sit, action: act, preferenceKeys: keys });
    current = applyFeedback(current, input, TIERS, PROGRESSION, now).twin;
  }
  return current;
}

/** Freezes a value deeply so any mutation under test throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
