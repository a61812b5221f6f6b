import type { DeadlineMention, Signal } from '../types.js';
import { findDates } from './dates.js';
import { asRecord, asString, normalizeText } from './fields.js';

// Read on normalized (lower-cased, one-space) text. Both are asked only of mail a draft answers.

const MEETING_WORDS = String.raw`(?:meet|meeting|call|chat|talk|catch up|catch-up|sync|coffee|zoom|video call)`;
const MEETING_ASKS = [
  new RegExp(
    String.raw`\b(?:(?:can|could|shall|should|would) (?:we|i)|let'?s|(?:want|like|love|keen) to|set up|schedule|book|arrange|organi[sz]e|hop on|jump on)\b[^.?!\n]{0,50}?\b${MEETING_WORDS}\b`,
  ),
  /\b(?:are|would) you (?:be )?(?:free|available)\b/,
  /\bfind (?:a )?(?:time|slot)\b/,
  /\bwhen (?:are|would) you (?:be )?(?:free|available)\b/,
  /\bdo you have (?:some |any |a few minutes|a minute|time)\b/,
];
const MINUTES = /\b(\d{1,3}) ?-?(?:min|mins|minute|minutes)\b/;
const HOURS = /\b(\d(?:\.\d)?|an|one|a half) ?-?(?:h|hr|hrs|hour|hours)\b/;
const HALF_HOUR = /\bhalf(?: an|-an)? ?-?hour\b/;

export const DEFAULT_MEETING_MINUTES = 30;
const MIN_MINUTES = 10;
const MAX_MINUTES = 240;

/** A request to meet or talk, with the length asked for (30 minutes when none is stated); null when the text asks none. */
export function findMeetingRequest(text: string): { minutes: number } | null {
  if (!MEETING_ASKS.some((ask) => ask.test(text))) return null;
  return { minutes: requestedMinutes(text) };
}

/**
 * Whether a signal is mail that may ask to meet, read before deciding so the calendar's free time is
 * loaded only for batches that need it. Looser than the interpreter (any kind of mail): it only gates a read.
 */
export function mailMayAskToMeet(signal: Signal): boolean {
  if (signal.source !== 'gmail') return false;
  const data = asRecord(signal.data);
  if (data === null) return false;
  const text = `${asString(data['subject'], 1_000)}\n${asString(data['snippet'], 2_000)}\n${asString(data['bodyText'], 8_000)}`;
  return findMeetingRequest(normalizeText(text)) !== null;
}

function requestedMinutes(text: string): number {
  if (HALF_HOUR.test(text)) return DEFAULT_MEETING_MINUTES;
  const minutes = MINUTES.exec(text);
  if (minutes) return clampMinutes(Number(minutes[1]));
  const hours = HOURS.exec(text);
  if (hours) {
    const amount = hours[1] === 'an' || hours[1] === 'one' ? 1 : hours[1] === 'a half' ? 0.5 : Number(hours[1]);
    return clampMinutes(Math.round(amount * 60));
  }
  return DEFAULT_MEETING_MINUTES;
}

function clampMinutes(minutes: number): number {
  return Number.isFinite(minutes) && minutes > 0 ? Math.min(MAX_MINUTES, Math.max(MIN_MINUTES, minutes)) : DEFAULT_MEETING_MINUTES;
}

const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const BY = String.raw`(?:by|before|until|till|due|no later than)`;
// Where a deadline may start; each is then read by the patterns below, anchored there.
const ANCHOR = /\b(?:by|before|until|till|due|no later than|deadline|eod|cob)\b/g;
const TOMORROW = new RegExp(String.raw`^(?:${BY}\s+(?:the\s+)?(?:eod\s+|cob\s+|end of (?:the )?day\s+)?tomorrow\b|(?:eod|cob) tomorrow\b)`);
const WEEKDAY = new RegExp(String.raw`^${BY}\s+(?:this\s+|next\s+|the\s+end\s+of\s+)?(${WEEKDAY_NAMES.join('|')})\b`);
const END_OF_WEEK = new RegExp(String.raw`^${BY}\s+(?:the\s+)?end of (?:the |this )?week\b`);
const TODAY = new RegExp(String.raw`^(?:${BY}\s+(?:the\s+)?(?:eod|cob|end of (?:the )?day|today|tonight)\b|(?:eod|cob)\b)`);
const BEFORE_DATE = new RegExp(String.raw`^(?:${BY}|deadline)\b[^.?!\n]{0,12}`);
/** Enough text after an anchor for the longest phrase ("no later than the end of the day tomorrow", "by 25 December 2026"). */
const WINDOW = 60;

/** The first deadline the text sets ("by Friday", "before 5 Dec", "EOD tomorrow"), or null. `reference`: when the mail was sent. */
export function findDeadline(text: string, reference: Date | null): DeadlineMention | null {
  for (const anchor of text.matchAll(ANCHOR)) {
    const found = deadlineAt(text, anchor.index, reference);
    if (found !== null) return found;
  }
  return null;
}

function deadlineAt(text: string, index: number, reference: Date | null): DeadlineMention | null {
  const rest = text.slice(index, index + WINDOW);
  const tomorrow = TOMORROW.exec(rest);
  if (tomorrow) return { on: 'days', days: 1, phrase: tomorrow[0] };
  const weekday = WEEKDAY.exec(rest);
  if (weekday) return { on: 'weekday', weekday: WEEKDAY_NAMES.indexOf(weekday[1] ?? ''), phrase: weekday[0] };
  const endOfWeek = END_OF_WEEK.exec(rest);
  if (endOfWeek) return { on: 'weekday', weekday: 4, phrase: endOfWeek[0] };
  const today = TODAY.exec(rest);
  if (today) {
    // "tomorrow eod": the day named just before the anchor.
    const tomorrowBefore = text.slice(Math.max(0, index - 9), index) === 'tomorrow ';
    return tomorrowBefore ? { on: 'days', days: 1, phrase: `tomorrow ${today[0]}` } : { on: 'days', days: 0, phrase: today[0] };
  }
  const lead = BEFORE_DATE.exec(rest);
  // Every readable date has a digit: no digit, no date to look for.
  if (lead === null || !/\d/.test(rest)) return null;
  const date = findDates(rest, reference).find((d) => d.index <= lead[0].length);
  return date ? { on: 'date', date: date.date, phrase: rest.slice(0, date.index + date.text.length) } : null;
}
