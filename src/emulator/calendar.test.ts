import { afterEach, describe, expect, it } from 'vitest';
import { googleError, ManualClock, startTestEmulator, type TestEmulator } from './emulator.testkit.js';

interface Event {
  kind: string;
  id: string;
  etag: string;
  status: string;
  summary?: string;
  start?: { dateTime?: string; date?: string; timeZone?: string };
  end?: { dateTime?: string; date?: string; timeZone?: string };
  recurringEventId?: string;
  originalStartTime?: { dateTime?: string; date?: string };
  recurrence?: string[];
  attendees?: { email: string; self?: boolean; organizer?: boolean; responseStatus: string }[];
  organizer?: { email: string; self?: boolean };
  sequence?: number;
  updated?: string;
  iCalUID?: string;
}
interface EventList {
  kind: string;
  items: Event[];
  nextPageToken?: string;
  nextSyncToken?: string;
  timeZone: string;
}

const START = Date.parse('2026-11-23T08:00:00Z');
let t: TestEmulator;
let clock: ManualClock;
afterEach(() => t?.close());

async function start(): Promise<void> {
  clock = new ManualClock(START);
  t = await startTestEmulator({ clock, timeZone: 'Europe/Berlin' });
}

async function listAll(query: string): Promise<{ items: Event[]; syncToken: string; pages: number }> {
  const items: Event[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  for (;;) {
    const res = await t.api<EventList>(`/calendar/v3/calendars/primary/events?${query}${pageToken ? `&pageToken=${pageToken}` : ''}`);
    expect(res.status, res.text).toBe(200);
    pages += 1;
    items.push(...res.body.items);
    if (res.body.nextPageToken) {
      expect(res.body.nextSyncToken).toBeUndefined();
      pageToken = res.body.nextPageToken;
      continue;
    }
    expect(res.body.nextSyncToken).toBeTruthy();
    return { items, syncToken: res.body.nextSyncToken ?? '', pages };
  }
}

const meeting = (summary: string, day: number, hour: number, extra: Record<string, unknown> = {}) => ({
  summary,
  start: `2026-11-${day}T${String(hour).padStart(2, '0')}:00:00+01:00`,
  end: `2026-11-${day}T${String(hour + 1).padStart(2, '0')}:00:00+01:00`,
  ...extra,
});

describe('calendarList.list', () => {
  it('lists the primary calendar with its zone and access role', async () => {
    await start();
    await t.control.addCalendar(t.email, { id: 'team@group.calendar.example', summary: 'Team', accessRole: 'reader' });
    const res = await t.api<{ kind: string; items: Record<string, unknown>[] }>('/calendar/v3/users/me/calendarList');
    expect(res.body.kind).toBe('calendar#calendarList');
    expect(res.body.items[0]).toMatchObject({ kind: 'calendar#calendarListEntry', id: t.email, summary: t.email, primary: true, accessRole: 'owner', timeZone: 'Europe/Berlin' });
    expect(res.body.items[1]).toMatchObject({ id: 'team@group.calendar.example', accessRole: 'reader' });
    expect(res.body.items[1]).not.toHaveProperty('primary');
  });
});

describe('events.list', () => {
  it('answers Event resources; pages carry nextPageToken and only the last one nextSyncToken', async () => {
    await start();
    for (let i = 0; i < 5; i += 1) await t.control.addEvent(t.email, meeting(`Meeting ${i}`, 24 + i, 10, { attendees: ['bob@example.com'] }));
    const { items, pages } = await listAll('maxResults=2');
    expect(pages).toBe(3);
    expect(items.map((e) => e.summary)).toEqual(['Meeting 0', 'Meeting 1', 'Meeting 2', 'Meeting 3', 'Meeting 4']);
    const first = items[0] as Event;
    expect(first).toMatchObject({
      kind: 'calendar#event',
      status: 'confirmed',
      start: { dateTime: '2026-11-24T10:00:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-11-24T11:00:00+01:00', timeZone: 'Europe/Berlin' },
      organizer: { email: t.email, self: true },
      iCalUID: `${first.id}@google.com`,
      sequence: 0,
    });
    expect(first.id).toMatch(/^[a-v0-9]{26}$/);
    expect(first.etag).toMatch(/^"\d+"$/);
    expect(first.attendees).toEqual([
      { email: t.email, organizer: true, self: true, responseStatus: 'accepted' },
      { email: 'bob@example.com', responseStatus: 'needsAction' },
    ]);
  });

  it('filters by timeMin/timeMax and orders by start time with singleEvents', async () => {
    await start();
    await t.control.addEvent(t.email, meeting('Late', 26, 15));
    await t.control.addEvent(t.email, meeting('Early', 25, 9));
    await t.control.addEvent(t.email, meeting('Outside', 30, 9));
    await t.control.addEvent(t.email, { summary: 'Holiday', start: '2026-11-26', end: '2026-11-27' });
    const res = await t.api<EventList>(
      `/calendar/v3/calendars/primary/events?singleEvents=true&orderBy=startTime&timeMin=${encodeURIComponent('2026-11-25T00:00:00+01:00')}&timeMax=${encodeURIComponent('2026-11-27T00:00:00+01:00')}`,
    );
    expect(res.body.items.map((e) => e.summary)).toEqual(['Early', 'Holiday', 'Late']);
    expect(res.body.items[1]?.start).toEqual({ date: '2026-11-26' });
    const utc = await t.api<EventList>('/calendar/v3/calendars/primary/events?timeZone=UTC&q=early');
    expect(utc.body.items.map((e) => e.start?.dateTime)).toEqual(['2026-11-25T08:00:00Z']);
  });

  it('refuses orderBy=startTime without singleEvents and bad time bounds with 400', async () => {
    await start();
    const res = await t.api('/calendar/v3/calendars/primary/events?orderBy=startTime');
    expect(res.status).toBe(400);
    expect(googleError(res.body).code).toBe(400);
    expect((await t.api('/calendar/v3/calendars/primary/events?timeMin=yesterday')).status).toBe(400);
    expect((await t.api('/calendar/v3/calendars/primary/events?maxResults=0')).status).toBe(400);
    const unknown = await t.api('/calendar/v3/calendars/nobody@example.com/events');
    expect(unknown.status).toBe(404);
    expect(googleError(unknown.body)).toMatchObject({ reason: 'notFound', message: 'Not Found' });
  });
});

describe('recurring events', () => {
  it('expands DAILY and WEEKLY rules with COUNT, UNTIL and INTERVAL into instances', async () => {
    await start();
    const daily = await t.control.addEvent(t.email, meeting('Stand-up', 23, 9, { recurrence: ['RRULE:FREQ=DAILY;COUNT=3'] }));
    await t.control.addEvent(t.email, meeting('Fortnightly', 24, 14, { recurrence: ['RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20261231T000000Z'] }));
    await t.control.addEvent(t.email, { summary: 'Gym', start: '2026-11-23', end: '2026-11-24', recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=3'] });

    const expanded = await t.api<EventList>('/calendar/v3/calendars/primary/events?singleEvents=true&orderBy=startTime');
    const byTitle = (title: string) => expanded.body.items.filter((e) => e.summary === title);
    expect(byTitle('Stand-up').map((e) => e.id)).toEqual([`${daily.id}_20261123T080000Z`, `${daily.id}_20261124T080000Z`, `${daily.id}_20261125T080000Z`]);
    expect(byTitle('Stand-up')[1]).toMatchObject({
      recurringEventId: daily.id,
      originalStartTime: { dateTime: '2026-11-24T09:00:00+01:00', timeZone: 'Europe/Berlin' },
      start: { dateTime: '2026-11-24T09:00:00+01:00' },
    });
    expect(byTitle('Stand-up')[0]).not.toHaveProperty('recurrence');
    expect(byTitle('Fortnightly').map((e) => e.start?.dateTime)).toEqual(['2026-11-24T14:00:00+01:00', '2026-12-08T14:00:00+01:00', '2026-12-22T14:00:00+01:00']);
    expect(byTitle('Gym').map((e) => [e.id.split('_')[1], e.start?.date])).toEqual([
      ['20261123', '2026-11-23'],
      ['20261126', '2026-11-26'],
      ['20261130', '2026-11-30'],
    ]);

    const masters = await t.api<EventList>('/calendar/v3/calendars/primary/events');
    expect(masters.body.items.map((e) => e.recurrence)).toEqual([['RRULE:FREQ=DAILY;COUNT=3'], ['RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20261231T000000Z'], ['RRULE:FREQ=WEEKLY;BYDAY=MO,TH;COUNT=3']]);

    const instance = await t.api<Event>(`/calendar/v3/calendars/primary/events/${daily.id}_20261125T080000Z`);
    expect(instance.body).toMatchObject({ id: `${daily.id}_20261125T080000Z`, recurringEventId: daily.id });
    expect((await t.api(`/calendar/v3/calendars/primary/events/${daily.id}_20261126T080000Z`)).status).toBe(404);
  });

  it('keeps the local time across a DST change', async () => {
    await start();
    await t.control.addEvent(t.email, { summary: 'Weekly', start: '2027-03-22T10:00:00+01:00', end: '2027-03-22T10:30:00+01:00', recurrence: ['RRULE:FREQ=WEEKLY;COUNT=2'] });
    const res = await t.api<EventList>('/calendar/v3/calendars/primary/events?singleEvents=true');
    expect(res.body.items.map((e) => e.start?.dateTime)).toEqual(['2027-03-22T10:00:00+01:00', '2027-03-29T10:00:00+02:00']);
  });
});

describe('sync tokens', () => {
  it('returns only changes, including cancelled events with minimal fields, and a patch in the next sync', async () => {
    await start();
    const keep = await t.control.addEvent(t.email, meeting('Keep', 24, 10));
    const drop = await t.control.addEvent(t.email, meeting('Drop', 24, 12));
    const invite = await t.control.addEvent(t.email, meeting('Invite', 25, 10, { organizer: 'bob@example.com', selfResponse: 'needsAction' }));
    const full = await listAll('');
    expect(full.items).toHaveLength(3);

    const quiet = await t.api<EventList>(`/calendar/v3/calendars/primary/events?syncToken=${encodeURIComponent(full.syncToken)}`);
    expect(quiet.body.items).toEqual([]);
    expect(quiet.body.nextSyncToken).toBeTruthy();

    clock.advance(60_000);
    await t.control.cancelEvent(t.email, String(drop.id));
    const patched = await t.api<Event>(`/calendar/v3/calendars/primary/events/${invite.id}?sendUpdates=all`, {
      method: 'PATCH',
      body: { attendees: [{ email: 'bob@example.com', organizer: true, responseStatus: 'accepted' }, { email: t.email, responseStatus: 'accepted' }] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.sequence).toBe(1);
    expect(patched.body.etag).not.toBe(invite.etag);
    expect(patched.body.updated).toBe(new Date(START + 60_000).toISOString());
    expect(patched.body.attendees?.find((a) => a.self)).toEqual({ email: t.email, self: true, responseStatus: 'accepted' });
    expect(patched.body.organizer).toEqual({ email: 'bob@example.com' });

    const changes = await t.api<EventList>(`/calendar/v3/calendars/primary/events?syncToken=${encodeURIComponent(full.syncToken)}`);
    expect(changes.status).toBe(200);
    expect(changes.body.items.map((e) => e.id).sort()).toEqual([drop.id, invite.id].sort());
    const cancelled = changes.body.items.find((e) => e.id === drop.id);
    expect(cancelled).toEqual({ kind: 'calendar#event', etag: expect.any(String), id: drop.id, status: 'cancelled' });
    expect(changes.body.items.find((e) => e.id === invite.id)?.attendees?.find((a) => a.self)?.responseStatus).toBe('accepted');
    expect(changes.body.items.some((e) => e.id === keep.id)).toBe(false);

    const shown = await t.api<EventList>('/calendar/v3/calendars/primary/events');
    expect(shown.body.items.map((e) => e.id)).not.toContain(drop.id);
    const withDeleted = await t.api<EventList>('/calendar/v3/calendars/primary/events?showDeleted=true');
    expect(withDeleted.body.items.find((e) => e.id === drop.id)?.status).toBe('cancelled');
  });

  it('pages an incremental sync and gives the sync token on the last page', async () => {
    await start();
    const full = await listAll('');
    for (let i = 0; i < 3; i += 1) await t.control.addEvent(t.email, meeting(`New ${i}`, 24, 9 + i));
    const first = await t.api<EventList>(`/calendar/v3/calendars/primary/events?maxResults=2&syncToken=${encodeURIComponent(full.syncToken)}`);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextSyncToken).toBeUndefined();
    const second = await t.api<EventList>(`/calendar/v3/calendars/primary/events?maxResults=2&syncToken=${encodeURIComponent(full.syncToken)}&pageToken=${first.body.nextPageToken}`);
    expect(second.body.items.map((e) => e.summary)).toEqual(['New 2']);
    const after = await t.api<EventList>(`/calendar/v3/calendars/primary/events?syncToken=${encodeURIComponent(second.body.nextSyncToken ?? '')}`);
    expect(after.body.items).toEqual([]);
  });

  it('answers 400 when a sync token is combined with timeMin, timeMax, orderBy, q or updatedMin', async () => {
    await start();
    const { syncToken } = await listAll('');
    const token = encodeURIComponent(syncToken);
    for (const extra of ['timeMin=2026-11-01T00:00:00Z', 'timeMax=2026-12-01T00:00:00Z', 'orderBy=updated', 'q=x', 'updatedMin=2026-11-01T00:00:00Z', 'singleEvents=true&orderBy=startTime']) {
      const res = await t.api(`/calendar/v3/calendars/primary/events?syncToken=${token}&${extra}`);
      expect(res.status, extra).toBe(400);
      expect(googleError(res.body)).toMatchObject({ code: 400, reason: 'invalid' });
    }
  });

  it('answers 410 fullSyncRequired once cursors expire; a full sync starts over', async () => {
    await start();
    await t.control.addEvent(t.email, meeting('One', 24, 10));
    const { syncToken } = await listAll('');
    await t.control.expireCursors(t.email);
    const res = await t.api(`/calendar/v3/calendars/primary/events?syncToken=${encodeURIComponent(syncToken)}`);
    expect(res.status).toBe(410);
    expect(googleError(res.body)).toMatchObject({ code: 410, reason: 'fullSyncRequired', message: 'Sync token is no longer valid, a full sync is required.' });
    const again = await listAll('');
    expect(again.items).toHaveLength(1);
    expect((await t.api(`/calendar/v3/calendars/primary/events?syncToken=${encodeURIComponent(again.syncToken)}`)).status).toBe(200);
    expect((await t.api('/calendar/v3/calendars/primary/events?syncToken=not-a-token')).status).toBe(400);
  });

  it('shows a changed series instance as an exception, in listings and in incremental sync with singleEvents', async () => {
    await start();
    const series = await t.control.addEvent(t.email, meeting('Daily', 24, 9, { recurrence: ['RRULE:FREQ=DAILY;COUNT=3'], organizer: 'lena@example.com', selfResponse: 'needsAction' }));
    const full = await listAll('singleEvents=true');
    expect(full.items).toHaveLength(3);
    const instanceId = `${series.id}_20261125T080000Z`;
    const patched = await t.api<Event>(`/calendar/v3/calendars/primary/events/${instanceId}`, { method: 'PATCH', body: { status: 'cancelled' } });
    expect(patched.status).toBe(200);
    const changes = await t.api<EventList>(`/calendar/v3/calendars/primary/events?singleEvents=true&syncToken=${encodeURIComponent(full.syncToken)}`);
    expect(changes.body.items).toEqual([{ kind: 'calendar#event', etag: expect.any(String), id: instanceId, status: 'cancelled', recurringEventId: series.id, originalStartTime: { dateTime: '2026-11-25T09:00:00+01:00', timeZone: 'Europe/Berlin' } }]);
    const listed = await t.api<EventList>('/calendar/v3/calendars/primary/events?singleEvents=true');
    expect(listed.body.items.map((e) => e.id)).toEqual([`${series.id}_20261124T080000Z`, `${series.id}_20261126T080000Z`]);
  });
});

describe('events.patch', () => {
  it('validates the body and the sendUpdates value', async () => {
    await start();
    const event = await t.control.addEvent(t.email, meeting('Patch me', 24, 10));
    const path = `/calendar/v3/calendars/primary/events/${event.id}`;
    expect((await t.api(`${path}?sendUpdates=sometimes`, { method: 'PATCH', body: { summary: 'x' } })).status).toBe(400);
    expect((await t.api(path, { method: 'PATCH', body: { attendees: [{ email: 'a@example.com', responseStatus: 'maybe' }] } })).status).toBe(400);
    expect((await t.api(path, { method: 'PATCH', body: { end: { dateTime: '2026-11-24T09:00:00+01:00' } } })).status).toBe(400);
    const moved = await t.api<Event>(path, { method: 'PATCH', body: { start: { dateTime: '2026-11-24T11:00:00+01:00' }, end: { dateTime: '2026-11-24T12:00:00+01:00' }, description: 'moved' } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ summary: 'Patch me', start: { dateTime: '2026-11-24T11:00:00+01:00' }, sequence: 1 });
    expect((await t.api<Event>(path)).body).toMatchObject({ description: 'moved' });
    expect((await t.api('/calendar/v3/calendars/primary/events/doesnotexist1', { method: 'PATCH', body: {} })).status).toBe(404);
  });
});
