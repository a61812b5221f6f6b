import type { QuietHours } from '../types.js';

const DAY_SECONDS = 24 * 60 * 60;

/** "HH:MM" → minutes after midnight; throws on anything else. */
export function parseClockTime(value: string): number {
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

/** Seconds after local midnight in `timeZone` at `instant` (pure: the instant is an argument). */
export function localSecondsOfDay(instant: Date, timeZone: string): number {
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
