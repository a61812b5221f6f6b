import type { CalendarInfo, CalendarStore } from '../state/calendar.js';
import { CalendarStore as Store } from '../state/calendar.js';
import type { StoredEvent } from '../state/events.js';
import { overlaps, seriesInstances, spanOf, type TimeWindow } from '../state/expand.js';
import { cancelledResource, eventResource, type EventView } from './render.js';

export interface ListQuery {
  timeMin?: number;
  timeMax?: number;
  singleEvents: boolean;
  orderBy?: 'startTime' | 'updated';
  showDeleted: boolean;
  updatedMin?: number;
  q?: string;
  iCalUID?: string;
  /** Set for incremental sync: only changes after this change counter. */
  sinceChange?: number;
}

interface Item {
  event: StoredEvent;
  startMs: number;
}

// Stable sort: equal creation times keep the calendar's insertion order.
const byCreation = (a: Item, b: Item): number => a.event.created - b.event.created;

function textMatches(event: StoredEvent, q: string): boolean {
  const haystack = [event.summary, event.description, event.location, event.organizer.email, ...(event.attendees ?? []).map((a) => a.email)]
    .filter((x): x is string => typeof x === 'string')
    .join('\n')
    .toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** Instances of a series overlapping the window, with stored exceptions in place of their instances. */
function expandSeries(master: StoredEvent, exceptions: Map<string, StoredEvent>, zone: string, window: TimeWindow): StoredEvent[] {
  return seriesInstances(master, zone, window).map((instance) => exceptions.get(instance.id) ?? instance);
}

/** The events a listing returns, before paging: Google's rules for full and incremental sync. */
export function selectEvents(store: CalendarStore, calendar: CalendarInfo, query: ListQuery, now: number): StoredEvent[] {
  const zone = calendar.timeZone;
  const stored = store.stored(calendar.id);
  const exceptions = new Map(stored.filter((e) => e.recurringEventId !== undefined).map((e) => [e.id, e]));
  const horizon = Store.horizon(now);

  if (query.sinceChange !== undefined) {
    const since = query.sinceChange;
    const changed = stored.filter((e) => e.changeSeq > since);
    if (!query.singleEvents) return changed;
    const seen = new Set<string>();
    const out: StoredEvent[] = [];
    for (const event of changed) {
      const expanded = event.recurrence ? expandSeries(event, exceptions, zone, { fromMs: Number.NEGATIVE_INFINITY, toMs: horizon }) : [event];
      for (const item of expanded) {
        const shown = event.recurrence && event.status === 'cancelled' ? { ...item, status: 'cancelled' as const } : item;
        if (!seen.has(shown.id)) out.push(shown);
        seen.add(shown.id);
      }
    }
    return out;
  }

  const window: TimeWindow = { fromMs: query.timeMin ?? Number.NEGATIVE_INFINITY, toMs: query.timeMax ?? Number.POSITIVE_INFINITY };
  const expansionWindow: TimeWindow = { fromMs: window.fromMs, toMs: Math.min(window.toMs, horizon) };
  const visible = (e: StoredEvent): boolean => query.showDeleted || e.status !== 'cancelled';
  let items: Item[] = [];
  for (const event of stored) {
    if (event.recurrence) {
      if (query.singleEvents) {
        if (event.status === 'cancelled') continue;
        // Instances with a stored exception are listed through the exception, at its own time.
        for (const instance of seriesInstances(event, zone, expansionWindow)) {
          if (!exceptions.has(instance.id)) items.push({ event: instance, startMs: spanOf(instance, zone).startMs });
        }
      } else if (visible(event) && seriesInstances(event, zone, expansionWindow, 1).length > 0) {
        items.push({ event, startMs: spanOf(event, zone).startMs });
      }
      continue;
    }
    if (event.recurringEventId !== undefined && query.singleEvents) {
      const master = stored.find((m) => m.id === event.recurringEventId);
      if (master?.status === 'cancelled') continue;
    }
    if (!visible(event) || !overlaps(spanOf(event, zone), window)) continue;
    items.push({ event, startMs: spanOf(event, zone).startMs });
  }
  if (query.updatedMin !== undefined) items = items.filter((i) => i.event.updated >= (query.updatedMin ?? 0));
  if (query.q !== undefined) items = items.filter((i) => textMatches(i.event, query.q ?? ''));
  if (query.iCalUID !== undefined) items = items.filter((i) => i.event.iCalUID === query.iCalUID);
  if (query.orderBy === 'startTime') items.sort((a, b) => a.startMs - b.startMs || a.event.id.localeCompare(b.event.id));
  else if (query.orderBy === 'updated') items.sort((a, b) => a.event.updated - b.event.updated || a.event.id.localeCompare(b.event.id));
  else items.sort(byCreation);
  return items.map((i) => i.event);
}

/** Listings show cancelled events with identifying fields only. */
export function listItem(event: StoredEvent, view: EventView): Record<string, unknown> {
  return event.status === 'cancelled' ? cancelledResource(event, view) : eventResource(event, view);
}
