import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './common.js';

/**
 * GET /api/users/:userId/stream (text/event-stream). Each event's `event:` field is its kind and
 * its `data:` the JSON below; the payload is small (kind, ids, the new state): the dashboard
 * refetches what it shows. `id:` lines make the stream resumable with Last-Event-ID.
 */
export const StreamEventKind = Type.Union([
  /** An ingest batch decided new signals; some decisions may have opened approvals. */
  Type.Literal('decisions.created'),
  /** An approval was approved, rejected (possibly with an edit) or expired unanswered. */
  Type.Literal('approval.answered'),
  Type.Literal('approval.expired'),
  /** An action changed state: queued, succeeded, failed, unknown, cancelled (undo is an action of its own). */
  Type.Literal('action.state'),
  Type.Literal('settings.changed'),
  Type.Literal('twin.changed'),
  Type.Literal('sync.changed'),
  /** The stream cannot replay what was missed (too old, or an id it does not know): reload every list. */
  Type.Literal('reset'),
]);
export type StreamEventKind = Static<typeof StreamEventKind>;

export const StreamEventData = Type.Object(
  {
    kind: StreamEventKind,
    userId: Uuid,
    /** When the change was recorded (the database's clock). */
    at: Type.String({ format: 'date-time' }),
    decisionIds: Type.Optional(Type.Array(Uuid)),
    approvalIds: Type.Optional(Type.Array(Uuid)),
    decisionId: Type.Optional(Uuid),
    approvalId: Type.Optional(Uuid),
    actionId: Type.Optional(Uuid),
    /** The new state: an approval's status or an action's state. */
    state: Type.Optional(Type.String()),
    /** For an action: 'execute' or 'undo'. */
    actionKind: Type.Optional(Type.String()),
    reason: Type.Optional(Type.String()),
    /** For twin.changed: the twin's new version and the preference key stated or removed. */
    version: Type.Optional(Type.Integer()),
    key: Type.Optional(Type.String()),
    /** For sync.changed: the sources the worker just reported. */
    sources: Type.Optional(Type.Array(Type.Object({ source: Type.String(), resource: Type.String(), ok: Type.Boolean() }))),
    /** For sync.changed: the Google connection's new status, when that is what changed. */
    connection: Type.Optional(Type.Union([Type.Literal('connected'), Type.Literal('needs_reconnect')])),
  },
  { additionalProperties: true },
);
export type StreamEventData = Static<typeof StreamEventData>;

/** The stream's request: the user, and where to resume (also accepted as ?lastEventId for clients that cannot set headers). */
export const StreamQuery = Type.Object({ lastEventId: Type.Optional(Type.String({ maxLength: 4000 })) });
export type StreamQuery = Static<typeof StreamQuery>;

/** The 200 answer is not JSON but an endless text/event-stream of StreamEventData events. */
export const StreamBody = Type.String({ description: 'text/event-stream: `id:`, `event:` (a StreamEventKind) and `data:` (StreamEventData as JSON) per event' });
