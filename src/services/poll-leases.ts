import type { PollLeaseGrant } from '../contract/index.js';
import { claimPollLeases, releasePollLeases } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { syncTargets } from './sync.js';

/** The longest poll lease a worker may ask for; the contract bounds the claim's `leaseMs` with it. */
export { MAX_POLL_LEASE_MS } from '../contract/index.js';
export type { PollLeaseGrant };

export interface PollLeaseRequest {
  workerId: string;
  leaseMs: number;
  /** Users the worker is polling at this moment; it keeps their leases. */
  busy?: string[];
}

/** Claims (and renews) a worker's share of the users to poll; see claimPollLeases. */
export async function claimSyncTargets(deps: ServiceDeps, request: PollLeaseRequest): Promise<PollLeaseGrant> {
  const now = deps.clock.now();
  const held = await claimPollLeases(deps.db, { workerId: request.workerId, now, leaseMs: request.leaseMs, busy: request.busy ?? [] });
  return {
    workerId: request.workerId,
    leaseUntil: new Date(now.getTime() + request.leaseMs).toISOString(),
    targets: held.length === 0 ? [] : await syncTargets(deps, held),
  };
}

/** A worker stopping cleanly gives its users back at once instead of letting the leases lapse. */
export async function releaseSyncTargets(deps: ServiceDeps, workerId: string): Promise<{ released: number }> {
  return { released: await releasePollLeases(deps.db, workerId, deps.clock.now()) };
}
