import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GoogleError, googleErrors } from '../errors.js';
import { authenticate, isRecord, queryBool, queryInt, queryString, SCOPES, type EndpointConfig } from '../http.js';
import { createRandom } from '../random.js';
import type { EmulatorState } from '../state/emulator-state.js';
import type { CalendarInfo } from '../state/calendar.js';
import { isTimeZone, parseRfc3339 } from '../timezone.js';
import { listItem, selectEvents, type ListQuery } from './list.js';
import { PageCache } from './pages.js';
import { eventResource, type EventView } from './render.js';
import { makeSyncToken, readSyncToken } from './sync-token.js';

type CalendarParams = { calendarId: string };
type EventParams = { calendarId: string; eventId: string };
const calendar = (endpoint: string): { config: EndpointConfig } => ({ config: { endpoint, family: 'calendar' } });
const SEND_UPDATES = ['all', 'externalOnly', 'none'];
/** Parameters a sync token cannot be combined with. */
const NOT_WITH_SYNC_TOKEN = ['timeMin', 'timeMax', 'orderBy', 'q', 'updatedMin', 'iCalUID', 'privateExtendedProperty', 'sharedExtendedProperty'];

function outputZone(request: FastifyRequest): string | undefined {
  const zone = queryString(request, 'timeZone');
  if (zone !== undefined && !isTimeZone(zone)) throw googleErrors.invalid('calendar', 'Invalid time zone definition.', 'timeZone');
  return zone;
}

function instant(request: FastifyRequest, name: string): number | undefined {
  const text = queryString(request, name);
  if (text === undefined) return undefined;
  const ms = parseRfc3339(text);
  if (ms === null) throw googleErrors.invalid('calendar', 'Bad Request', name);
  return ms;
}

function readListQuery(request: FastifyRequest): ListQuery & { syncToken?: string } {
  const syncToken = queryString(request, 'syncToken');
  const query = (request.query ?? {}) as Record<string, unknown>;
  if (syncToken !== undefined) {
    const clash = NOT_WITH_SYNC_TOKEN.find((name) => query[name] !== undefined);
    if (clash !== undefined) throw googleErrors.invalid('calendar', `The ${clash} parameter cannot be used together with syncToken.`, clash);
  }
  const singleEvents = queryBool(request, 'singleEvents', 'calendar');
  const orderBy = queryString(request, 'orderBy');
  if (orderBy !== undefined && orderBy !== 'startTime' && orderBy !== 'updated') throw googleErrors.invalid('calendar', `Invalid value for orderBy: ${orderBy}`, 'orderBy');
  if (orderBy === 'startTime' && !singleEvents) throw googleErrors.badRequest('The requested ordering is not available for the particular query.');
  const timeMin = instant(request, 'timeMin');
  const timeMax = instant(request, 'timeMax');
  if (timeMin !== undefined && timeMax !== undefined && timeMax <= timeMin) throw new GoogleError(400, 'timeRangeEmpty', 'The specified time range is empty.', { location: 'timeMax', locationType: 'parameter' });
  const updatedMin = instant(request, 'updatedMin');
  const q = queryString(request, 'q');
  const iCalUID = queryString(request, 'iCalUID');
  return {
    singleEvents,
    showDeleted: queryBool(request, 'showDeleted', 'calendar'),
    ...(orderBy !== undefined ? { orderBy } : {}),
    ...(timeMin !== undefined ? { timeMin } : {}),
    ...(timeMax !== undefined ? { timeMax } : {}),
    ...(updatedMin !== undefined ? { updatedMin } : {}),
    ...(q !== undefined ? { q } : {}),
    ...(iCalUID !== undefined ? { iCalUID } : {}),
    ...(syncToken !== undefined ? { syncToken } : {}),
  };
}

function listEnvelope(info: CalendarInfo, updated: Date): Record<string, unknown> {
  return {
    kind: 'calendar#events',
    etag: `"${updated.getTime() * 1000}"`,
    summary: info.summary,
    description: info.description ?? '',
    updated: updated.toISOString(),
    timeZone: info.timeZone,
    accessRole: info.accessRole,
    defaultReminders: info.accessRole === 'owner' ? [{ method: 'popup', minutes: 10 }] : [],
  };
}

function calendarListEntry(info: CalendarInfo): Record<string, unknown> {
  return {
    kind: 'calendar#calendarListEntry',
    etag: `"${info.id.length}${info.summary.length}0000000"`,
    id: info.id,
    summary: info.summary,
    ...(info.description !== undefined ? { description: info.description } : {}),
    timeZone: info.timeZone,
    colorId: info.primary ? '14' : '7',
    backgroundColor: info.primary ? '#9fe1e7' : '#42d692',
    foregroundColor: '#000000',
    selected: true,
    accessRole: info.accessRole,
    defaultReminders: info.accessRole === 'owner' ? [{ method: 'popup', minutes: 10 }] : [],
    ...(info.primary ? { primary: true } : {}),
  };
}

const canWrite = (info: CalendarInfo): boolean => info.accessRole === 'owner' || info.accessRole === 'writer';

export function calendarRoutes(app: FastifyInstance, state: EmulatorState): void {
  const pages = new PageCache(createRandom(state.seed, 'calendar-pages'));

  app.get('/calendar/v3/users/me/calendarList', calendar('calendar.calendarList.list'), async (request) => {
    const email = authenticate(state, request, SCOPES.calendarList);
    const items = state.calendar(email).list().map(calendarListEntry);
    return { kind: 'calendar#calendarList', etag: `"${items.length}"`, nextSyncToken: `L${items.length}`, items };
  });

  app.get<{ Params: CalendarParams }>('/calendar/v3/calendars/:calendarId', calendar('calendar.calendars.get'), async (request) => {
    const email = authenticate(state, request, SCOPES.calendarRead);
    const info = state.calendar(email).calendar(request.params.calendarId);
    return { kind: 'calendar#calendar', etag: `"${info.id.length}"`, id: info.id, summary: info.summary, timeZone: info.timeZone };
  });

  app.get<{ Params: CalendarParams }>('/calendar/v3/calendars/:calendarId/events', calendar('calendar.events.list'), async (request) => {
    const email = authenticate(state, request, SCOPES.calendarRead);
    const store = state.calendar(email);
    const info = store.calendar(request.params.calendarId);
    const query = readListQuery(request);
    const maxResults = queryInt(request, 'maxResults', { family: 'calendar', fallback: 250, min: 1, max: 2500, clamp: false });
    const zone = outputZone(request);
    const view: EventView = { viewer: email, calendarZone: info.timeZone, ...(zone !== undefined ? { outputZone: zone } : {}) };
    const pageToken = queryString(request, 'pageToken');
    const now = state.clock.now();

    let snapshot;
    if (pageToken !== undefined) {
      snapshot = pages.get(pageToken);
      if (!snapshot || snapshot.owner !== email || snapshot.calendarId !== info.id) throw googleErrors.invalid('calendar', 'Invalid page token value.', 'pageToken');
    } else {
      const sinceChange = query.syncToken !== undefined ? readSyncToken(store, info.id, query.syncToken) : undefined;
      const events = selectEvents(store, info, { ...query, ...(sinceChange !== undefined ? { sinceChange } : {}) }, now.getTime());
      snapshot = { owner: email, calendarId: info.id, items: events.map((e) => listItem(e, view)), offset: 0, nextSyncToken: makeSyncToken(store, info.id, store.changeSeq) };
    }
    const items = snapshot.items.slice(snapshot.offset, snapshot.offset + maxResults);
    const body = listEnvelope(info, now);
    if (snapshot.offset + items.length < snapshot.items.length) body.nextPageToken = pages.put({ ...snapshot, offset: snapshot.offset + items.length });
    else body.nextSyncToken = snapshot.nextSyncToken;
    body.items = items;
    return body;
  });

  app.get<{ Params: EventParams }>('/calendar/v3/calendars/:calendarId/events/:eventId', calendar('calendar.events.get'), async (request) => {
    const email = authenticate(state, request, SCOPES.calendarRead);
    const store = state.calendar(email);
    const info = store.calendar(request.params.calendarId);
    const zone = outputZone(request);
    const event = store.get(info.id, request.params.eventId);
    return eventResource(event, { viewer: email, calendarZone: info.timeZone, ...(zone !== undefined ? { outputZone: zone } : {}) });
  });

  app.patch<{ Params: EventParams }>('/calendar/v3/calendars/:calendarId/events/:eventId', calendar('calendar.events.patch'), async (request) => {
    const email = authenticate(state, request, SCOPES.calendarWrite);
    const store = state.calendar(email);
    const info = store.calendar(request.params.calendarId);
    const sendUpdates = queryString(request, 'sendUpdates');
    if (sendUpdates !== undefined && !SEND_UPDATES.includes(sendUpdates)) throw googleErrors.invalid('calendar', `Invalid value for sendUpdates: ${sendUpdates}`, 'sendUpdates');
    if (!canWrite(info)) throw new GoogleError(403, 'requiredAccessLevel', 'You need to have writer access to this calendar.');
    if (!isRecord(request.body)) throw googleErrors.parseError();
    const zone = outputZone(request);
    const event = store.patch(info.id, request.params.eventId, request.body, state.clock.now().getTime());
    return eventResource(event, { viewer: email, calendarZone: info.timeZone, ...(zone !== undefined ? { outputZone: zone } : {}) });
  });

  app.delete<{ Params: EventParams }>('/calendar/v3/calendars/:calendarId/events/:eventId', calendar('calendar.events.delete'), async (request, reply) => {
    const email = authenticate(state, request, SCOPES.calendarWrite);
    const store = state.calendar(email);
    const info = store.calendar(request.params.calendarId);
    if (!canWrite(info)) throw new GoogleError(403, 'requiredAccessLevel', 'You need to have writer access to this calendar.');
    store.cancel(info.id, request.params.eventId, state.clock.now().getTime());
    return reply.status(204).send();
  });
}
