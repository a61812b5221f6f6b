// Test-only builders and fast-check arbitraries for the policy, outcome and explain tests.
// Plain values, built here so these tests never depend on the interpreter or candidate modules.
import fc from 'fast-check';
import type {
  ActionSpec,
  ActionType,
  AutonomySettings,
  Candidate,
  Domain,
  EvaluatedCandidate,
  PolicyContext,
  Prediction,
  Preference,
  QuietHours,
  Reversibility,
  RiskAssessment,
  RiskDimensionName,
  RiskLevel,
  Situation,
  SituationKind,
  TrustTier,
  Urgency,
  Verdict,
  VerdictKind,
} from '../types.js';
import { ACTION_TYPES, DOMAINS, RISK_DIMENSIONS, RISK_LEVELS, TRUST_TIERS } from '../types.js';
import { defaultSettings } from './settings.js';

export { ACTION_TYPES };
export const REVERSIBILITIES: readonly Reversibility[] = ['full', 'partial', 'none', 'unknown'];
export const URGENCIES: readonly Urgency[] = ['low', 'normal', 'high', 'critical'];
export const SITUATION_KINDS: readonly SituationKind[] = [
  'newsletter',
  'promotion',
  'receipt',
  'notification',
  'security_alert',
  'subscription_renewal',
  'personal',
  'work_request',
  'unknown_sender',
  'calendar_invitation',
  'calendar_conflict',
  'calendar_update',
  'calendar_cancellation',
  'unknown',
];

/** 2026-11-24 09:12:44 UTC, a Tuesday: 10:12 in Berlin. */
export const NOW = new Date('2026-11-24T09:12:44.000Z');

export function risk(overall: RiskLevel, levels: Partial<Record<RiskDimensionName, RiskLevel>> = {}): RiskAssessment {
  const dimensions = {} as RiskAssessment['dimensions'];
  for (const name of RISK_DIMENSIONS) {
    const level = levels[name] ?? 'negligible';
    dimensions[name] = { level, reason: `${name} is ${level}` };
  }
  return { overall, dimensions };
}

export interface CandidateOptions {
  type?: ActionType;
  domain?: Domain;
  reversibility?: Reversibility;
  cost?: number;
  overall?: RiskLevel;
  parameters?: Record<string, unknown>;
  rationale?: string;
}

export function candidate(options: CandidateOptions = {}): Candidate {
  const action: ActionSpec = {
    type: options.type ?? 'archive',
    domain: options.domain ?? 'email',
    parameters: options.parameters ?? { messageId: 'm-1' },
    reversibility: options.reversibility ?? 'full',
    estimatedCostCents: options.cost ?? 0,
  };
  return { action, risk: risk(options.overall ?? 'negligible'), rationale: options.rationale ?? `${action.type} fits this` };
}

export function situation(overrides: Partial<Situation> = {}): Situation {
  return {
    kind: 'newsletter',
    domain: 'email',
    urgency: 'normal',
    confidence: 0.92,
    summary: 'Newsletter from news@acme.com',
    evidence: ['List-Unsubscribe header present'],
    facts: { counterpart: 'news@acme.com', counterpartDomain: 'acme.com', subject: 'Weekly digest', messageId: 'm-1' },
    ...overrides,
  };
}

export function settings(overrides: Partial<AutonomySettings> = {}): AutonomySettings {
  return { ...defaultSettings(), ...overrides };
}

/** A context in which only the rule under test has anything to object to. */
export function context(overrides: Partial<PolicyContext> = {}): PolicyContext {
  return {
    settings: settings(),
    situation: situation(),
    spentLast24hCents: 0,
    executedInDomain: { email: 50, calendar: 50, finance: 50 },
    now: NOW,
    ...overrides,
  };
}

export function prediction(overrides: Partial<Prediction> = {}): Prediction {
  return { score: 0.5, confidence: 0.5, preferenceKeys: [], reason: '', ...overrides };
}

export function verdict(kind: VerdictKind, code = `test_${kind}`, message = `${kind} for a test`): Verdict {
  return { verdict: kind, reasons: [{ code, message }], notBefore: null };
}

export function evaluated(base: Candidate, predictionOverrides: Partial<Prediction> = {}, v: Verdict = verdict('allowed')): EvaluatedCandidate {
  return { ...base, prediction: prediction(predictionOverrides), verdict: v };
}

export function preference(key: string, value: string, confidence = 0.8): Preference {
  return { key, domain: 'email', value, confidence, source: 'inferred', evidence: [], updatedAt: '2026-11-01T00:00:00.000Z' };
}

// ------------------------------------------------------------------ arbitraries

export const arbTier = fc.constantFrom(...TRUST_TIERS);
export const arbRisk = fc.constantFrom(...RISK_LEVELS);
export const arbReversibility = fc.constantFrom(...REVERSIBILITIES);
export const arbActionType = fc.constantFrom(...ACTION_TYPES);
export const arbDomain = fc.constantFrom(...DOMAINS);
export const arbUrgency = fc.constantFrom(...URGENCIES);
export const arbVerdictKind = fc.constantFrom<VerdictKind>('allowed', 'needs_approval', 'denied');

const arbAddress = fc.constantFrom('a@x.com', 'b@acme.com', 'c@news.acme.com', 'd@evil.io', 'e@bank.example');
export const arbRecipients = fc.array(arbAddress, { maxLength: 14 });
const arbClock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(
  ([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`,
);
export const arbQuietHours: fc.Arbitrary<QuietHours | null> = fc.option(
  fc.record({
    start: arbClock,
    end: arbClock,
    timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'),
  }),
  { nil: null },
);
export const arbCents = fc.integer({ min: 0, max: 1_000_000 });
export const arbNow = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true });

export const arbCandidate: fc.Arbitrary<Candidate> = fc
  .record({
    type: arbActionType,
    domain: arbDomain,
    reversibility: arbReversibility,
    cost: fc.oneof(fc.constant(0), arbCents),
    overall: arbRisk,
    to: arbRecipients,
    cc: arbRecipients,
    bcc: arbRecipients,
  })
  .map((r) => candidate({ ...r, parameters: { to: r.to, cc: r.cc, bcc: r.bcc } }));

export const arbSettings: fc.Arbitrary<AutonomySettings> = fc
  .record({
    perActionCents: arbCents,
    dailyCents: arbCents,
    quietHours: arbQuietHours,
    blockedDomains: fc.array(fc.constantFrom('acme.com', 'evil.io', 'example', 'other.org'), { maxLength: 3 }),
    allowIrreversible: fc.array(arbActionType, { maxLength: 5 }),
    overrideDomain: arbDomain,
    overrideLimit: fc.option(arbCents, { nil: undefined }),
  })
  .map((r) =>
    settings({
      spendLimits: { perActionCents: r.perActionCents, dailyCents: r.dailyCents },
      quietHours: r.quietHours,
      blockedDomains: r.blockedDomains,
      domainOverrides: { [r.overrideDomain]: { allowIrreversible: r.allowIrreversible, perActionCents: r.overrideLimit } },
    }),
  );

export const arbSituation: fc.Arbitrary<Situation> = fc
  .record({
    kind: fc.constantFrom(...SITUATION_KINDS),
    domain: arbDomain,
    urgency: arbUrgency,
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    counterpart: fc.option(arbAddress, { nil: undefined }),
    subject: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    evidence: fc.array(fc.string({ maxLength: 30 }), { maxLength: 3 }),
  })
  .map((r) =>
    situation({
      kind: r.kind,
      domain: r.domain,
      urgency: r.urgency,
      confidence: r.confidence,
      evidence: r.evidence,
      facts: { counterpart: r.counterpart, counterpartDomain: r.counterpart?.split('@')[1], subject: r.subject },
    }),
  );

export const arbContext: fc.Arbitrary<PolicyContext> = fc
  .record({
    settings: arbSettings,
    situation: arbSituation,
    spent: arbCents,
    executed: fc.record({ email: fc.nat(30), calendar: fc.nat(30), finance: fc.nat(30) }),
    now: arbNow,
  })
  .map((r) => ({ settings: r.settings, situation: r.situation, spentLast24hCents: r.spent, executedInDomain: r.executed, now: r.now }));

export const arbPrediction: fc.Arbitrary<Prediction> = fc.record({
  score: fc.double({ min: 0, max: 1, noNaN: true }),
  confidence: fc.double({ min: 0, max: 1, noNaN: true }),
  preferenceKeys: fc.array(fc.constantFrom('email.sender:news@acme.com', 'email.situation:newsletter', 'calendar.situation:calendar_invitation'), { maxLength: 2 }),
  reason: fc.string({ maxLength: 30 }),
});

export const arbVerdict: fc.Arbitrary<Verdict> = fc.record({
  verdict: arbVerdictKind,
  reasons: fc.array(fc.record({ code: fc.constantFrom('tier_allows', 'blocked_domain', 'spend_per_action', 'never_list', 'quiet_hours', 'new_domain', 'policy_error'), message: fc.string({ maxLength: 30 }) }), { minLength: 1, maxLength: 3 }),
  notBefore: fc.option(arbNow.map((d) => d.toISOString()), { nil: null }),
});

export const arbEvaluated: fc.Arbitrary<EvaluatedCandidate> = fc
  .record({ base: arbCandidate, prediction: arbPrediction, verdict: arbVerdict, rationale: fc.string({ maxLength: 30 }) })
  .map((r) => ({ ...r.base, rationale: r.rationale, prediction: r.prediction, verdict: r.verdict }));

export function tierAtLeast(tier: TrustTier, floor: TrustTier): boolean {
  return TRUST_TIERS.indexOf(tier) >= TRUST_TIERS.indexOf(floor);
}
