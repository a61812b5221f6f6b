// The vocabulary of the decision pipeline. Pure data: no I/O, no database types.

export type Domain = 'email' | 'calendar' | 'finance';
export const DOMAINS: readonly Domain[] = ['email', 'calendar', 'finance'];

export type TrustTier = 'observer' | 'suggest' | 'low' | 'moderate' | 'high';
export const TRUST_TIERS: readonly TrustTier[] = ['observer', 'suggest', 'low', 'moderate', 'high'];

export type RiskLevel = 'negligible' | 'low' | 'moderate' | 'high' | 'critical';
export const RISK_LEVELS: readonly RiskLevel[] = ['negligible', 'low', 'moderate', 'high', 'critical'];

export type Urgency = 'low' | 'normal' | 'high' | 'critical';

/** Injected so the core never reads the wall clock or a random source itself. */
export interface Clock {
  now(): Date;
}
export interface IdGenerator {
  /** A fresh UUID. */
  next(): string;
}

// ---------------------------------------------------------------- signals

export type SignalSource = 'gmail' | 'calendar';

export interface EmailData {
  messageId: string;
  threadId: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  snippet: string;
  labels: string[];
  listUnsubscribe: string | null;
  bodyText: string;
  [extra: string]: unknown;
}

export interface CalendarAttendee {
  email: string;
  self?: boolean;
  responseStatus?: 'needsAction' | 'accepted' | 'declined' | 'tentative';
  [extra: string]: unknown;
}

export interface CalendarData {
  eventId: string;
  calendarId: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  summary: string;
  start: string;
  end: string;
  allDay: boolean;
  organizer: string;
  recurringEventId: string | null;
  attendees: CalendarAttendee[];
  [extra: string]: unknown;
}

interface SignalBase {
  userId: string;
  externalId: string;
  occurredAt: string;
}
export interface EmailSignal extends SignalBase {
  source: 'gmail';
  type: 'email.received';
  data: EmailData;
}
export interface CalendarSignal extends SignalBase {
  source: 'calendar';
  type: 'calendar.event';
  data: CalendarData;
}
export type Signal = EmailSignal | CalendarSignal;

// ------------------------------------------------------------- situations

export type EmailSituationKind =
  | 'newsletter'
  | 'promotion'
  | 'receipt'
  | 'notification'
  | 'security_alert'
  | 'subscription_renewal'
  | 'personal'
  | 'work_request'
  | 'unknown_sender'
  /** A question the user sent that nobody answered in time (posted by the follow-up sweep). */
  | 'follow_up';
export type CalendarSituationKind =
  | 'calendar_invitation'
  | 'calendar_conflict'
  | 'calendar_update'
  | 'calendar_cancellation';
export type SituationKind = EmailSituationKind | CalendarSituationKind | 'unknown';

/** What the interpreter read from the signal, for candidates, policy and explanations. */
export interface SituationFacts {
  /** Lower-cased sender (email) or organizer (calendar) address. */
  counterpart?: string;
  /** Lower-cased domain of `counterpart`. */
  counterpartDomain?: string;
  subject?: string;
  /** Subscription renewal: amount in integer cents and the renewal date (YYYY-MM-DD) when found. */
  amountCents?: number;
  currency?: string;
  renewalDate?: string;
  /** Calendar: the event and its time span (ISO 8601). */
  eventId?: string;
  calendarId?: string;
  start?: string;
  end?: string;
  /** Calendar conflict: the accepted events this one overlaps. */
  conflictsWith?: { eventId: string; summary: string; start: string; end: string }[];
  /** Current response of the user to an invitation. */
  selfResponse?: string;
  recipientCount?: number;
  messageId?: string;
  threadId?: string;
  /** Calendar update: the span before this version, when the store knew it (see InterpretContext.previousEvent). */
  previousStart?: string;
  previousEnd?: string;
  /** Calendar update: true when start or end moved; absent when no earlier version was known. */
  timeChanged?: boolean;
  /** Follow-up: when the user asked, that day as a person says it, and the asking sentence. */
  followUp?: { askedAt: string; askedOn: string; question: string };
  /** Mail a draft answers: the sender asks to meet or talk, for this many minutes (30 when unstated). */
  meetingRequest?: { minutes: number };
  /** Mail a draft answers: the first deadline it sets, resolved to a date in the user's zone when drafting. */
  deadline?: DeadlineMention;
}

/** A deadline as written: a calendar date, a weekday (0 = Monday) or a number of days after the mail. */
export type DeadlineMention = { phrase: string } & ({ on: 'date'; date: string } | { on: 'weekday'; weekday: number } | { on: 'days'; days: number });

export interface Situation {
  kind: SituationKind;
  domain: Domain;
  urgency: Urgency;
  /** 0..1: how sure the interpreter is of `kind`. */
  confidence: number;
  /** One line a user can read, e.g. "Newsletter from news@acme.com". */
  summary: string;
  /** Why the interpreter chose `kind`: one readable clue per entry. */
  evidence: string[];
  facts: SituationFacts;
}

/**
 * What the interpreter may know about the counterpart from earlier signals.
 * Collected by the store, passed in, never fetched by the core.
 */
export interface SenderHistory {
  /** Signals seen earlier from this counterpart (this user only). */
  seenCount: number;
  /** Times the user replied to / accepted from this counterpart. */
  repliedCount: number;
}

/** Accepted events of the user overlapping a calendar signal's span; loaded by the store. */
export interface AcceptedEvent {
  eventId: string;
  summary: string;
  start: string;
  end: string;
}

// ---------------------------------------------------------------- actions

export const ACTION_TYPES = [
  'archive',
  'label',
  'mark_read',
  'draft_reply',
  'rsvp',
  'flag_for_review',
  'approve_renewal',
  'do_nothing',
  // Never proposed automatically; listed so the policy can refuse them wherever they come from.
  'send_email',
  'delete_permanently',
  'accept_terms',
  'share_credentials',
  'change_security_settings',
] as const;

export type ActionType = (typeof ACTION_TYPES)[number];

export type Reversibility = 'full' | 'partial' | 'none' | 'unknown';

export interface ActionSpec {
  type: ActionType;
  domain: Domain;
  /** e.g. { messageId } for archive, { label } for label, { response } for rsvp, { body, to } for draft. */
  parameters: Record<string, unknown>;
  reversibility: Reversibility;
  estimatedCostCents: number;
}

export interface RiskDimension {
  level: RiskLevel;
  reason: string;
}
export type RiskDimensionName = 'reversibility' | 'financial' | 'legal' | 'privacy' | 'relationship' | 'operational';
export const RISK_DIMENSIONS: readonly RiskDimensionName[] = [
  'reversibility',
  'financial',
  'legal',
  'privacy',
  'relationship',
  'operational',
];
export interface RiskAssessment {
  overall: RiskLevel;
  dimensions: Record<RiskDimensionName, RiskDimension>;
}

export interface Candidate {
  action: ActionSpec;
  risk: RiskAssessment;
  /** One line: why this action is sensible for the situation. */
  rationale: string;
}

// ------------------------------------------------------------------- twin

export type PreferenceSource = 'explicit' | 'inferred';
export type FeedbackKind = 'approve' | 'reject' | 'edit' | 'undo' | 'confirm' | 'correct' | 'restate';

export interface Evidence {
  kind: FeedbackKind | 'seed';
  /** +1 supports the preference's value, -1 contradicts it; explicit statements weigh more. */
  weight: number;
  decisionId: string | null;
  at: string;
  note: string;
  /**
   * What the feedback said in its own terms: the action value it spoke about and its weight for
   * that value. `weight` above stays relative to the preference's current value; the twin
   * recomputes it from `about` when the preference switches value. Absent = about the current value.
   */
  about?: { value: string; weight: number };
}

export interface Preference {
  /** Stable key, e.g. "email.sender:news@acme.com" or "email.situation:newsletter". */
  key: string;
  domain: Domain;
  /** The preferred action type, or for RSVP preferences "rsvp:accepted" etc. */
  value: string;
  confidence: number;
  source: PreferenceSource;
  evidence: Evidence[];
  updatedAt: string;
}

export interface TrustProgress {
  approvals: number;
  rejections: number;
  undos: number;
  /** Consecutive approvals/confirmations since the last rejection or undo. */
  streak: number;
  /** Most recent feedback outcomes, newest last, at most 20: true = approved/confirmed. */
  recent: boolean[];
}

/**
 * How the twin has fared in one scope: a (domain, situation kind), narrowed to one sender or one
 * sender's domain where there are answers about it. Counts are of answers scored against the twin's
 * prediction, scaled down together once they pass a cap so the record follows the recent past.
 */
export interface ScopeRecord {
  agree: number;
  disagree: number;
  /**
   * Disagreements, newest last, at most a handful: when, how, whether others had seen the action,
   * and whether SkyTwin had run it alone (only those are failures of autonomy).
   */
  misses: { at: string; kind: 'reject' | 'correct' | 'undo' | 'cancel'; severe: boolean; auto?: boolean }[];
  /** Set by an undo of an action other people had seen: the scope asks until it earns its way back. */
  hold: { since: string; agreedSince: number } | null;
  /** Agreements since the latest miss (kept once there was one): enough of them lift the miss. */
  agreedSinceMiss?: number;
  updatedAt: string;
}

/** Every scope the twin has answers for, by scope key (see scopeKeysFor), and per-domain demotion marks. */
export interface ScopeLedger {
  scopes: Record<string, ScopeRecord>;
  /** When each domain was last demoted because several scopes went wrong: older misses do not count again. */
  demotedAt: Partial<Record<Domain, string>>;
}

export interface TwinProfile {
  userId: string;
  version: number;
  preferences: Preference[];
  trust: Record<Domain, TrustProgress>;
  /** Per-scope trust; absent on twins that have never had an answer scored. */
  scopes?: ScopeLedger;
}

/** The twin's prediction for one candidate. */
export interface Prediction {
  /** 0..1: how much the user would want this action. 0.5 = no idea. */
  score: number;
  /** 0..1: how sure the twin is. */
  confidence: number;
  /** Keys of the preferences that produced this prediction (feedback goes back to exactly these). */
  preferenceKeys: string[];
  reason: string;
  /** Present when the text model of the user's mail raised this prediction (see domain/textmodel). */
  similarMail?: { value: string; similar: number; confidence: number };
}

// --------------------------------------------------------------- settings

export interface QuietHours {
  start: string; // "HH:MM"
  end: string; // "HH:MM"
  timeZone: string; // IANA zone
}

export interface TrustProgressionSettings {
  enabled: boolean;
  /** Automatic promotion never goes above this tier. */
  maxAutoTier: TrustTier;
  /** Approvals in a row (streak) needed for one step up. */
  promoteAfterApprovals: number;
  /** Approval rate over the recent window needed for a step up (0..1). */
  minApprovalRate: number;
  /** Rejections among the recent window that cause one step down. */
  demoteAfterRejections: number;
  /** Any undo of an automatic action causes one step down when true. */
  demoteOnUndo: boolean;
  /** Actions in a domain that need approval before SkyTwin may act alone there, whatever the tier (0 waives the ramp). */
  newDomainApprovals: number;
  /** Answers a scope needs before it can earn autonomy. Absent: 5. */
  scopeMinAnswers?: number;
  /** Bar for the 95 % Wilson lower bound of a scope's accuracy (0..1). Absent: 0.85. */
  scopeMinAccuracy?: number;
  /** Days a disagreement counts as recent (for a scope's standing and for demoting a domain). Absent: 14. */
  scopeWindowDays?: number;
  /** Scopes going wrong within the window that move their domain one tier down (0: never). Absent: 3. */
  demoteAfterFailingScopes?: number;
}

export interface AutonomySettings {
  trustTiers: Record<Domain, TrustTier>;
  spendLimits: { perActionCents: number; dailyCents: number };
  quietHours: QuietHours | null;
  blockedDomains: string[];
  /** Per-domain overrides of the spend limits and of which irreversible actions may run at high. */
  domainOverrides: Partial<Record<Domain, { perActionCents?: number; dailyCents?: number; allowIrreversible?: ActionType[] }>>;
  trustProgression: TrustProgressionSettings;
  /** Days without an answer after which a question the user sent becomes a follow-up. Absent: 3. */
  followUpAfterDays?: number;
}

// ----------------------------------------------------------------- policy

export type VerdictKind = 'allowed' | 'needs_approval' | 'denied';

export interface PolicyReason {
  /** Stable code, e.g. "tier_observer", "spend_per_action", "quiet_hours", "never_list". */
  code: string;
  message: string;
}

export interface Verdict {
  verdict: VerdictKind;
  reasons: PolicyReason[];
  /** Allowed but must wait (quiet hours): run no earlier than this instant. */
  notBefore: string | null;
}

/** Facts the policy needs beyond the candidate; collected by the store. */
export interface PolicyContext {
  settings: AutonomySettings;
  situation: Situation;
  /** Committed spend in the rolling 24 h before `now`, integer cents. */
  spentLast24hCents: number;
  /** Actions already executed (automatically or approved) in the candidate's domain, ever. */
  executedInDomain: Record<Domain, number>;
  now: Date;
  /** When the user is usually active (the temporal profile); absent or null: timing is not adjusted. */
  activeHours?: ActiveHours | null;
  /** Whether the situation's scope has earned autonomy; absent: the tier alone decides. */
  scope?: ScopeGate | null;
}

/** Whether one situation's scope has earned autonomy (built from the twin's scope ledger, read by the tier rule). */
export interface ScopeGate {
  /** The scope's standing: may SkyTwin act alone here, with a stable code and the reason in words. */
  runs: boolean;
  code: string;
  message: string;
  /**
   * An action value (see actionValue) the user explicitly asked for in this situation: it runs even
   * where the scope has not earned autonomy, unless contrary signals since outweigh the statement.
   */
  explicit: { value: string; runs: boolean; code: string; message: string } | null;
}

/**
 * The hours a user is usually active, from the temporal profile: [start, end) local time in
 * `timeZone`, wrapping midnight when start > end; `hours` 24 means all day.
 */
export interface ActiveHours {
  start: string; // "HH:MM"
  end: string; // "HH:MM"
  hours: number;
  timeZone: string; // IANA zone
  /** 'learned' from enough answers, or the 'default' window used until there are. */
  source: 'learned' | 'default';
  /** Where the window comes from, in words, e.g. "learned from your last 57 answers". */
  basis: string;
}

// ---------------------------------------------------------------- outcome

export type Outcome = 'auto_execute' | 'needs_approval' | 'no_action' | 'shadow';

export interface EvaluatedCandidate extends Candidate {
  prediction: Prediction;
  verdict: Verdict;
}

export interface OutcomeDecision {
  outcome: Outcome;
  /** Index into the evaluated candidates, or null when nothing is selected. */
  selectedIndex: number | null;
  reasons: PolicyReason[];
  /** For needs_approval: when the request expires (15 min / 24 h / 72 h by urgency). */
  approvalExpiresAt: string | null;
  /** For auto_execute deferred by quiet hours. */
  notBefore: string | null;
}

export interface AlternativeExplanation {
  action: ActionType;
  verdict: VerdictKind;
  why: string;
}

export interface Explanation {
  summary: string;
  whatHappened: string;
  evidence: string[];
  preferencesUsed: { key: string; value: string; confidence: number }[];
  whyThisAction: string;
  alternatives: AlternativeExplanation[];
  whatWouldChange: string[];
  howToCorrect: string[];
}

/** Everything the pure pipeline produces for one signal; the store persists it in one transaction. */
export interface DecisionDraft {
  id: string;
  situation: Situation;
  candidates: EvaluatedCandidate[];
  outcome: OutcomeDecision;
  explanation: Explanation;
  /** The tier in force for the situation's domain when deciding. */
  tier: TrustTier;
}

// ------------------------------------------------------- module contracts

export interface InterpretContext {
  /** The user's own address, lower-cased (to tell self from others). */
  userEmail: string;
  senderHistory: SenderHistory;
  /** For calendar signals: the user's accepted events overlapping the signal's span. */
  acceptedEvents: AcceptedEvent[];
  /**
   * For calendar signals: the span of the previous stored version of the same event, if any.
   * Lets the interpreter tell a moved event (worth a look) from a cosmetic update.
   */
  previousEvent?: { start: string; end: string } | null;
}

export interface FeedbackInput {
  kind: FeedbackKind;
  decisionId: string;
  situation: Situation;
  /** The action the decision selected (what was approved, rejected, undone or confirmed). */
  action: ActionSpec | null;
  /** For 'edit' and 'correct': the action the user chose instead (edited parameters included). */
  correctedAction: ActionSpec | null;
  /** The selected candidate's prediction keys: evidence goes to exactly these (created if absent). */
  preferenceKeys: string[];
  /** True when the action had run without asking (an undo of it then weighs on trust). */
  wasAutomatic: boolean;
  /** An undo that cancelled the action before it ran: a correction, not a failure of autonomy. */
  cancelledBeforeRun?: boolean;
}

export interface TierChange {
  domain: Domain;
  from: TrustTier;
  to: TrustTier;
  reason: string;
}

export interface FeedbackResult {
  twin: TwinProfile;
  /** Readable lines, one per preference touched, for the twin version's reason. */
  changes: string[];
  /** A promotion or demotion of the situation's domain, or null. */
  tierChange: TierChange | null;
  /** When the answer changed whether SkyTwin may act alone in its scope: that change in words. */
  scopeChange?: string | null;
}
