import type { Urgency } from '../types.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** How long an approval request stays open: urgent things go stale fast. */
export const APPROVAL_TTL_MS: Record<Urgency, number> = {
  critical: 15 * MINUTE_MS,
  high: 15 * MINUTE_MS,
  normal: 24 * HOUR_MS,
  low: 72 * HOUR_MS,
};

export function approvalExpiresAt(urgency: Urgency, now: Date): string {
  const ttl = APPROVAL_TTL_MS[urgency] ?? APPROVAL_TTL_MS.critical;
  return new Date(now.getTime() + ttl).toISOString();
}
