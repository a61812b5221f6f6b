import { describe, expect, it } from 'vitest';
import type { ActionType, QuietHours, Urgency } from '../../types.js';
import { candidate, context, settings, situation } from '../fixtures.testkit.js';
import { quietHoursRule } from './quietHoursRule.js';

const berlin: QuietHours = { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' };
const night = new Date('2026-11-24T23:30:00Z'); // 00:30 in Berlin
const day = new Date('2026-11-24T09:12:44Z');

function check(now: Date, urgency: Urgency, quietHours: QuietHours | null = berlin, type: ActionType = 'archive') {
  const ctx = context({ now, settings: settings({ quietHours }), situation: situation({ urgency }) });
  return quietHoursRule.check({ candidate: candidate({ type }), tier: 'low', ctx });
}

describe('quietHoursRule', () => {
  it.each<[Urgency, string]>([
    ['low', 'allowed'],
    ['normal', 'allowed'],
    ['high', 'needs_approval'],
    ['critical', 'needs_approval'],
  ])('during quiet hours a %s-urgency action → %s', (urgency, verdict) => {
    const findings = check(night, urgency);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.verdict).toBe(verdict);
  });

  it('defers a routine action to the instant quiet hours end', () => {
    expect(check(night, 'normal')).toEqual([
      {
        verdict: 'allowed',
        code: 'quiet_hours_deferred',
        message: 'it is quiet hours (22:00–07:00 Europe/Berlin), so it waits until 07:00 Europe/Berlin',
        notBefore: '2026-11-25T06:00:00.000Z',
      },
    ]);
  });

  it('asks for an urgent one with code quiet_hours', () => {
    const [finding] = check(night, 'high');
    expect(finding).toMatchObject({ verdict: 'needs_approval', code: 'quiet_hours' });
    expect(finding?.notBefore).toBeUndefined();
    expect(finding?.message).toBe('it is quiet hours (22:00–07:00 Europe/Berlin) and this is high urgency, so it asks instead of acting alone');
  });

  it('says nothing outside quiet hours, without quiet hours, or for inert actions', () => {
    expect(check(day, 'critical')).toEqual([]);
    expect(check(night, 'critical', null)).toEqual([]);
    expect(check(night, 'critical', berlin, 'do_nothing')).toEqual([]);
    expect(check(night, 'critical', berlin, 'flag_for_review')).toEqual([]);
  });

  it('asks when the quiet hours cannot be read', () => {
    for (const bad of [{ ...berlin, timeZone: 'Mars/Olympus' }, { ...berlin, start: '25:00' }]) {
      expect(check(night, 'low', bad)).toEqual([expect.objectContaining({ verdict: 'needs_approval', code: 'quiet_hours_invalid' })]);
    }
  });
});
