import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCalendar, type CalendarSyncOptions } from './calendar-sync.js';
import { startHarness, type EmulatorHarness } from './emulator.testkit.js';
import { USER_ID, expectValid } from './fixtures.testkit.js';

const NOW = '2026-11-24T12:00:00.000Z';
const SELF = 'ann@example.com';

let h: EmulatorHarness;
const ids: Record<string, string> = {};
beforeAll(async () => {
  h = await startHarness(SELF, NOW);
  const add = async (name: string, input: Parameters<EmulatorHarness['control']['addEvent']>[1]) => {
    ids[name] = String((await h.control.addEvent(h.email, input))['id']);
  };
  await add('invite', { summary: 'Design review', start: '2026-11-25T10:00:00+01:00', end: '2026-11-25T11:00:00+01:00', organizer: 'Bob <bob@example.com>', selfResponse: 'needsAction' });
  await add('holiday', { summary: 'Holidays', start: '2026-12-24', end: '2026-12-27' });
  await add('standup', { summary: 'Stand-up', start: '2026-11-17T09:00:00+01:00', end: '2026-11-17T09:30:00+01:00', recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'] });
  await add('old', { summary: 'Long over', start: '2026-11-21T10:00:00Z', end: '2026-11-21T11:00:00Z' });
  await add('recent', { summary: 'Just over', start: '2026-11-24T00:00:00Z', end: '2026-11-24T00:30:00Z' });
});
afterAll(async () => {
  await h?.close();
});

const options = (cursor: string | null, extra: Partial<CalendarSyncOptions> = {}): CalendarSyncOptions => ({
  userId: USER_ID,
  calendarId: 'primary',
  cursor,
  selfEmail: SELF,
  now: h.clock.now(),
  ...extra,
});

describe('syncCalendar against the emulator', () => {
  it('lists expanded instances in full, leaves out what ended over a day ago, and returns a sync token', async () => {
    const full = await syncCalendar(h.calendar, options(null, { pageSize: 2 }));
    expect(full.mode).toBe('full');
    expect(full.cursor).toEqual(expect.any(String));
    expectValid(...full.signals);
    const summaries = full.signals.map((signal) => `${signal.data.summary} ${signal.data.start}`);
    // Google renders times in the calendar's zone (Europe/Berlin here); the offset is kept as given.
    expect([...summaries].sort()).toEqual([
      'Design review 2026-11-25T10:00:00+01:00',
      'Holidays 2026-12-24',
      'Just over 2026-11-24T01:00:00+01:00',
      'Stand-up 2026-11-24T09:00:00+01:00',
      'Stand-up 2026-12-01T09:00:00+01:00',
      'Stand-up 2026-12-08T09:00:00+01:00',
    ]);
    const invite = full.signals.find((signal) => signal.data.eventId === ids['invite']);
    expect(invite?.data).toMatchObject({ status: 'confirmed', allDay: false, organizer: 'bob@example.com', recurringEventId: null });
    expect(invite?.data.attendees).toContainEqual(expect.objectContaining({ email: SELF, self: true, responseStatus: 'needsAction' }));
    expect(invite?.externalId).toMatch(new RegExp(`^primary/${ids['invite']}@\\d+-\\d+$`));
    expect(full.signals.find((signal) => signal.data.summary === 'Holidays')?.data).toMatchObject({ allDay: true, end: '2026-12-27' });
    for (const instance of full.signals.filter((signal) => signal.data.summary === 'Stand-up')) {
      expect(instance.data.recurringEventId).toBe(ids['standup']);
      expect(instance.data.eventId).not.toBe(ids['standup']);
    }
    // Oldest change first.
    const times = full.signals.map((signal) => Date.parse(signal.occurredAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('continues from the sync token with cancellations and changes, even to events long over', async () => {
    const full = await syncCalendar(h.calendar, options(null));
    const before = full.signals.find((signal) => signal.data.eventId === ids['invite']);
    h.clock.advance(60_000);
    await h.control.cancelEvent(h.email, ids['invite']!);
    await h.control.updateEvent(h.email, ids['old']!, { summary: 'Long over (notes added)' });

    const next = await syncCalendar(h.calendar, options(full.cursor, { pageSize: 1 }));
    expect(next.mode).toBe('incremental');
    expectValid(...next.signals);
    const cancelled = next.signals.find((signal) => signal.data.eventId === ids['invite']);
    expect(cancelled?.data.status).toBe('cancelled');
    expect(cancelled?.externalId).not.toBe(before?.externalId);
    expect(next.signals.find((signal) => signal.data.eventId === ids['old'])?.data.summary).toBe('Long over (notes added)');
    expect(next.signals).toHaveLength(2);
    expect(next.cursor).not.toBe(full.cursor);

    const quiet = await syncCalendar(h.calendar, options(next.cursor));
    expect(quiet).toMatchObject({ mode: 'incremental', signals: [] });
  });

  it('drops an expired sync token (410) and lists the calendar in full again', async () => {
    const full = await syncCalendar(h.calendar, options(null));
    await h.control.expireCursors(h.email);
    const resync = await syncCalendar(h.calendar, options(full.cursor));
    expect(resync.mode).toBe('full');
    expect(resync.resyncReason).toMatch(/^sync_token_expired: /);
    expect(resync.cursor).toEqual(expect.any(String));
    expect(resync.cursor).not.toBe(full.cursor);
    expect(resync.signals.map((signal) => signal.data.eventId)).toContain(ids['holiday']);
    expectValid(...resync.signals);
    expect((await syncCalendar(h.calendar, options(resync.cursor))).mode).toBe('incremental');
  });

  it('syncs a secondary calendar under its own id', async () => {
    await h.control.addCalendar(h.email, { id: 'team@group.calendar.google.com', summary: 'Team' });
    await h.control.addEvent(h.email, { calendarId: 'team@group.calendar.google.com', summary: 'Offsite', start: '2026-12-02', end: '2026-12-03' });
    const result = await syncCalendar(h.calendar, options(null, { calendarId: 'team@group.calendar.google.com' }));
    expect(result.signals.map((signal) => signal.data.summary)).toEqual(['Offsite']);
    expect(result.signals[0]?.externalId.startsWith('team@group.calendar.google.com/')).toBe(true);
    expectValid(...result.signals);
  });
});
