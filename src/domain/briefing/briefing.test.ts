import { describe, expect, it } from 'vitest';
import type { ActiveHours } from '../types.js';
import { briefingSchedule, localDateOf } from './schedule.js';
import { meetingConflicts, type DayMeeting } from './conflicts.js';
import { briefingSummary } from './summary.js';

const berlin: ActiveHours = { start: '08:00', end: '22:00', hours: 14, timeZone: 'Europe/Berlin', source: 'default', basis: 'default' };

describe('briefingSchedule', () => {
  it('is closed before the window opens and names today\'s start as next', () => {
    const s = briefingSchedule(berlin, new Date('2026-11-25T06:30:00Z'));
    expect(s).toMatchObject({ open: false, localDate: '2026-11-24', nextAt: new Date('2026-11-25T07:00:00Z') });
  });

  it('opens at the window\'s start, for that local day, and names tomorrow\'s start as next', () => {
    const s = briefingSchedule(berlin, new Date('2026-11-25T07:00:00Z'));
    expect(s).toMatchObject({ open: true, localDate: '2026-11-25', lastStart: new Date('2026-11-25T07:00:00Z'), nextAt: new Date('2026-11-26T07:00:00Z') });
  });

  it('follows the clock change: 08:00 local is 06:00 UTC in summer and 07:00 in winter', () => {
    const summer = briefingSchedule(berlin, new Date('2026-10-24T12:00:00Z'));
    expect(summer.nextAt).toEqual(new Date('2026-10-25T07:00:00Z'));
    expect(summer.lastStart).toEqual(new Date('2026-10-24T06:00:00Z'));
  });

  it('treats a window spanning midnight by the day it started', () => {
    const late: ActiveHours = { ...berlin, start: '20:00', end: '04:00', hours: 8, timeZone: 'UTC' };
    const s = briefingSchedule(late, new Date('2026-11-25T01:00:00Z'));
    expect(s).toMatchObject({ open: true, localDate: '2026-11-24', nextAt: new Date('2026-11-25T20:00:00Z') });
  });

  it('dates an instant in the zone, not in UTC', () => {
    expect(localDateOf(new Date('2026-11-24T23:30:00Z'), 'Europe/Berlin')).toBe('2026-11-25');
  });
});

describe('meetingConflicts', () => {
  const m = (eventId: string, start: string, end: string, response: string | null = 'accepted'): DayMeeting => ({
    eventId,
    summary: eventId,
    start: new Date(`2026-11-25T${start}:00Z`),
    end: new Date(`2026-11-25T${end}:00Z`),
    response,
  });

  it('pairs overlapping meetings, not ones that only touch, and skips declined ones', () => {
    const conflicts = meetingConflicts([m('c', '10:30', '11:30'), m('a', '09:00', '10:00'), m('b', '10:00', '11:00'), m('d', '10:15', '10:45', 'declined')]);
    expect(conflicts.map(({ first, second }) => [first.eventId, second.eventId])).toEqual([['b', 'c']]);
  });

  it('finds every meeting inside a long one', () => {
    const conflicts = meetingConflicts([m('all-day-workshop', '08:00', '17:00'), m('x', '09:00', '09:30'), m('y', '16:00', '16:30')]);
    expect(conflicts.map(({ second }) => second.eventId)).toEqual(['x', 'y']);
  });
});

describe('briefingSummary', () => {
  it('says what ran, what waits, the day and the follow-ups in a few sentences', () => {
    expect(
      briefingSummary({
        periodWords: 'in the last 24 hours',
        did: [{ label: 'Archived', count: 3, undone: 1 }, { label: 'Marked read', count: 1, undone: 0 }],
        waiting: { total: 1, oldestFrom: 'Bob Stone', oldestExpiresAt: 'at 18:00' },
        meetings: { total: 2, first: { summary: 'Design review', time: '10:00' }, conflicts: 0 },
        followUps: 2,
      }),
    ).toBe(
      'SkyTwin ran 4 actions in the last 24 hours (archived: 3 and marked read: 1), 1 since undone. 1 request waits for your approval; the oldest is from Bob Stone and expires at 18:00. Today: 2 meetings, the first "Design review" at 10:00. 2 follow-ups are due.',
    );
  });
});
