import { describe, expect, it } from 'vitest';
import type { AcceptedEvent, CalendarData, CalendarSignal, InterpretContext, SituationKind } from '../types.js';
import { interpretSignal } from './interpret.js';

function event(data: Partial<CalendarData>, occurredAt = '2026-11-24T09:00:00Z'): CalendarSignal {
  return {
    userId: 'u1',
    source: 'calendar',
    externalId: 'primary/abc123def456@2',
    type: 'calendar.event',
    occurredAt,
    data: {
      eventId: 'abc123def456',
      calendarId: 'primary',
      status: 'confirmed',
      summary: 'Design review',
      start: '2026-11-26T10:00:00+01:00',
      end: '2026-11-26T11:00:00+01:00',
      allDay: false,
      organizer: 'Bob <bob@example.com>',
      recurringEventId: null,
      attendees: [
        { email: 'ann@example.com', self: true, responseStatus: 'needsAction' },
        { email: 'bob@example.com', organizer: true, responseStatus: 'accepted' },
      ],
      ...data,
    },
  };
}

function context(acceptedEvents: AcceptedEvent[] = [], previousEvent?: { start: string; end: string }): InterpretContext {
  return { userEmail: 'ann@example.com', senderHistory: { seenCount: 0, repliedCount: 0 }, acceptedEvents, previousEvent: previousEvent ?? null };
}

const standup: AcceptedEvent = { eventId: 'standup1', summary: 'Standup', start: '2026-11-26T09:30:00Z', end: '2026-11-26T09:45:00Z' };
const touching: AcceptedEvent = { eventId: 'before', summary: 'Before', start: '2026-11-26T08:00:00Z', end: '2026-11-26T09:00:00Z' };

interface Row {
  name: string;
  signal: CalendarSignal;
  ctx?: InterpretContext;
  kind: SituationKind;
  urgency?: 'normal' | 'high';
}

const rows: Row[] = [
  { name: 'unanswered invitation two days out', signal: event({}), kind: 'calendar_invitation', urgency: 'normal' },
  {
    name: 'unanswered invitation starting in 3 hours',
    signal: event({ start: '2026-11-24T12:00:00Z', end: '2026-11-24T13:00:00Z' }),
    kind: 'calendar_invitation',
    urgency: 'high',
  },
  {
    name: 'attendee found by address without the self flag',
    signal: event({ attendees: [{ email: 'Ann@Example.com', responseStatus: 'needsAction' }] }),
    kind: 'calendar_invitation',
  },
  { name: 'overlapping accepted event', signal: event({}), ctx: context([standup]), kind: 'calendar_conflict' },
  {
    name: 'overlap with itself is ignored',
    signal: event({}),
    ctx: context([{ ...standup, eventId: 'abc123def456' }]),
    kind: 'calendar_invitation',
  },
  { name: 'back-to-back is not a conflict', signal: event({}), ctx: context([touching]), kind: 'calendar_invitation' },
  {
    name: 'conflict starting soon is urgent',
    signal: event({ start: '2026-11-24T10:00:00Z', end: '2026-11-24T11:00:00Z' }),
    ctx: context([{ eventId: 'x', summary: '1:1', start: '2026-11-24T10:30:00Z', end: '2026-11-24T11:30:00Z' }]),
    kind: 'calendar_conflict',
    urgency: 'high',
  },
  { name: 'cancelled event with only an id', signal: event({ status: 'cancelled', start: '', end: '', attendees: [] }), kind: 'calendar_cancellation' },
  {
    name: 'already accepted',
    signal: event({ attendees: [{ email: 'ann@example.com', self: true, responseStatus: 'accepted' }] }),
    kind: 'calendar_update',
  },
  {
    name: 'already declined',
    signal: event({ attendees: [{ email: 'ann@example.com', self: true, responseStatus: 'declined' }] }),
    kind: 'calendar_update',
  },
  { name: 'organized by the user', signal: event({ organizer: 'ann@example.com', attendees: [] }), kind: 'calendar_update' },
  { name: 'user neither organizer nor attendee', signal: event({ attendees: [{ email: 'carol@example.com' }] }), kind: 'unknown' },
  {
    name: 'attendee without a response status',
    signal: event({ attendees: [{ email: 'ann@example.com', self: true }] }),
    kind: 'unknown',
  },
  { name: 'end before start', signal: event({ start: '2026-11-26T11:00:00Z', end: '2026-11-26T10:00:00Z' }), kind: 'unknown' },
  { name: 'start not ISO 8601', signal: event({ start: 'next tuesday' }), kind: 'unknown' },
  { name: 'no event id', signal: event({ eventId: '' }), kind: 'unknown' },
  { name: 'unknown status', signal: event({ status: 'exploded' as CalendarData['status'] }), kind: 'unknown' },
];

describe('interpretSignal: calendar', () => {
  it.each(rows)('$name → $kind', ({ signal, ctx, kind, urgency }) => {
    const situation = interpretSignal(signal, ctx ?? context());
    expect(situation.kind).toBe(kind);
    expect(situation.domain).toBe('calendar');
    if (urgency !== undefined) expect(situation.urgency).toBe(urgency);
    expect(situation.evidence.length).toBeGreaterThan(0);
  });

  it('reads the facts of an invitation', () => {
    const situation = interpretSignal(event({}), context());
    expect(situation.facts).toMatchObject({
      counterpart: 'bob@example.com',
      counterpartDomain: 'example.com',
      subject: 'Design review',
      eventId: 'abc123def456',
      calendarId: 'primary',
      start: '2026-11-26T10:00:00+01:00',
      end: '2026-11-26T11:00:00+01:00',
      selfResponse: 'needsAction',
    });
  });

  it('lists the conflicting events with one evidence line each', () => {
    const lunch: AcceptedEvent = { eventId: 'lunch', summary: 'Lunch', start: '2026-11-26T09:40:00Z', end: '2026-11-26T10:30:00Z' };
    const situation = interpretSignal(event({}), context([standup, touching, lunch]));
    expect(situation.facts.conflictsWith?.map((c) => c.eventId)).toEqual(['standup1', 'lunch']);
    expect(situation.evidence.filter((line) => line.startsWith('overlaps'))).toHaveLength(2);
  });

  it('tells a moved event from an unchanged one', () => {
    const accepted = event({ attendees: [{ email: 'ann@example.com', self: true, responseStatus: 'accepted' }] });
    const moved = interpretSignal(accepted, context([], { start: '2026-11-26T08:00:00+01:00', end: '2026-11-26T09:00:00+01:00' }));
    expect(moved.facts.timeChanged).toBe(true);
    expect(moved.facts.previousStart).toBe('2026-11-26T08:00:00+01:00');
    // Same instants written in another zone are not a change.
    const same = interpretSignal(accepted, context([], { start: '2026-11-26T09:00:00Z', end: '2026-11-26T10:00:00Z' }));
    expect(same.facts.timeChanged).toBe(false);
    expect(interpretSignal(accepted, context()).facts.timeChanged).toBeUndefined();
  });

  it('reads all-day and zoneless times the same on every host', () => {
    const allDay = interpretSignal(event({ start: '2026-11-26', end: '2026-11-27', allDay: true }), context([standup]));
    expect(allDay.kind).toBe('calendar_conflict');
    const zoneless = interpretSignal(event({ start: '2026-11-26T09:00:00', end: '2026-11-26T09:31:00' }), context([standup]));
    expect(zoneless.kind).toBe('calendar_conflict');
  });
});
