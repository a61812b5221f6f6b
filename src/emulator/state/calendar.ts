import { GoogleError, googleErrors } from '../errors.js';
import type { Random } from '../random.js';
import { applyPatch, checkSpan, type StoredEvent } from './events.js';
import { parseInstanceId, seriesInstances, spanOf } from './expand.js';

export type AccessRole = 'owner' | 'writer' | 'reader' | 'freeBusyReader';

export interface CalendarInfo {
  id: string;
  summary: string;
  description?: string;
  timeZone: string;
  accessRole: AccessRole;
  primary: boolean;
}

interface CalendarData {
  info: CalendarInfo;
  events: Map<string, StoredEvent>;
}

/** One account's calendars as the state file keeps them. */
export interface CalendarSnapshot {
  changeCounter: number;
  epoch: number;
  calendars: { info: CalendarInfo; events: StoredEvent[] }[];
}

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';
const YEAR_MS = 365 * 86_400_000;

/** One account's calendars and events, with a change counter for sync tokens and an epoch to expire them. */
export class CalendarStore {
  private readonly calendars = new Map<string, CalendarData>();
  private changeCounter = 0;
  /**
   * Bumped by expireCursors: sync tokens from an older epoch answer 410. A new store may start
   * elsewhere than 0, so tokens from another emulator state (before a reset) are refused too.
   */
  epoch: number;

  constructor(
    readonly owner: string,
    timeZone: string,
    private readonly ids: Random,
    epoch = 0,
  ) {
    this.epoch = epoch;
    this.calendars.set(owner, { info: { id: owner, summary: owner, timeZone, accessRole: 'owner', primary: true }, events: new Map() });
  }

  snapshot(): CalendarSnapshot {
    return {
      changeCounter: this.changeCounter,
      epoch: this.epoch,
      calendars: [...this.calendars.values()].map((data) => ({ info: { ...data.info }, events: [...data.events.values()].map((event) => structuredClone(event)) })),
    };
  }

  static restore(owner: string, snapshot: CalendarSnapshot, ids: Random): CalendarStore {
    const primary = snapshot.calendars.find((c) => c.info.primary);
    const store = new CalendarStore(owner, primary?.info.timeZone ?? 'UTC', ids, snapshot.epoch);
    store.calendars.clear();
    for (const { info, events } of snapshot.calendars) {
      store.calendars.set(info.id, { info: { ...info }, events: new Map(events.map((event) => [event.id, structuredClone(event)])) });
    }
    store.changeCounter = snapshot.changeCounter;
    return store;
  }

  /** Moves the change counter past `gap` changes (see HistoryLog.skip): held sync tokens stay valid. */
  skip(gap: number): void {
    this.changeCounter += gap;
  }

  get changeSeq(): number {
    return this.changeCounter;
  }

  nextChange(): number {
    this.changeCounter += 1;
    return this.changeCounter;
  }

  list(): CalendarInfo[] {
    return [...this.calendars.values()].map((c) => c.info);
  }

  /** 'primary' or an id; 404 notFound otherwise. */
  calendar(calendarId: string): CalendarInfo {
    return this.data(calendarId).info;
  }

  private data(calendarId: string): CalendarData {
    const found = this.calendars.get(calendarId === 'primary' ? this.owner : calendarId.toLowerCase()) ?? this.calendars.get(calendarId);
    if (!found) throw googleErrors.notFound('calendar');
    return found;
  }

  addCalendar(info: Omit<CalendarInfo, 'primary'>): CalendarInfo {
    if (this.calendars.has(info.id)) throw new GoogleError(409, 'duplicate', `Calendar ${info.id} already exists.`);
    const full = { ...info, primary: false };
    this.calendars.set(info.id, { info: full, events: new Map() });
    return full;
  }

  newEventId(): string {
    return this.ids.chars(26, BASE32HEX);
  }

  /** Stores a new event (already validated); the caller sets every field but changeSeq. */
  insert(event: Omit<StoredEvent, 'changeSeq'>): StoredEvent {
    const data = this.data(event.calendarId);
    if (data.events.has(event.id)) throw new GoogleError(409, 'duplicate', 'The requested identifier already exists.');
    checkSpan(event.start, event.end, data.info.timeZone);
    const stored: StoredEvent = { ...event, calendarId: data.info.id, changeSeq: this.nextChange() };
    data.events.set(stored.id, stored);
    return stored;
  }

  /** Stored events (masters, single events, exceptions), including cancelled ones. */
  stored(calendarId: string): StoredEvent[] {
    return [...this.data(calendarId).events.values()];
  }

  /** An event by id: stored, or an instance derived from its series; 404 when neither. */
  get(calendarId: string, eventId: string): StoredEvent {
    const data = this.data(calendarId);
    const stored = data.events.get(eventId);
    if (stored) return stored;
    const instance = this.virtualInstance(data, eventId);
    if (!instance) throw googleErrors.notFound('calendar');
    return instance;
  }

  private virtualInstance(data: CalendarData, eventId: string): StoredEvent | null {
    const parts = parseInstanceId(eventId);
    const master = parts ? data.events.get(parts.masterId) : undefined;
    if (!parts || !master?.recurrence) return null;
    const { startMs } = spanOf(master, data.info.timeZone);
    const window = { fromMs: startMs, toMs: Math.max(startMs, this.stampMs(parts.stamp)) + 2 * 86_400_000 };
    return seriesInstances(master, data.info.timeZone, window, Number.MAX_SAFE_INTEGER).find((i) => i.id === eventId) ?? null;
  }

  private stampMs(stamp: string): number {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/.exec(stamp);
    return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)) : 0;
  }

  /**
   * Applies a partial Event. Patching an instance of a series stores an exception for it.
   * Every patch bumps updated, sequence and the etag, and shows in the next incremental sync.
   */
  patch(calendarId: string, eventId: string, patch: unknown, now: number): StoredEvent {
    const data = this.data(calendarId);
    const current = this.get(calendarId, eventId);
    const next = applyPatch(current, patch, data.info.timeZone);
    const stored: StoredEvent = { ...next, updated: Math.max(now, current.updated + 1), sequence: current.sequence + 1, changeSeq: this.nextChange() };
    data.events.set(stored.id, stored);
    return stored;
  }

  /** Cancels an event (deleting a series cancels it; deleting an instance stores a cancelled exception). */
  cancel(calendarId: string, eventId: string, now: number): StoredEvent {
    const current = this.get(calendarId, eventId);
    if (current.status === 'cancelled' && this.data(calendarId).events.has(eventId)) throw new GoogleError(410, 'deleted', 'Resource has been deleted');
    return this.patch(calendarId, eventId, { status: 'cancelled' }, now);
  }

  /** The default far edge of expansion for requests without timeMax. */
  static horizon(now: number): number {
    return now + 2 * YEAR_MS;
  }
}
