import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Domain, FeedbackKind, Urgency } from '../types.js';
import { MIN_ANSWERS, MIN_WINDOW_HOURS } from './activeWindow.js';
import { deriveTemporalProfile, PROFILE_ANSWER_LIMIT } from './deriveProfile.js';
import type { AnsweredDecision, TimeZoneChoice } from './types.js';

const NOW = new Date('2026-11-30T12:00:00Z');
const clock = { now: () => NOW };
const UTC: TimeZoneChoice = { name: 'UTC', source: 'host' };

function answer(answeredAt: string, extra: Partial<AnsweredDecision> = {}): AnsweredDecision {
  const at = new Date(answeredAt);
  return {
    decisionId: `d-${answeredAt}`,
    kind: 'approve',
    domain: 'email',
    urgency: 'normal',
    askedAt: new Date(at.getTime() - 60_000),
    answeredAt: at,
    ...extra,
  };
}

const KINDS: FeedbackKind[] = ['approve', 'reject', 'edit', 'undo', 'confirm', 'correct'];
const arbAnswer = fc
  .record({
    offsetMs: fc.integer({ min: 0, max: 60 * 24 * 3_600_000 }),
    waitMs: fc.integer({ min: 0, max: 3 * 24 * 3_600_000 }),
    kind: fc.constantFrom(...KINDS),
    domain: fc.constantFrom<Domain>('email', 'calendar', 'finance'),
    urgency: fc.constantFrom<Urgency>('low', 'normal', 'high', 'critical'),
    id: fc.uuid(),
  })
  .map(({ offsetMs, waitMs, kind, domain, urgency, id }) => {
    const answeredAt = new Date(NOW.getTime() - offsetMs);
    return { decisionId: id, kind, domain, urgency, askedAt: new Date(answeredAt.getTime() - waitMs), answeredAt };
  });
const arbZone = fc.constantFrom<TimeZoneChoice>(
  UTC,
  { name: 'Europe/Berlin', source: 'quiet_hours' },
  { name: 'America/New_York', source: 'quiet_hours' },
  { name: 'Asia/Kolkata', source: 'host' },
  { name: 'Australia/Lord_Howe', source: 'host' },
);

describe('deriveTemporalProfile', () => {
  it('counts answers by local hour and weekday, and learns the window that holds most of them', () => {
    const answers = Array.from({ length: 20 }, (_, i) => answer(`2026-11-${String(10 + (i % 10)).padStart(2, '0')}T${String(9 + (i % 8)).padStart(2, '0')}:30:00Z`));
    const profile = deriveTemporalProfile({ userId: 'u', answers, timeZone: UTC, clock });
    expect(profile.basedOn).toMatchObject({ answers: 20, trusted: true, limit: PROFILE_ANSWER_LIMIT });
    expect(profile.activity.byHour.slice(9, 17)).toEqual([3, 3, 3, 3, 2, 2, 2, 2]);
    // 16 of 20 (80%) fall in 09:00-15:00; widened evenly to 8 hours.
    expect(profile.activeWindow).toMatchObject({ source: 'learned', start: '08:00', end: '16:00', hours: 8, modeHour: 9, coverage: 0.9 });
    expect(profile.activeWindow.explanation).toBe('You usually answer between 08:00 and 16:00 (UTC): 18 of your last 20 answers fall in these hours, and 09:00 is your busiest hour.');
    expect(profile.responseTimes).toEqual([{ domain: 'email', urgency: 'normal', answers: 20, medianSeconds: 60 }]);
  });

  it('with fewer than 10 answers says it cannot trust them and uses 08:00–22:00', () => {
    const profile = deriveTemporalProfile({ userId: 'u', answers: [answer('2026-11-29T03:10:00Z')], timeZone: UTC, clock });
    expect(profile.basedOn.trusted).toBe(false);
    expect(profile.basedOn.explanation).toContain('too few to trust');
    expect(profile.activeWindow).toMatchObject({ source: 'default', start: '08:00', end: '22:00', hours: 14, coverage: null, modeHour: 3 });
    expect(profile.activeWindow.basis).toBe(`a default until SkyTwin has seen ${MIN_ANSWERS} of your answers (it has 1)`);
  });

  it('reads hours in the user zone across the DST change (Berlin, 29 March 2026)', () => {
    const before = answer('2026-03-29T00:30:00Z'); // 01:30 CET, a Sunday
    const after = answer('2026-03-29T01:30:00Z'); // 03:30 CEST
    const profile = deriveTemporalProfile({ userId: 'u', answers: [before, after], timeZone: { name: 'Europe/Berlin', source: 'quiet_hours' }, clock });
    const sunday = profile.activity.byWeekday.find((d) => d.weekday === 'sunday');
    expect(sunday?.byHour[1]).toBe(1);
    expect(sunday?.byHour[3]).toBe(1);
    expect(sunday?.byHour[2]).toBe(0);
    expect(profile.timeZone).toMatchObject({ name: 'Europe/Berlin', source: 'quiet_hours' });
  });

  it('falls back to UTC for a zone it does not know, and says so', () => {
    const profile = deriveTemporalProfile({ userId: 'u', answers: [], timeZone: { name: 'Mars/Olympus', source: 'quiet_hours' }, clock });
    expect(profile.timeZone.name).toBe('UTC');
    expect(profile.timeZone.explanation).toContain('"Mars/Olympus" is not a time zone SkyTwin knows');
  });

  it('reads only the newest 100 answers, and none from after now', () => {
    const answers = Array.from({ length: 130 }, (_, i) => answer(new Date(NOW.getTime() - i * 3_600_000).toISOString()));
    const future = answer('2026-12-01T00:00:00Z');
    const profile = deriveTemporalProfile({ userId: 'u', answers: [future, ...answers], timeZone: UTC, clock });
    expect(profile.basedOn.answers).toBe(100);
    expect(profile.basedOn.newestAnswerAt).toBe(NOW.toISOString());
    expect(profile.basedOn.oldestAnswerAt).toBe(new Date(NOW.getTime() - 99 * 3_600_000).toISOString());
  });

  it('names the most common answer per weekday', () => {
    const monday = '2026-11-23';
    const answers = [
      answer(`${monday}T09:00:00Z`, { kind: 'reject' }),
      answer(`${monday}T10:00:00Z`, { kind: 'reject' }),
      answer(`${monday}T11:00:00Z`, { kind: 'approve' }),
    ];
    const profile = deriveTemporalProfile({ userId: 'u', answers, timeZone: UTC, clock });
    expect(profile.commonAnswers[0]).toEqual({
      weekday: 'monday',
      total: 3,
      mostCommon: 'reject',
      answers: [
        { kind: 'reject', count: 2 },
        { kind: 'approve', count: 1 },
      ],
    });
    expect(profile.commonAnswers[1]).toEqual({ weekday: 'tuesday', total: 0, mostCommon: null, answers: [] });
  });

  it('property: counts sum to the answers it rests on, however they are split', () => {
    fc.assert(
      fc.property(fc.array(arbAnswer, { maxLength: 150 }), arbZone, (answers, zone) => {
        const profile = deriveTemporalProfile({ userId: 'u', answers, timeZone: zone, clock });
        const n = profile.basedOn.answers;
        expect(n).toBe(Math.min(answers.length, PROFILE_ANSWER_LIMIT));
        expect(profile.activity.byHour.reduce((a, b) => a + b, 0)).toBe(n);
        expect(profile.activity.byWeekday.reduce((a, d) => a + d.total, 0)).toBe(n);
        for (const day of profile.activity.byWeekday) expect(day.byHour.reduce((a, b) => a + b, 0)).toBe(day.total);
        expect(profile.commonAnswers.reduce((a, d) => a + d.total, 0)).toBe(n);
        expect(profile.responseTimes.reduce((a, r) => a + r.answers, 0)).toBe(n);
      }),
      { numRuns: 150 },
    );
  });

  it('property: a learned window contains the busiest hour, holds 80% of the answers and is at least 8 hours', () => {
    fc.assert(
      fc.property(fc.array(arbAnswer, { minLength: MIN_ANSWERS, maxLength: 120 }), arbZone, (answers, zone) => {
        const profile = deriveTemporalProfile({ userId: 'u', answers, timeZone: zone, clock });
        const window = profile.activeWindow;
        expect(window.source).toBe('learned');
        const start = Number(window.start.slice(0, 2));
        const inside = (hour: number) => (hour - start + 24) % 24 < window.hours;
        const mode = profile.activity.byHour.indexOf(Math.max(...profile.activity.byHour));
        expect(window.modeHour).toBe(mode);
        expect(inside(mode)).toBe(true);
        expect(window.hours).toBeGreaterThanOrEqual(MIN_WINDOW_HOURS);
        const covered = profile.activity.byHour.reduce((sum, count, hour) => sum + (inside(hour) ? count : 0), 0);
        expect(covered).toBeGreaterThanOrEqual(0.8 * profile.basedOn.answers);
      }),
      { numRuns: 150 },
    );
  });

  it('property: deterministic whatever order the answers come in', () => {
    fc.assert(
      fc.property(fc.array(arbAnswer, { maxLength: 60 }), arbZone, (answers, zone) => {
        const forward = deriveTemporalProfile({ userId: 'u', answers, timeZone: zone, clock });
        const backward = deriveTemporalProfile({ userId: 'u', answers: [...answers].reverse(), timeZone: zone, clock });
        expect(backward).toEqual(forward);
      }),
      { numRuns: 100 },
    );
  });

  it('property: a fixed-offset zone shifts every hour by its offset', () => {
    fc.assert(
      fc.property(fc.array(arbAnswer, { minLength: 1, maxLength: 40 }), (answers) => {
        const utc = deriveTemporalProfile({ userId: 'u', answers, timeZone: UTC, clock });
        const plusThree = deriveTemporalProfile({ userId: 'u', answers, timeZone: { name: 'Etc/GMT-3', source: 'host' }, clock });
        for (let hour = 0; hour < 24; hour++) expect(plusThree.activity.byHour[(hour + 3) % 24]).toBe(utc.activity.byHour[hour]);
      }),
      { numRuns: 100 },
    );
  });
});
