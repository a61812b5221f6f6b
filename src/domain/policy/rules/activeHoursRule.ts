import type { ActionType } from '../../types.js';
import { quietStateAt } from '../quietHours.js';
import type { Finding, PolicyRule } from '../rule.js';

/** Actions other people see: an answer sent at 03:00 tells them when you were up. */
export const VISIBLE_ACTIONS: readonly ActionType[] = ['rsvp', 'send_email'];

/**
 * Without quiet hours, a routine action others see, due outside the hours the user is usually
 * active (learned by the temporal profile), waits for them, as it would for quiet hours. Urgent
 * ones are not held: the user set no quiet hours, and a late answer can cost more than an early one.
 * The default window (too few answers) holds nothing: it is a guess, not the user's habit.
 */
export const activeHoursRule: PolicyRule = {
  name: 'active-hours',
  check({ candidate, ctx }): Finding[] {
    const active = ctx.activeHours;
    if (ctx.settings.quietHours !== null || !active || active.source !== 'learned' || active.hours >= 24) return [];
    if (!VISIBLE_ACTIONS.includes(candidate.action.type)) return [];
    if (ctx.situation.urgency === 'high' || ctx.situation.urgency === 'critical') return [];
    const window = { start: active.start, end: active.end, timeZone: active.timeZone };
    let opensAt: string;
    try {
      if (quietStateAt(window, ctx.now).within) return [];
      opensAt = quietStateAt({ start: active.end, end: active.start, timeZone: active.timeZone }, ctx.now).endsAt;
    } catch {
      return [];
    }
    return [
      {
        verdict: 'allowed',
        code: 'active_hours_deferred',
        message: `it is outside the hours you are usually active (${active.start}–${active.end} ${active.timeZone}, ${active.basis}), so it is held until ${active.start}, when you are usually active`,
        notBefore: opensAt,
      },
    ];
  },
};
