import { Type, type Static } from '@sinclair/typebox';
import { Uuid, WorkerId } from './common.js';
import { SyncTargetBody } from './sync.js';

/** The longest poll lease a worker may ask for: a dead worker's users wait at most this long. */
export const MAX_POLL_LEASE_MS = 30_000;

/** POST /api/internal/sync-leases: renew what the worker holds (and keeps `busy`), claim its share. */
export const PollLeaseClaimBody = Type.Object(
  {
    workerId: WorkerId,
    leaseMs: Type.Integer({ minimum: 1_000, maximum: MAX_POLL_LEASE_MS }),
    /** Users the worker is polling at this moment; it keeps their leases. */
    busy: Type.Optional(Type.Array(Uuid, { maxItems: 10_000 })),
  },
  { additionalProperties: false },
);
export type PollLeaseClaim = Static<typeof PollLeaseClaimBody>;

/** The users this worker now holds, and only those: it polls no one else. */
export const PollLeaseGrantBody = Type.Object({
  workerId: WorkerId,
  leaseUntil: Type.String({ format: 'date-time' }),
  targets: Type.Array(SyncTargetBody),
});
export type PollLeaseGrant = Static<typeof PollLeaseGrantBody>;

/** POST /api/internal/sync-leases/release: a worker stopping cleanly gives its users back. */
export const PollLeaseReleaseBody = Type.Object({ workerId: WorkerId }, { additionalProperties: false });
export type PollLeaseRelease = Static<typeof PollLeaseReleaseBody>;
export const PollLeaseReleasedBody = Type.Object({ released: Type.Integer({ minimum: 0 }) });
export type PollLeaseReleased = Static<typeof PollLeaseReleasedBody>;
