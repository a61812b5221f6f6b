import type { QuietHours } from '../types.js';

const DAY_SECONDS = 24 * 60 * 60;

/** "HH:MM" → minutes after midnight; throws on anything else. */
const clockTimes = new Map<string, number>();

export function parseClockTime(value: string): number {
  const known = clockTimes.get(value);
  if (known !== undefined) return known;
  const minutes = readClockTime(value);
  // Only valid times are remembered, so the map holds at most 1,440 entries.
  clockTimes.set(value, minutes);
  return minutes;
}

function readClockTime(value: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (match === null) throw new Error(`not a HH:MM time: ${JSON.stringify(value)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // Throws RangeError for an unknown zone, which callers turn into a finding.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function exactLocalSecondsOfDay(instant: Date, timeZone: string): number {
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type === 'hour') hour = Number(part.value) % 24;
    else if (part.type === 'minute') minute = Number(part.value);
    else if (part.type === 'second') second = Number(part.value);
  }
  return hour * 3600 + minute * 60 + second;
}

const HOUR_MS = 3_600_000;
/** Per zone and UTC hour: the zone's offset in seconds (mod one day), or NaN for an hour with a transition. */
const hourOffsets = new Map<string, Map<number, number>>();
const MAX_HOURS_PER_ZONE = 4096;

function utcSecondsOfDay(ms: number): number {
  return ((Math.floor(ms / 1000) % DAY_SECONDS) + DAY_SECONDS) % DAY_SECONDS;
}

function offsetAt(ms: number, timeZone: string): number {
  return (exactLocalSecondsOfDay(new Date(ms), timeZone) - utcSecondsOfDay(ms) + DAY_SECONDS) % DAY_SECONDS;
}

/**
 * The zone's offset for the UTC hour holding `ms`: equal offsets at the hour's first and last
 * second mean no transition inside it (zones never change twice within an hour), so every
 * instant of the hour shares it. Formatting is the costly part; this does it twice per zone-hour.
 */
function hourOffset(ms: number, timeZone: string): number {
  let offsets = hourOffsets.get(timeZone);
  if (offsets === undefined) {
    formatterFor(timeZone);
    offsets = new Map();
    hourOffsets.set(timeZone, offsets);
  }
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const first = offsetAt(hour * HOUR_MS, timeZone);
    offset = first === offsetAt(hour * HOUR_MS + HOUR_MS - 1000, timeZone) ? first : Number.NaN;
    if (offsets.size >= MAX_HOURS_PER_ZONE) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

/** Seconds after local midnight in `timeZone` at `instant` (pure: the instant is an argument). */
export function localSecondsOfDay(instant: Date, timeZone: string): number {
  const ms = instant.getTime();
  const offset = hourOffset(ms, timeZone);
  if (Number.isNaN(offset)) return exactLocalSecondsOfDay(instant, timeZone);
  return (utcSecondsOfDay(ms) + offset) % DAY_SECONDS;
}

/**
 * Is `now` inside the quiet hours? The window is [start, end) local time and wraps midnight when
 * start > end; start == end is an empty window (no quiet hours), not a whole day.
 */
export function isWithinQuietHours(quietHours: QuietHours, now: Date): boolean {
  const start = parseClockTime(quietHours.start) * 60;
  const end = parseClockTime(quietHours.end) * 60;
  if (start === end) return false;
  const local = localSecondsOfDay(now, quietHours.timeZone);
  return start < end ? local >= start && local < end : local >= start || local < end;
}

/**
 * The next instant after `now` at which the local clock reads quiet hours' end. Stepping by the
 * local difference (instead of assuming a fixed UTC offset) keeps this right across DST changes.
 */
export function quietHoursEnd(quietHours: QuietHours, now: Date): Date {
  const end = parseClockTime(quietHours.end) * 60;
  const wholeSecond = now.getTime() - (((now.getTime() % 1000) + 1000) % 1000);
  const local = localSecondsOfDay(now, quietHours.timeZone);
  const ahead = (end - local + DAY_SECONDS) % DAY_SECONDS;
  let target = wholeSecond + (ahead === 0 ? DAY_SECONDS : ahead) * 1000;
  for (let step = 0; step < 3; step += 1) {
    let diff = end - localSecondsOfDay(new Date(target), quietHours.timeZone);
    if (diff > DAY_SECONDS / 2) diff -= DAY_SECONDS;
    if (diff <= -DAY_SECONDS / 2) diff += DAY_SECONDS;
    if (diff === 0) break;
    target += diff * 1000;
  }
  // A local end time swallowed by a DST gap can land before now; the next day's end is then the answer.
  while (target <= now.getTime()) target += DAY_SECONDS * 1000;
  return new Date(target);
}

/** Whether a window holds at an instant, and when it next ends (ISO, UTC). */
export interface QuietState {
  within: boolean;
  endsAt: string;
}

interface RememberedState {
  start: string;
  end: string;
  timeZone: string;
  at: number;
  state: QuietState;
}
const remembered: RememberedState[] = [];
const REMEMBERED_STATES = 4;

/**
 * isWithinQuietHours and quietHoursEnd together, remembered for the last few windows and instants:
 * every candidate of a decision asks the same question of the same clock. Throws as they do.
 */
export function quietStateAt(quietHours: QuietHours, now: Date): QuietState {
  const at = now.getTime();
  for (const entry of remembered) {
    if (entry.at === at && entry.start === quietHours.start && entry.end === quietHours.end && entry.timeZone === quietHours.timeZone) return entry.state;
  }
  const state: QuietState = { within: isWithinQuietHours(quietHours, now), endsAt: quietHoursEnd(quietHours, now).toISOString() };
  if (remembered.length >= REMEMBERED_STATES) remembered.shift();
  remembered.push({ start: quietHours.start, end: quietHours.end, timeZone: quietHours.timeZone, at, state: Object.freeze(state) });
  return state;
}
