// What the Connections & sync page reads: per source how fresh it is, what went wrong last and
// whether the worker is holding back, plus the Google connection and its quota.
import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './common.js';
import { ConnectionBody } from './connections.js';

const DateTime = Type.String({ format: 'date-time' });
const DateTimeOrNull = Type.Union([DateTime, Type.Null()]);

export const SourceSyncView = Type.Object({
  source: Type.Union([Type.Literal('gmail'), Type.Literal('calendar')]),
  /** The calendar id for Calendar; null for Gmail. */
  resource: Type.Union([Type.String(), Type.Null()]),
  /** "Gmail", "Calendar (primary)". */
  label: Type.String(),
  lastSuccessAt: DateTimeOrNull,
  lastAttemptAt: DateTimeOrNull,
  /** The last error in plain words; null when the last attempt succeeded or none was made. */
  lastError: Type.Union([Type.String(), Type.Null()]),
  /** When it happened (the last attempt). */
  lastErrorAt: DateTimeOrNull,
  /** The worker's own words for it, for a closer look. */
  lastErrorDetail: Type.Union([Type.String(), Type.Null()]),
  hasCursor: Type.Boolean(),
  cursorAgeSeconds: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  nextPollAt: DateTimeOrNull,
  /** ok: synced; pending: not synced yet; failing: the last attempt failed; paused: needs reconnecting or the breaker is open. */
  status: Type.Union([Type.Literal('ok'), Type.Literal('pending'), Type.Literal('failing'), Type.Literal('paused')]),
});
export type SourceSyncViewT = Static<typeof SourceSyncView>;

export const BreakerView = Type.Object({
  state: Type.Union([Type.Literal('closed'), Type.Literal('open'), Type.Literal('half_open')]),
  consecutiveFailures: Type.Integer({ minimum: 0 }),
  openUntil: DateTimeOrNull,
  /** When the worker tries Google again while the breaker is open; null when closed. */
  nextProbeAt: DateTimeOrNull,
});

/** Gmail quota units spent in the current window by the worker, as it last reported them. */
export const QuotaView = Type.Object({
  usedUnits: Type.Integer({ minimum: 0 }),
  limitUnits: Type.Integer({ minimum: 1 }),
  windowSeconds: Type.Integer({ minimum: 1 }),
  reportedAt: DateTime,
});

/** GET /api/users/:userId/sync */
export const SyncViewBody = Type.Object({
  userId: Uuid,
  connection: Type.Union([ConnectionBody, Type.Null()]),
  breaker: Type.Union([BreakerView, Type.Null()]),
  quota: Type.Union([QuotaView, Type.Null()]),
  sources: Type.Array(SourceSyncView),
  /** The status line: "Gmail synced 30 s ago · Calendar synced 1 min ago" or what needs the user. */
  summary: Type.String(),
  needsAttention: Type.Boolean(),
});
export type SyncView = Static<typeof SyncViewBody>;
