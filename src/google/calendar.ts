import { SyncTokenExpiredError } from './errors.js';
import { segment, type GoogleTransport } from './transport.js';
import type { CalendarAccessRole, CalendarEvent, CalendarEventList, CalendarEventPatch, CalendarList, SendUpdates } from './types.js';

export interface ListCalendarsParams {
  maxResults?: number;
  pageToken?: string;
  minAccessRole?: CalendarAccessRole;
}

/**
 * With syncToken, Google rejects timeMin/timeMax/orderBy: pass either a sync token or a window.
 */
export interface ListEventsParams {
  timeMin?: string;
  timeMax?: string;
  singleEvents?: boolean;
  orderBy?: 'startTime' | 'updated';
  maxResults?: number;
  pageToken?: string;
  syncToken?: string;
  showDeleted?: boolean;
}

export interface PatchEventOptions {
  sendUpdates?: SendUpdates;
}

export interface CalendarApi {
  calendarList: {
    list(params?: ListCalendarsParams): Promise<CalendarList>;
  };
  events: {
    /** Throws SyncTokenExpiredError on 410: drop the sync token and list again in full. */
    list(calendarId: string, params?: ListEventsParams): Promise<CalendarEventList>;
    get(calendarId: string, eventId: string): Promise<CalendarEvent>;
    /** Sets fields to given values, so a repeat leaves the same end state; retried like a read. */
    patch(calendarId: string, eventId: string, patch: CalendarEventPatch, options?: PatchEventOptions): Promise<CalendarEvent>;
  };
}

const BASE = '/calendar/v3';

export function calendarApi(transport: GoogleTransport): CalendarApi {
  return {
    calendarList: {
      list: (params = {}) =>
        transport.request({
          operation: 'calendar.calendarList.list',
          method: 'GET',
          path: `${BASE}/users/me/calendarList`,
          query: { maxResults: params.maxResults, pageToken: params.pageToken, minAccessRole: params.minAccessRole },
          retry: 'transient',
        }),
    },
    events: {
      list: (calendarId, params = {}) =>
        transport.request({
          operation: 'calendar.events.list',
          method: 'GET',
          path: `${BASE}/calendars/${segment(calendarId)}/events`,
          query: {
            timeMin: params.timeMin,
            timeMax: params.timeMax,
            singleEvents: params.singleEvents,
            orderBy: params.orderBy,
            maxResults: params.maxResults,
            pageToken: params.pageToken,
            syncToken: params.syncToken,
            showDeleted: params.showDeleted,
          },
          retry: 'transient',
          // 410 elsewhere in Calendar means a deleted resource; only here is it an expired cursor.
          special: (status, reason) =>
            status === 410
              ? new SyncTokenExpiredError(
                  { operation: 'calendar.events.list', status, reason },
                  `calendar.events.list: Google no longer accepts the sync token for calendar ${calendarId}; drop it and resync in full`,
                )
              : null,
        }),
      get: (calendarId, eventId) =>
        transport.request({
          operation: 'calendar.events.get',
          method: 'GET',
          path: `${BASE}/calendars/${segment(calendarId)}/events/${segment(eventId)}`,
          retry: 'transient',
        }),
      patch: (calendarId, eventId, patch, options = {}) =>
        transport.request({
          operation: 'calendar.events.patch',
          method: 'PATCH',
          path: `${BASE}/calendars/${segment(calendarId)}/events/${segment(eventId)}`,
          query: { sendUpdates: options.sendUpdates },
          body: patch,
          retry: 'transient',
        }),
    },
  };
}
