import { describe, expect, it } from 'vitest';
import type { ActionType, ActiveHours, QuietHours, Urgency } from '../../types.js';
import { candidate, context, settings, situation } from '../fixtures.testkit.js';
import { activeHoursRule } from './activeHoursRule.js';

const learned: ActiveHours = { start: '08:00', end: '22:00', hours: 14, timeZone: 'Europe/Berlin', source: 'learned', basis: 'learned from your last 40 answers' };
const night = new Date('2026-11-24T02:00:00Z'); // 03:00 in Berlin
const day = new Date('2026-11-24T09:12:44Z');

function check(
  now: Date,
  options: { type?: ActionType; urgency?: Urgency; active?: ActiveHours | null; quietHours?: QuietHours | null } = {},
) {
  const ctx = {
    ...context({ now, settings: settings({ quietHours: options.quietHours ?? null }), situation: situation({ urgency: options.urgency ?? 'normal' }) }),
    activeHours: options.active === undefined ? learned : options.active,
  };
  return activeHoursRule.check({ candidate: candidate({ type: options.type ?? 'rsvp' }), tier: 'low', ctx });
}

describe('activeHoursRule', () => {
  it('holds an RSVP made at 03:00 until the learned window opens at 08:00, and says why', () => {
    expect(check(night)).toEqual([
      {
        verdict: 'allowed',
        code: 'active_hours_deferred',
        message: 'it is outside the hours you are usually active (08:00–22:00 Europe/Berlin, learned from your last 40 answers), so it is held until 08:00, when you are usually active',
        notBefore: '2026-11-24T07:00:00.000Z',
      },
    ]);
  });

  it('says nothing inside the window, for actions nobody else sees, or for urgent ones', () => {
    expect(check(day)).toEqual([]);
    expect(check(night, { type: 'archive' })).toEqual([]);
    expect(check(night, { type: 'draft_reply' })).toEqual([]);
    expect(check(night, { urgency: 'high' })).toEqual([]);
  });

  it('leaves timing to quiet hours when the user set them, and holds nothing on the default window', () => {
    expect(check(night, { quietHours: { start: '23:00', end: '06:00', timeZone: 'Europe/Berlin' } })).toEqual([]);
    expect(check(night, { active: { ...learned, source: 'default' } })).toEqual([]);
    expect(check(night, { active: null })).toEqual([]);
  });
});
