import { describe, expect, it } from 'vitest';
import { calendarEventToSignal } from './calendar-event.js';
import { UnusableItemError } from './errors.js';
import { USER_ID, calendarEvent, expectValid } from './fixtures.testkit.js';

const SELF = 'ann@example.com';
const UPDATED_MS = Date.parse('2026-11-24T09:00:00.000Z');

describe('calendarEventToSignal', () => {
  it('reads a timed event: offsets kept, organizer, attendees and a versioned external id', () => {
    const signal = calendarEventToSignal(USER_ID, 'primary', calendarEvent('abc123def456'), SELF);
    expectValid(signal);
    expect(signal).toEqual({
      userId: USER_ID,
      source: 'calendar',
      externalId: `primary/abc123def456@2-${UPDATED_MS}`,
      type: 'calendar.event',
      occurredAt: '2026-11-24T09:00:00.000Z',
      data: {
        eventId: 'abc123def456',
        calendarId: 'primary',
        status: 'confirmed',
        summary: 'Design review',
        start: '2026-11-25T10:00:00+01:00',
        end: '2026-11-25T11:00:00+01:00',
        allDay: false,
        organizer: 'bob@example.com',
        recurringEventId: null,
        attendees: [
          { email: 'bob@example.com', self: false, responseStatus: 'accepted', organizer: true },
          { email: 'ann@example.com', self: true, responseStatus: 'needsAction' },
        ],
      },
    });
  });

  it('reads an all-day event as dates', () => {
    const event = calendarEvent('allday1', { start: { date: '2026-12-24' }, end: { date: '2026-12-27' }, summary: 'Holidays' });
    const signal = calendarEventToSignal(USER_ID, 'primary', event, SELF);
    expectValid(signal);
    expect(signal.data).toMatchObject({ start: '2026-12-24', end: '2026-12-27', allDay: true, summary: 'Holidays' });
  });

  it('reads a recurring instance with its series id', () => {
    const event = calendarEvent('weekly9x_20261126T090000Z', {
      recurringEventId: 'weekly9x',
      originalStartTime: { dateTime: '2026-11-26T10:00:00+01:00', timeZone: 'Europe/Berlin' },
      start: { dateTime: '2026-11-26T10:00:00+01:00' },
      end: { dateTime: '2026-11-26T10:30:00+01:00' },
      summary: 'Stand-up',
      sequence: 0,
    });
    const signal = calendarEventToSignal(USER_ID, 'work@example.com', event, SELF);
    expectValid(signal);
    expect(signal.externalId).toBe(`work@example.com/weekly9x_20261126T090000Z@0-${UPDATED_MS}`);
    expect(signal.data).toMatchObject({ recurringEventId: 'weekly9x', start: '2026-11-26T10:00:00+01:00', end: '2026-11-26T10:30:00+01:00' });
  });

  it('turns a minimal cancelled event into a valid cancellation at the time of reading', () => {
    const now = new Date('2026-11-24T12:00:00Z');
    const minimal = { kind: 'calendar#event', etag: '"3421986499990000"', id: 'abc123def456', status: 'cancelled' };
    const signal = calendarEventToSignal(USER_ID, 'primary', minimal, SELF, { now });
    expectValid(signal);
    expect(signal.occurredAt).toBe(now.toISOString());
    expect(signal.data).toMatchObject({ status: 'cancelled', summary: '', organizer: '', attendees: [], start: now.toISOString(), end: now.toISOString(), timesFrom: 'occurredAt' });
    // Another version than the confirmed one, and the same on a resync.
    expect(signal.externalId).not.toBe(calendarEventToSignal(USER_ID, 'primary', calendarEvent('abc123def456'), SELF).externalId);
    expect(calendarEventToSignal(USER_ID, 'primary', minimal, SELF, { now: new Date('2026-11-25T00:00:00Z') }).externalId).toBe(signal.externalId);
  });

  it('places a cancelled recurring instance at its original start', () => {
    const minimal = { id: 'weekly9x_20261203T090000Z', status: 'cancelled', recurringEventId: 'weekly9x', originalStartTime: { dateTime: '2026-12-03T10:00:00+01:00' } };
    const signal = calendarEventToSignal(USER_ID, 'primary', minimal, SELF, { now: new Date('2026-11-24T12:00:00Z') });
    expectValid(signal);
    expect(signal.data).toMatchObject({ start: '2026-12-03T10:00:00+01:00', end: '2026-12-03T10:00:00+01:00', timesFrom: 'originalStartTime', recurringEventId: 'weekly9x' });
    const allDay = calendarEventToSignal(USER_ID, 'primary', { ...minimal, originalStartTime: { date: '2026-12-03' } }, SELF);
    expect(allDay.data).toMatchObject({ start: '2026-12-03', end: '2026-12-04', allDay: true });
  });

  it('gives each version of an event its own external id and a resync of one version the same', () => {
    const first = calendarEventToSignal(USER_ID, 'primary', calendarEvent('e1'), SELF);
    const again = calendarEventToSignal(USER_ID, 'primary', calendarEvent('e1'), SELF);
    const moved = calendarEventToSignal(USER_ID, 'primary', calendarEvent('e1', { sequence: 3, updated: '2026-11-24T10:00:00.000Z' }), SELF);
    // An attendee's answer changes `updated` but not `sequence`.
    const answered = calendarEventToSignal(USER_ID, 'primary', calendarEvent('e1', { updated: '2026-11-24T09:30:00.000Z' }), SELF);
    expect(again.externalId).toBe(first.externalId);
    expect(new Set([first.externalId, moved.externalId, answered.externalId]).size).toBe(3);
  });

  it('marks the user by address when Google leaves out self, and skips attendees without an address', () => {
    const event = calendarEvent('e2', {
      organizer: { self: true },
      attendees: [
        { email: 'ANN@example.com', responseStatus: 'accepted' },
        { displayName: 'Room 4', resource: true, responseStatus: 'accepted' },
        { email: 'carl@example.com', responseStatus: 'maybe', optional: true },
      ],
    });
    const signal = calendarEventToSignal(USER_ID, 'primary', event, SELF);
    expectValid(signal);
    expect(signal.data.organizer).toBe(SELF);
    expect(signal.data.attendees).toEqual([
      { email: 'ANN@example.com', self: true, responseStatus: 'accepted' },
      { email: 'carl@example.com', self: false, optional: true },
    ]);
  });

  it('keeps the external id within 1024 characters for very long ids', () => {
    const calendarId = `${'c'.repeat(600)}@group.calendar.google.com`;
    const signal = calendarEventToSignal(USER_ID, calendarId, calendarEvent('e'.repeat(1000)), SELF);
    expectValid(signal);
    expect(signal.externalId.length).toBeLessThanOrEqual(1024);
    expect(calendarEventToSignal(USER_ID, calendarId, calendarEvent('e'.repeat(1000)), SELF).externalId).toBe(signal.externalId);
    expect(calendarEventToSignal(USER_ID, calendarId, calendarEvent('e'.repeat(999)), SELF).externalId).not.toBe(signal.externalId);
  });

  it('reports an event without an id', () => {
    expect(() => calendarEventToSignal(USER_ID, 'primary', { status: 'cancelled' }, SELF)).toThrow(UnusableItemError);
  });
});
