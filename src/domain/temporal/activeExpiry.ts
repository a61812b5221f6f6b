import { APPROVAL_TTL_MS } from '../outcome/index.js';
import { isWithinQuietHours, quietHoursEnd } from '../policy/index.js';
import type { ActiveHours, OutcomeDecision, PolicyReason, Urgency } from '../types.js';

const MINUTE_MS = 60_000;
/** Enough steps for the longest TTL over the shortest window, with room for DST days. */
const MAX_STEPS = 200;

/** Is the user usually active at `instant`? */
export function isActiveAt(active: ActiveHours, instant: Date): boolean {
  if (active.hours >= 24) return true;
  return isWithinQuietHours({ start: active.start, end: active.end, timeZone: active.timeZone }, instant);
}

/** The next instant, after `instant`, at which the active window opens. */
export function nextActiveStart(active: ActiveHours, instant: Date): Date {
  return quietHoursEnd({ start: active.end, end: active.start, timeZone: active.timeZone }, instant);
}

/**
 * The instant at which `durationMs` of the user's active time has passed since `from`: the clock
 * only runs inside the active window. All day (or a window the zone rules cannot place): plain time.
 */
export function afterActiveTime(active: ActiveHours, from: Date, durationMs: number): Date {
  const plain = new Date(from.getTime() + durationMs);
  if (active.hours >= 24) return plain;
  const window = { start: active.start, end: active.end, timeZone: active.timeZone };
  let at = from.getTime();
  let remaining = durationMs;
  try {
    for (let step = 0; step < MAX_STEPS; step++) {
      if (isWithinQuietHours(window, new Date(at))) {
        const closes = quietHoursEnd(window, new Date(at)).getTime();
        if (closes - at >= remaining) return new Date(at + remaining);
        remaining -= closes - at;
        at = closes;
      } else {
        at = nextActiveStart(active, new Date(at)).getTime();
      }
    }
  } catch {
    return plain;
  }
  return plain;
}

function duration(ms: number): string {
  const minutes = Math.round(ms / MINUTE_MS);
  if (minutes < 120) return `${minutes} minutes`;
  return `${Math.round(minutes / 60)} hours`;
}

/**
 * An approval request's expiry counted in the user's active time, so a request made at night does
 * not lapse before they are up. When that moves the expiry, the outcome says so in its reasons.
 */
export function withActiveExpiry(outcome: OutcomeDecision, urgency: Urgency, now: Date, active: ActiveHours): OutcomeDecision {
  if (outcome.outcome !== 'needs_approval' || outcome.approvalExpiresAt === null) return outcome;
  const ttl = APPROVAL_TTL_MS[urgency] ?? APPROVAL_TTL_MS.critical;
  const expiresAt = afterActiveTime(active, now, ttl).toISOString();
  if (expiresAt === outcome.approvalExpiresAt) return outcome;
  const reason: PolicyReason = {
    code: 'active_hours_expiry',
    message: `the request stays open for ${duration(ttl)} of the time you are usually active (${active.start}–${active.end} ${active.timeZone}, ${active.basis}), so it expires at ${expiresAt} instead of ${outcome.approvalExpiresAt}`,
  };
  return { ...outcome, approvalExpiresAt: expiresAt, reasons: [...outcome.reasons, reason] };
}
