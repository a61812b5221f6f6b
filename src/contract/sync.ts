import { Type, type Static } from '@sinclair/typebox';
import { Uuid, WorkerId } from './common.js';

// The worker's internal routes: whom to poll, a current access token, and its poll reports.

const Timestamp = Type.String({ format: 'date-time' });
export const SourceName = Type.Union([Type.Literal('gmail'), Type.Literal('calendar')]);
export const ConnectionStatus = Type.Union([Type.Literal('connected'), Type.Literal('needs_reconnect')]);

/** A user's circuit breaker as the worker reports it, and takes back after a restart. */
export const BreakerReportBody = Type.Object(
  {
    state: Type.Union([Type.Literal('closed'), Type.Literal('open'), Type.Literal('half_open')]),
    consecutiveFailures: Type.Integer({ minimum: 0 }),
    openUntil: Type.Union([Timestamp, Type.Null()]),
    /** Opaque to everyone but the worker's breaker, which restores itself from it. */
    snapshot: Type.Unknown(),
  },
  { additionalProperties: false },
);
export type BreakerReportWire = Static<typeof BreakerReportBody>;

/** One source of a user to poll: Gmail (resource '') or one calendar; where it stopped. */
export const SyncSourceBody = Type.Object({
  source: SourceName,
  resource: Type.String(),
  cursor: Type.Union([Type.String(), Type.Null()]),
});
export type SyncSource = Static<typeof SyncSourceBody>;

/** A user the worker should poll; a `needs_reconnect` user stays listed so its failed cycles count. */
export const SyncTargetBody = Type.Object({
  userId: Uuid,
  status: ConnectionStatus,
  accountEmail: Type.Union([Type.String(), Type.Null()]),
  connectedAt: Timestamp,
  breaker: Type.Union([BreakerReportBody, Type.Null()]),
  sources: Type.Array(SyncSourceBody),
});
export type SyncTarget = Static<typeof SyncTargetBody>;

/** GET /api/internal/sync-targets */
export const SyncTargetsBody = Type.Object({ targets: Type.Array(SyncTargetBody) });
export type SyncTargets = Static<typeof SyncTargetsBody>;

/** POST /api/internal/users/:userId/google-token: `rejected` is a token Google just refused, so the API refreshes. */
export const GoogleTokenRequestBody = Type.Object({ rejected: Type.Optional(Type.String({ maxLength: 4096 })) }, { additionalProperties: false });
export type GoogleTokenRequest = Static<typeof GoogleTokenRequestBody>;
export const GoogleTokenBody = Type.Object({ accessToken: Type.String({ minLength: 1 }), expiresAt: Timestamp });
export type GoogleToken = Static<typeof GoogleTokenBody>;

/** One source's poll, as the worker reports it; a cursor moves only with the report. */
export const SourceReportBody = Type.Object(
  {
    source: SourceName,
    resource: Type.String({ maxLength: 300 }),
    ok: Type.Boolean(),
    cursor: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 2048 }), Type.Null()])),
    error: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    nextPollAt: Type.Union([Timestamp, Type.Null()]),
  },
  { additionalProperties: false },
);
export type SourceReport = Static<typeof SourceReportBody>;

/** Gmail quota units the worker spent for the user in its current window, and its share of the limit. */
export const GmailQuotaReportBody = Type.Object(
  { usedUnits: Type.Integer({ minimum: 0 }), limitUnits: Type.Integer({ minimum: 1 }), windowMs: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export type GmailQuotaReport = Static<typeof GmailQuotaReportBody>;

/** PUT /api/internal/users/:userId/sync (answers 204); with a worker id it counts only while that worker holds the user's lease. */
export const SyncReportBody = Type.Object(
  {
    sources: Type.Array(SourceReportBody, { maxItems: 60 }),
    breaker: Type.Optional(BreakerReportBody),
    workerId: Type.Optional(WorkerId),
    gmailQuota: Type.Optional(GmailQuotaReportBody),
  },
  { additionalProperties: false },
);
export type SyncReport = Static<typeof SyncReportBody>;
