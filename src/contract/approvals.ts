// Approvals (the dashboard's home view): the list with totals, urgency counts and similar-item
// groups, each row complete enough to render from one request; the answers and the bulk approve.
import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './common.js';

const DateTime = Type.String({ format: 'date-time' });
const DateTimeOrNull = Type.Union([DateTime, Type.Null()]);
const TextOrNull = Type.Union([Type.String(), Type.Null()]);

export const ApprovalStatus = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('expired')]);
export const UrgencyName = Type.Union([Type.Literal('low'), Type.Literal('normal'), Type.Literal('high'), Type.Literal('critical')]);
export const RiskLevelName = Type.Union([
  Type.Literal('negligible'),
  Type.Literal('low'),
  Type.Literal('moderate'),
  Type.Literal('high'),
  Type.Literal('critical'),
]);

/** `GET /api/users/:userId/approvals`: newest first, by cursor; `group` narrows to one similar-items group. */
export const ApprovalListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('expired'), Type.Literal('all')]),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    /** Kept for older clients; `cursor` is the way to page. */
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
    group: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  },
  { additionalProperties: false },
);
export type ApprovalListQuery = Static<typeof ApprovalListQuery>;

/** Who the item is from: the display name when the message had one, and the address. */
export const Sender = Type.Object({ name: TextOrNull, address: TextOrNull });
export type Sender = Static<typeof Sender>;

/** What SkyTwin read the item as: `kind` for filters, `words` for people ("Newsletter from news@acme.com"). */
export const SituationWords = Type.Object({ kind: Type.String(), words: Type.String() });

export const ActionBody = Type.Object({
  type: Type.String(),
  domain: Type.String(),
  parameters: Type.Record(Type.String(), Type.Unknown()),
  reversibility: Type.String(),
  estimatedCostCents: Type.Integer(),
});
export type ActionBody = Static<typeof ActionBody>;

/** A reply draft's text, editable in place (`POST /api/approvals/:id/edit {parameters:{body}}`). */
export const DraftText = Type.Object({ to: Type.Array(Type.String()), subject: Type.String(), body: Type.String() });
export type DraftText = Static<typeof DraftText>;

/** Overall risk and the reasons behind every dimension above negligible, worst first. */
export const RiskSummary = Type.Object({ overall: RiskLevelName, reasons: Type.Array(Type.String()) });
export type RiskSummary = Static<typeof RiskSummary>;

/** Similar pending items that can be approved together; `label` reads "archive 7 newsletters". */
export const ApprovalGroupRef = Type.Object({ key: Type.String(), label: Type.String() });
export const ApprovalGroup = Type.Object({ key: Type.String(), label: Type.String(), count: Type.Integer({ minimum: 1 }) });
export type ApprovalGroup = Static<typeof ApprovalGroup>;

export const ApprovalItem = Type.Object({
  id: Uuid,
  decisionId: Uuid,
  userId: Uuid,
  status: ApprovalStatus,
  urgency: Type.String(),
  createdAt: DateTime,
  expiresAt: DateTime,
  respondedAt: DateTimeOrNull,
  /** The answer as given: `{kind:'reject', reason}`, `{kind:'edit', parameters}`, `{kind:'approve'}`, or null. */
  response: Type.Unknown(),
  domain: Type.String(),
  sender: Sender,
  subject: TextOrNull,
  snippet: TextOrNull,
  situation: SituationWords,
  /** The proposal in plain words: "Archive this newsletter", "Draft a reply to this work request". */
  proposal: Type.String(),
  action: Type.Union([ActionBody, Type.Null()]),
  draft: Type.Union([DraftText, Type.Null()]),
  risk: Type.Union([RiskSummary, Type.Null()]),
  /** The shortest true reason it asks: "email needs your approval at the suggest tier". */
  asks: Type.String(),
  /** The headline now: "Waiting for your approval to …" while pending, what happened after. */
  summary: Type.String(),
  /** Set when the request expired: that it did, and that nothing ran for it. */
  note: TextOrNull,
  group: Type.Union([ApprovalGroupRef, Type.Null()]),
});
export type ApprovalItem = Static<typeof ApprovalItem>;

export const UrgencyCounts = Type.Object({
  critical: Type.Integer({ minimum: 0 }),
  high: Type.Integer({ minimum: 0 }),
  normal: Type.Integer({ minimum: 0 }),
  low: Type.Integer({ minimum: 0 }),
});

export const ApprovalList = Type.Object({
  approvals: Type.Array(ApprovalItem),
  /** Every item matching the query (status, group), not only this page. */
  total: Type.Integer({ minimum: 0 }),
  /** Per urgency, over everything matching the query. */
  counts: UrgencyCounts,
  /** Groups of two or more similar pending items, largest first. */
  groups: Type.Array(ApprovalGroup),
  nextCursor: TextOrNull,
});
export type ApprovalList = Static<typeof ApprovalList>;

/** `POST /api/approvals/:id/approve`: `always` also states "always do this for <sender>". */
export const ApproveBody = Type.Union([
  Type.Object({ always: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
  Type.Null(),
]);
export type ApproveBody = Static<typeof ApproveBody>;

export const RejectBody = Type.Union([Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }), Type.Null()]);
export type RejectBody = Static<typeof RejectBody>;

export const EditBody = Type.Object({ parameters: Type.Record(Type.String({ maxLength: 100 }), Type.Unknown()) }, { additionalProperties: false });
export type EditBody = Static<typeof EditBody>;

/** The preference an "always" approval stated, in words and as the twin holds it. */
export const StatedPreference = Type.Object({ key: Type.String(), value: Type.String(), words: Type.String() });
export type StatedPreference = Static<typeof StatedPreference>;

export const ApprovalAnswerResult = Type.Object({
  approvalId: Uuid,
  decisionId: Uuid,
  status: ApprovalStatus,
  actionId: Type.Union([Uuid, Type.Null()]),
  preference: Type.Optional(Type.Union([StatedPreference, Type.Null()])),
});
export type ApprovalAnswerResult = Static<typeof ApprovalAnswerResult>;

/** `POST /api/users/:userId/approvals/bulk-approve`: one group, or the ids the preview showed. */
export const BulkApproveBody = Type.Union([
  Type.Object({ group: Type.String({ minLength: 1, maxLength: 300 }) }, { additionalProperties: false }),
  Type.Object({ ids: Type.Array(Uuid, { minItems: 1, maxItems: 500, uniqueItems: true }) }, { additionalProperties: false }),
]);
export type BulkApproveBody = Static<typeof BulkApproveBody>;

export const BulkApproveResult = Type.Object({
  approved: Type.Array(Type.Object({ approvalId: Uuid, decisionId: Uuid, actionId: Type.Union([Uuid, Type.Null()]) })),
  /** Each one that could not be approved, with why in words (already answered, expired, not found). */
  failed: Type.Array(Type.Object({ approvalId: Uuid, code: Type.String(), message: Type.String() })),
});
export type BulkApproveResult = Static<typeof BulkApproveResult>;
