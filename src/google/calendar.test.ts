import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GoogleClient } from './client.js';
import { googleError, ScriptedServer } from './scripted-server.testkit.js';
import { isPermanentGoogleError } from './errors.js';
import type { CalendarEvent } from './types.js';

let server: ScriptedServer;
let google: GoogleClient;

beforeEach(async () => {
  server = await ScriptedServer.start();
  google = new GoogleClient({
    apiBaseUrl: server.url,
    tokens: { current: async () => 'ya29.calendar', refresh: async () => 'ya29.calendar-2' },
    retry: { timeScale: 0 },
  });
});

afterEach(async () => {
  await server.close();
});

function lastRequest() {
  const request = server.requests.at(-1);
  if (!request) throw new Error('no request reached the server');
  return request;
}

const event: CalendarEvent = {
  id: 'evt1',
  status: 'confirmed',
  summary: 'Design review',
  start: { dateTime: '2025-03-11T10:00:00+01:00' },
  end: { dateTime: '2025-03-11T11:00:00+01:00' },
  organizer: { email: 'bob@example.com' },
  attendees: [
    { email: 'bob@example.com', organizer: true, responseStatus: 'accepted' },
    { email: 'ada@example.com', self: true, responseStatus: 'needsAction' },
  ],
  updated: '2025-03-10T09:00:00.000Z',
};

describe('Calendar requests', () => {
  it('calendarList.list', async () => {
    const list = { items: [{ id: 'ada@example.com', summary: 'Ada', primary: true, accessRole: 'owner' }] };
    server.enqueue({ body: list });
    await expect(google.calendar.calendarList.list({ minAccessRole: 'reader', maxResults: 250 })).resolves.toEqual(list);
    expect(lastRequest().pathname).toBe('/calendar/v3/users/me/calendarList');
    expect(lastRequest().query.get('minAccessRole')).toBe('reader');
  });

  it('events.list sends a time window with expanded recurrences', async () => {
    server.enqueue({ body: { items: [event], nextPageToken: 'np' } });
    await expect(
      google.calendar.events.list('ada@example.com', {
        timeMin: '2025-03-10T00:00:00Z',
        timeMax: '2025-03-17T00:00:00Z',
        singleEvents: true,
        orderBy: 'startTime',
        maxResults: 250,
        showDeleted: false,
      }),
    ).resolves.toEqual({ items: [event], nextPageToken: 'np' });
    const request = lastRequest();
    expect(request.pathname).toBe('/calendar/v3/calendars/ada%40example.com/events');
    expect(Object.fromEntries(request.query)).toEqual({
      timeMin: '2025-03-10T00:00:00Z',
      timeMax: '2025-03-17T00:00:00Z',
      singleEvents: 'true',
      orderBy: 'startTime',
      maxResults: '250',
      showDeleted: 'false',
    });
  });

  it('events.list sends a sync token and page token', async () => {
    server.enqueue({ body: { items: [], nextSyncToken: 'sync-2' } });
    await expect(google.calendar.events.list('primary', { syncToken: 'sync-1', pageToken: 'p3', showDeleted: true })).resolves.toEqual({
      items: [],
      nextSyncToken: 'sync-2',
    });
    expect(Object.fromEntries(lastRequest().query)).toEqual({ syncToken: 'sync-1', pageToken: 'p3', showDeleted: 'true' });
  });

  it('events.get', async () => {
    server.enqueue({ body: event });
    await expect(google.calendar.events.get('primary', 'evt1')).resolves.toEqual(event);
    expect(lastRequest()).toMatchObject({ method: 'GET', pathname: '/calendar/v3/calendars/primary/events/evt1' });
  });

  it('events.patch sends the changed fields and sendUpdates', async () => {
    const attendees = [
      { email: 'bob@example.com', organizer: true, responseStatus: 'accepted' as const },
      { email: 'ada@example.com', self: true, responseStatus: 'accepted' as const },
    ];
    server.enqueue({ body: { ...event, attendees } });
    await google.calendar.events.patch('primary', 'evt1', { attendees }, { sendUpdates: 'all' });
    const request = lastRequest();
    expect(request).toMatchObject({ method: 'PATCH', pathname: '/calendar/v3/calendars/primary/events/evt1' });
    expect(request.query.get('sendUpdates')).toBe('all');
    expect(JSON.parse(request.body)).toEqual({ attendees });
  });

  it('keeps a 410 outside events.list a permanent error', async () => {
    server.enqueue({ status: 410, body: googleError(410, 'deleted', 'Resource has been deleted', 'GONE') });
    const outcome = await google.calendar.events.patch('primary', 'evt1', { summary: 'x' }).catch((error: unknown) => error);
    expect(isPermanentGoogleError(outcome)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });
});
