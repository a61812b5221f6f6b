import { isInert } from '../actions.js';
import { quietStateAt } from '../quietHours.js';
import type { QuietHours } from '../../types.js';
import type { Finding, PolicyRule } from '../rule.js';

function windowOf(quietHours: QuietHours): string {
  return `${quietHours.start}–${quietHours.end} ${quietHours.timeZone}`;
}

/**
 * During quiet hours a routine action waits until they end; an urgent one cannot wait, and acting
 * alone at night is exactly what quiet hours forbid, so it asks instead.
 */
export const quietHoursRule: PolicyRule = {
  name: 'quiet-hours',
  check({ candidate, ctx }): Finding[] {
    const quietHours = ctx.settings.quietHours;
    if (quietHours === null || isInert(candidate.action.type)) return [];
    let within: boolean;
    let endsAt: string;
    try {
      ({ within, endsAt } = quietStateAt(quietHours, ctx.now));
    } catch {
      return [{ verdict: 'needs_approval', code: 'quiet_hours_invalid', message: `your quiet hours (${windowOf(quietHours)}) are not valid, so SkyTwin asks instead of guessing` }];
    }
    if (!within) return [];
    const urgency = ctx.situation.urgency;
    if (urgency === 'high' || urgency === 'critical') {
      return [
        {
          verdict: 'needs_approval',
          code: 'quiet_hours',
          message: `it is quiet hours (${windowOf(quietHours)}) and this is ${urgency} urgency, so it asks instead of acting alone`,
        },
      ];
    }
    return [
      {
        verdict: 'allowed',
        code: 'quiet_hours_deferred',
        message: `it is quiet hours (${windowOf(quietHours)}), so it waits until ${quietHours.end} ${quietHours.timeZone}`,
        notBefore: endsAt,
      },
    ];
  },
};
