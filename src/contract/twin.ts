// The twin as a person reads it: what SkyTwin learned, why it believes it, how that changed over
// time and how close each domain is to more autonomy.
import { Type, type Static } from '@sinclair/typebox';
import { Tier, Uuid } from './common.js';

const DateTime = Type.String({ format: 'date-time' });
const Domain = Type.Union([Type.Literal('email'), Type.Literal('calendar'), Type.Literal('finance')]);
const Source = Type.Union([Type.Literal('explicit'), Type.Literal('inferred')]);

/** One piece of evidence as stored: what happened, when, from which decision. */
export const EvidenceItem = Type.Object({
  kind: Type.String(),
  /** Positive: supports the preference's value; negative: speaks against it. */
  weight: Type.Number(),
  decisionId: Type.Union([Uuid, Type.Null()]),
  at: DateTime,
  note: Type.String(),
});

/** Evidence of one kind summed up in one line: "approved "archive" 6 times between 2 and 9 Nov". */
export const EvidenceLine = Type.Object({
  kind: Type.String(),
  count: Type.Integer({ minimum: 1 }),
  supports: Type.Boolean(),
  firstAt: DateTime,
  lastAt: DateTime,
  text: Type.String(),
});

export const PreferenceView = Type.Object({
  key: Type.String(),
  domain: Domain,
  value: Type.String(),
  /** 0..1. */
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  source: Source,
  /** Where it came from, in one sentence: "You said so on 3 Nov" or "Learned from 7 of your answers". */
  origin: Type.String(),
  /** What it means: "archive newsletters from news@acme.com". */
  summary: Type.String(),
  evidence: Type.Array(EvidenceItem),
  evidenceSummary: Type.Array(EvidenceLine),
  updatedAt: DateTime,
});

/** Trust in one domain: the tier, the ceiling the user allows, and the way to the next tier. */
export const TrustView = Type.Object({
  domain: Domain,
  tier: Tier,
  /** The highest tier SkyTwin may promote itself to (settings: trustProgression.maxAutoTier). */
  ceiling: Tier,
  progressionEnabled: Type.Boolean(),
  /** The tier a promotion would reach; null at the ceiling, at the top or with progression off. */
  nextTier: Type.Union([Tier, Type.Null()]),
  approvals: Type.Integer({ minimum: 0 }),
  rejections: Type.Integer({ minimum: 0 }),
  undos: Type.Integer({ minimum: 0 }),
  /** Approvals in a row without a rejection or undo. */
  streak: Type.Integer({ minimum: 0 }),
  streakNeeded: Type.Integer({ minimum: 1 }),
  /** More approvals in a row needed for the next tier (0: the next one can promote); null when no promotion is possible. */
  approvalsToNext: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  /** Share approved among the recent outcomes; null with none yet. */
  approvalRate: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]),
  minApprovalRate: Type.Number({ minimum: 0, maximum: 1 }),
  /** 0..1 of the way to the next tier, for a progress bar; 1 at the ceiling. */
  progress: Type.Number({ minimum: 0, maximum: 1 }),
  sentence: Type.String(),
});

export const TwinHistoryEntry = Type.Object({ version: Type.Integer({ minimum: 1 }), reason: Type.String(), changes: Type.Array(Type.String()), at: DateTime });

export const TemporalSummary = Type.Object({
  route: Type.String(),
  activeWindow: Type.Object({
    start: Type.String(),
    end: Type.String(),
    hours: Type.Integer(),
    timeZone: Type.String(),
    source: Type.Union([Type.Literal('learned'), Type.Literal('default')]),
    explanation: Type.String(),
  }),
  basedOn: Type.Object({ answers: Type.Integer({ minimum: 0 }), trusted: Type.Boolean() }),
  effects: Type.Array(Type.Object({ decisionId: Uuid, createdAt: DateTime, code: Type.String(), message: Type.String() })),
});

/** GET /api/users/:userId/twin */
/** What the text model of the user's mail has learned: examples per action and the features that point to each. */
export const TextModelView = Type.Object({
  examples: Type.Integer({ minimum: 0 }),
  vocabulary: Type.Integer({ minimum: 0 }),
  actions: Type.Array(Type.Object({ value: Type.String(), examples: Type.Integer({ minimum: 0 }), strongest: Type.Array(Type.String()) })),
});
/** The tone learned from the user's replies: the greeting and sign-off drafts use, and every variant seen. */
export const ToneView = Type.Object({
  greeting: Type.Union([Type.String(), Type.Null()]),
  signOff: Type.Union([Type.String(), Type.Null()]),
  samples: Type.Integer({ minimum: 0 }),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  greetings: Type.Array(Type.Object({ text: Type.String(), count: Type.Integer({ minimum: 0 }) })),
  signOffs: Type.Array(Type.Object({ text: Type.String(), count: Type.Integer({ minimum: 0 }) })),
});
/** DELETE /api/users/:userId/twin/text-model */
export const TextModelForgotten = Type.Object({ forgotten: Type.Boolean() });

/** One scope of the per-scope trust ledger: (domain, situation kind), or that narrowed to a sender or a sender's domain. */
export const ScopeEntryView = Type.Object({
  key: Type.String(),
  domain: Domain,
  /** "newsletters from digest@compilerweekly.example". */
  scope: Type.String(),
  /** Answers scored in this scope; old ones are scaled down together, so they may be fractional. */
  answers: Type.Number({ minimum: 0 }),
  agreed: Type.Number({ minimum: 0 }),
  /** The accuracy SkyTwin has at least here (Wilson 95 % lower bound), 0..1. */
  lowerBound: Type.Number({ minimum: 0, maximum: 1 }),
  /** Whether the record clears the bar (trustProgression.scopeMinAnswers and scopeMinAccuracy); a hold still makes it ask. */
  earned: Type.Boolean(),
  lastMiss: Type.Union([
    Type.Object({ at: DateTime, kind: Type.Union([Type.Literal('reject'), Type.Literal('correct'), Type.Literal('undo'), Type.Literal('cancel')]), severe: Type.Boolean(), text: Type.String() }),
    Type.Null(),
  ]),
  /** Set after an undo of an action others had seen: the scope asks until this many more approvals. */
  hold: Type.Union([Type.Object({ since: DateTime, approvalsToLift: Type.Integer({ minimum: 1 }) }), Type.Null()]),
  updatedAt: DateTime,
});
export type ScopeEntryViewT = Static<typeof ScopeEntryView>;

/** The most recently answered scopes (at most 50) and how many the twin keeps. */
export const ScopeLedgerView = Type.Object({ total: Type.Integer({ minimum: 0 }), entries: Type.Array(ScopeEntryView) });

export const TwinBody = Type.Object({
  userId: Uuid,
  version: Type.Integer({ minimum: 0 }),
  preferences: Type.Array(PreferenceView),
  trustByDomain: Type.Array(TrustView),
  /** The newest versions (the full, paged list is at /twin/versions). */
  history: Type.Array(TwinHistoryEntry),
  temporalProfile: Type.Union([TemporalSummary, Type.Null()]),
  /** The text model of the user's mail (see README, "The text model"). */
  textModel: Type.Optional(TextModelView),
  /** The greeting and sign-off reply drafts use, learned from the drafts the user edited (see README, "Drafts"). */
  tone: Type.Optional(ToneView),
  /** Trust per scope, most recent activity first (see README, "Trust is earned and lost per scope"). */
  scopes: ScopeLedgerView,
});
export type Twin = Static<typeof TwinBody>;
export type PreferenceViewT = Static<typeof PreferenceView>;
export type TrustViewT = Static<typeof TrustView>;

export const PreferenceKeyParams = Type.Object({ userId: Uuid, key: Type.String({ minLength: 3, maxLength: 200 }) });
export const PreferenceBody = Type.Object({ value: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export type PreferenceInput = Static<typeof PreferenceBody>;

/** PUT /api/users/:userId/twin/preferences/:key */
export const PreferenceSaved = Type.Object({ preference: Type.Union([PreferenceView, Type.Null()]), version: Type.Integer({ minimum: 1 }) });
export type PreferenceSavedBody = Static<typeof PreferenceSaved>;
/** DELETE /api/users/:userId/twin/preferences/:key */
export const PreferenceRemoved = Type.Object({ version: Type.Integer({ minimum: 1 }) });
export type PreferenceRemovedBody = Static<typeof PreferenceRemoved>;

/** One change a version made: a preference or a tier, before → after. */
export const VersionChange = Type.Union([
  Type.Object({
    kind: Type.Literal('preference'),
    key: Type.String(),
    /** What the preference is about, in words: "newsletters", "mail from news@acme.com". */
    about: Type.Optional(Type.String()),
    before: Type.Union([Type.Object({ value: Type.String(), confidence: Type.Number(), source: Source }), Type.Null()]),
    after: Type.Union([Type.Object({ value: Type.String(), confidence: Type.Number(), source: Source }), Type.Null()]),
  }),
  Type.Object({ kind: Type.Literal('trust'), domain: Domain, before: Tier, after: Tier, reason: Type.String() }),
]);
export type VersionChangeT = Static<typeof VersionChange>;

const CauseKind = Type.Union([
  Type.Literal('approve'),
  Type.Literal('reject'),
  Type.Literal('edit'),
  Type.Literal('undo'),
  Type.Literal('confirm'),
  Type.Literal('correct'),
  Type.Literal('restate'),
  Type.Literal('remove'),
  Type.Literal('other'),
]);

export const TwinVersion = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  at: DateTime,
  /** Why, in words: "You approved archiving the message from …" */
  why: Type.String(),
  cause: Type.Object({ kind: CauseKind, decisionId: Type.Union([Uuid, Type.Null()]) }),
  /** Structured before → after (empty for versions recorded before SkyTwin kept them). */
  changes: Type.Array(VersionChange),
  /** The same in sentences, as the twin recorded them. */
  notes: Type.Array(Type.String()),
});
export type TwinVersionT = Static<typeof TwinVersion>;

export const TwinVersionsQuery = Type.Object({
  /** The `nextCursor` of the previous page. */
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
/** GET /api/users/:userId/twin/versions */
export const TwinVersionsBody = Type.Object({
  versions: Type.Array(TwinVersion),
  total: Type.Integer({ minimum: 0 }),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type TwinVersions = Static<typeof TwinVersionsBody>;
