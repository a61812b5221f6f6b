import type { PolicyReason } from '../types.js';
import type { ExplainContext } from './context.js';

/** The reason the temporal profile gave for holding an action until the user is usually active, if it did. */
export function activeHoursHold(ctx: ExplainContext): PolicyReason | null {
  return ctx.outcome.reasons.find((reason) => reason.code === 'active_hours_deferred') ?? null;
}

/** The reason the temporal profile gave for moving an approval's expiry, if it did. */
export function activeHoursExpiry(ctx: ExplainContext): PolicyReason | null {
  return ctx.outcome.reasons.find((reason) => reason.code === 'active_hours_expiry') ?? null;
}
