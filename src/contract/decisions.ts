// Decisions (the dashboard's Activity view and every decision's detail): the filtered list, each
// decision's current life, its explanation with links to the settings that would change it,
// undo, shadow feedback and "undo everything SkyTwin did today".
import { Type, type Static } from '@sinclair/typebox';
import { ActionTypeName, Uuid } from './common.js';
import { ActionBody, ApprovalStatus, DraftText, RiskSummary, Sender, SituationWords } from './approvals.js';

const DateTime = Type.String({ format: 'date-time' });
const DateTimeOrNull = Type.Union([DateTime, Type.Null()]);
const TextOrNull = Type.Union([Type.String(), Type.Null()]);

export const LifeStateName = Type.Union([
  Type.Literal('pending'),
  Type.Literal('queued'),
  Type.Literal('executed'),
  Type.Literal('failed'),
  Type.Literal('undone'),
  Type.Literal('cancelled'),
  Type.Literal('expired'),
  Type.Literal('rejected'),
  Type.Literal('shadow'),
  Type.Literal('nothing'),
]);
export type LifeStateName = Static<typeof LifeStateName>;

/** Where a decision stands now, computed from what is stored: `at` when it got there, `reason` in words. */
export const Life = Type.Object({ state: LifeStateName, at: DateTimeOrNull, reason: TextOrNull });
export type Life = Static<typeof Life>;

export const DecisionOutcome = Type.Union([
  Type.Literal('auto_execute'),
  Type.Literal('needs_approval'),
  Type.Literal('no_action'),
  Type.Literal('shadow'),
]);

/** `GET /api/users/:userId/decisions`: newest first, by cursor; every filter optional, all combine. */
export const DecisionListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    outcome: Type.Optional(DecisionOutcome),
    domain: Type.Optional(Type.Union([Type.Literal('email'), Type.Literal('calendar'), Type.Literal('finance')])),
    situation: Type.Optional(Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z_]+$' })),
    state: Type.Optional(LifeStateName),
    /** Sender (name or address) or subject contains this, case-insensitive. */
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type DecisionListQuery = Static<typeof DecisionListQuery>;

/** A shadow (or no-action) decision's feedback: not yet given, confirmed, or corrected to another action. */
export const ShadowFeedback = Type.Object({
  given: Type.Union([Type.Literal('confirmed'), Type.Literal('corrected'), Type.Null()]),
  correctedTo: TextOrNull,
});
export type ShadowFeedback = Static<typeof ShadowFeedback>;

export const DecisionListItem = Type.Object({
  id: Uuid,
  signalId: Uuid,
  source: Type.String(),
  externalId: Type.String(),
  domain: Type.String(),
  /** The situation kind (kept as a string for older clients); `situationWords` reads it. */
  situation: Type.String(),
  situationWords: Type.String(),
  outcome: DecisionOutcome,
  sender: Sender,
  subject: TextOrNull,
  /** The headline now: what happened, or what waits. */
  summary: Type.String(),
  /** The selected action's type, or null when nothing was selected. */
  action: TextOrNull,
  life: Life,
  /** True only while an undo would succeed. */
  undoable: Type.Boolean(),
  /** For decisions that ran nothing (shadow, no action): whether the user confirmed or corrected them. */
  feedback: Type.Union([ShadowFeedback, Type.Null()]),
  createdAt: DateTime,
});
export type DecisionListItem = Static<typeof DecisionListItem>;

export const DecisionList = Type.Object({ decisions: Type.Array(DecisionListItem), nextCursor: TextOrNull });
export type DecisionList = Static<typeof DecisionList>;

/** A link to the place where a setting or preference would change the outcome. */
export const SettingLink = Type.Object({
  label: Type.String(),
  view: Type.Union([Type.Literal('settings'), Type.Literal('twin')]),
  /** `trustTiers.email`, `spendLimits`, `quietHours`, `blockedDomains`, or a preference key on the Twin page. */
  field: Type.String(),
});
export type SettingLink = Static<typeof SettingLink>;

export const AlternativeBody = Type.Object({
  action: Type.String(),
  verdict: Type.String(),
  /** The verdict in words: "allowed", "would need your approval", "not allowed". */
  verdictWords: Type.String(),
  /** The action in words: "Archive this newsletter". */
  words: Type.String(),
  why: Type.String(),
});

export const ExplanationBody = Type.Object({
  summary: Type.String(),
  /** The summary written when SkyTwin decided, before anything happened after. */
  decidedSummary: Type.String(),
  whatHappened: Type.String(),
  evidence: Type.Array(Type.String()),
  preferencesUsed: Type.Array(Type.Object({ key: Type.String(), value: Type.String(), confidence: Type.Number() })),
  whyThisAction: Type.String(),
  alternatives: Type.Array(AlternativeBody),
  whatWouldChange: Type.Array(Type.String()),
  /** The settings and preferences that would change this outcome, as links. */
  changeLinks: Type.Array(SettingLink),
  howToCorrect: Type.Array(Type.String()),
});
export type ExplanationBody = Static<typeof ExplanationBody>;

export const CandidateBody = Type.Object({
  id: Uuid,
  position: Type.Integer(),
  action: Type.String(),
  domain: Type.String(),
  parameters: Type.Unknown(),
  reversible: Type.Boolean(),
  reversibility: Type.String(),
  estimatedCostCents: Type.Integer(),
  risk: Type.Unknown(),
  rationale: Type.String(),
  prediction: Type.Unknown(),
  verdict: Type.String(),
  reasons: Type.Unknown(),
  notBefore: DateTimeOrNull,
});

export const ExecutionBody = Type.Object({
  actionId: Uuid,
  kind: Type.String(),
  state: Type.String(),
  type: Type.String(),
  parameters: Type.Unknown(),
  authorizedBy: Type.String(),
  attempts: Type.Integer(),
  result: Type.Unknown(),
  error: TextOrNull,
  updatedAt: DateTime,
});

export const DecisionApproval = Type.Object({
  id: Uuid,
  decisionId: Uuid,
  userId: Uuid,
  status: ApprovalStatus,
  urgency: Type.String(),
  expiresAt: DateTime,
  respondedAt: DateTimeOrNull,
  response: Type.Unknown(),
  action: Type.Union([ActionBody, Type.Null()]),
  summary: TextOrNull,
  note: TextOrNull,
  createdAt: DateTime,
});

/** An action the user may correct a shadow decision to (`POST /api/decisions/:id/feedback`). */
export const CorrectOption = Type.Object({ action: Type.String(), words: Type.String() });

/** `GET /api/decisions/:id` (CONTRACT.md "Decision", plus what the dashboard needs). */
export const DecisionBody = Type.Object({
  id: Uuid,
  userId: Uuid,
  signalId: Uuid,
  source: Type.String(),
  externalId: Type.String(),
  domain: Type.String(),
  situation: Type.Unknown(),
  situationWords: SituationWords,
  tier: Type.String(),
  outcome: DecisionOutcome,
  reasons: Type.Unknown(),
  notBefore: DateTimeOrNull,
  sender: Sender,
  subject: TextOrNull,
  snippet: TextOrNull,
  proposal: TextOrNull,
  draft: Type.Union([DraftText, Type.Null()]),
  risk: Type.Union([RiskSummary, Type.Null()]),
  selectedAction: Type.Union([CandidateBody, Type.Null()]),
  candidates: Type.Array(CandidateBody),
  explanation: ExplanationBody,
  approval: Type.Union([DecisionApproval, Type.Null()]),
  execution: Type.Union([ExecutionBody, Type.Null()]),
  undo: Type.Union([ExecutionBody, Type.Null()]),
  life: Life,
  undoable: Type.Boolean(),
  feedback: Type.Union([ShadowFeedback, Type.Null()]),
  correctOptions: Type.Array(CorrectOption),
  createdAt: DateTime,
});
export type DecisionBody = Static<typeof DecisionBody>;

export const UndoResult = Type.Object({
  decisionId: Uuid,
  undo: Type.Union([Type.Literal('cancelled'), Type.Literal('queued')]),
  actionId: Uuid,
});
export type UndoResult = Static<typeof UndoResult>;

export const FeedbackBody = Type.Union([
  Type.Object({ kind: Type.Literal('confirm') }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('correct'), action: ActionTypeName, parameters: Type.Optional(Type.Record(Type.String(), Type.Unknown())) },
    { additionalProperties: false },
  ),
]);
export type FeedbackBody = Static<typeof FeedbackBody>;

export const FeedbackResult = Type.Object({ decisionId: Uuid, kind: Type.String(), twinVersion: Type.Integer() });
export type FeedbackResult = Static<typeof FeedbackResult>;

/** One action SkyTwin ran on its own today, as the undo-today preview lists it. */
export const UndoTodayItem = Type.Object({
  decisionId: Uuid,
  actionId: Uuid,
  sender: Sender,
  subject: TextOrNull,
  summary: Type.String(),
  executedAt: DateTime,
  /** What undoing does, in words: "Move it back to the inbox". */
  undo: Type.String(),
});
export const UndoTodaySkipped = Type.Object({
  decisionId: Uuid,
  sender: Sender,
  subject: TextOrNull,
  summary: Type.String(),
  executedAt: DateTimeOrNull,
  /** Why it cannot be undone, in words. */
  why: Type.String(),
});

/** `GET /api/users/:userId/undo-today`. */
export const UndoTodayPreview = Type.Object({
  timeZone: Type.String(),
  since: DateTime,
  items: Type.Array(UndoTodayItem),
  cannot: Type.Array(UndoTodaySkipped),
});
export type UndoTodayPreview = Static<typeof UndoTodayPreview>;

/** `POST /api/users/:userId/undo-today`: the decision ids the preview showed; nothing else is undone. */
export const UndoTodayBody = Type.Object({ ids: Type.Array(Uuid, { minItems: 1, maxItems: 1000, uniqueItems: true }) }, { additionalProperties: false });
export type UndoTodayBody = Static<typeof UndoTodayBody>;

export const UndoTodayResult = Type.Object({
  undone: Type.Array(UndoResult),
  failed: Type.Array(Type.Object({ decisionId: Uuid, code: Type.String(), message: Type.String() })),
});
export type UndoTodayResult = Static<typeof UndoTodayResult>;
