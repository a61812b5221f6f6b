import { localDateTime } from '../temporal/zonedTime.js';
import type { ActionPhrase } from './phrases.js';
import { capitalize, clause } from './phrases.js';

/** Where a decision stands now. Worked out on read from what is stored; history rows stay as written. */
export type LifeState = 'pending' | 'queued' | 'executed' | 'failed' | 'undone' | 'cancelled' | 'expired' | 'rejected' | 'shadow' | 'nothing';

export const LIFE_STATES: readonly LifeState[] = ['pending', 'queued', 'executed', 'failed', 'undone', 'cancelled', 'expired', 'rejected', 'shadow', 'nothing'];

export interface LifeFacts {
  state: LifeState;
  /** When it got there (executed, failed, undone, cancelled, expired, rejected), else null. */
  at: Date | null;
  /** Failures: the stored error; rejections: the user's reason; queued: when it will run. */
  detail: string | null;
}

export interface HeadlineInput {
  life: LifeFacts;
  /** The selected action in words, or null when nothing was selected. */
  phrase: ActionPhrase | null;
  domain: string;
  /** The summary written when SkyTwin decided. */
  decidedSummary: string;
  /** The user's zone for clock times, and now, to leave out the date on today's events. */
  timeZone: string;
  now: Date;
  /** True when SkyTwin ran it on its own (no approval): the headline says so. */
  automatic?: boolean;
}

/**
 * The decision's headline after the fact: "Archived the newsletter from … at 09:14", "Undone at
 * 09:20", "Failed: the message was deleted in Gmail", "Expired unanswered at 03:15 — nothing was
 * done". Before anything happened, the summary written at decision time stands.
 */
export function headlineFor(input: HeadlineInput): string {
  const { life, phrase } = input;
  const at = life.at === null ? '' : ` at ${clockTime(life.at, input.timeZone, input.now)}`;
  switch (life.state) {
    case 'executed':
    {
      const how = input.automatic === true ? ' automatically' : '';
      return phrase === null ? `Done${how}${at}.` : `${capitalize(phrase.past)}${how}${at}.`;
    }
    case 'undone':
      return phrase === null ? `Undone${at}.` : `Undone${at}: SkyTwin had ${phrase.past}, and put it back.`;
    case 'failed':
      return `Failed: ${failureInWords(life.detail, input.domain)}.`;
    case 'cancelled':
      return `Cancelled${at} before it ran — nothing was done.`;
    case 'expired':
      // A detail means SkyTwin withdrew the request itself, and says why (a follow-up answered meanwhile).
      return life.detail === null || clause(life.detail) === '' ? `Expired unanswered${at} — nothing was done.` : `Withdrawn${at}: ${clause(life.detail)} — nothing was done.`;
    case 'rejected': {
      const why = life.detail === null || clause(life.detail) === '' ? '' : ` (you said: ${clause(life.detail)})`;
      return `Rejected${at}${why} — nothing was done.`;
    }
    case 'queued':
      // An automatic action waiting for its time (quiet or active hours) reads as decided: "Will … at 06:00".
      if (input.automatic === true) return input.decidedSummary;
      return phrase === null ? 'Approved; queued to run.' : `Approved; queued to ${phrase.infinitive}.`;
    default:
      return input.decidedSummary;
  }
}

/** An executor's error in plain words: Google's "not found" means the item is gone. */
export function failureInWords(error: string | null, domain: string): string {
  const text = clause(error ?? '');
  if (text === '') return 'SkyTwin could not tell why';
  if (/\b404\b|not ?found/i.test(text)) return domain === 'calendar' ? 'the event was deleted in Google Calendar' : 'the message was deleted in Gmail';
  if (/reconnect|revoked|invalid_grant|connection/i.test(text)) return 'Google access was revoked; reconnect Google to let SkyTwin act';
  if (/executor stopped|unknown/i.test(text)) return 'SkyTwin could not confirm whether it ran';
  return text.replace(/^This action was not carried out\.\s*/, '');
}

/** "09:14" today in `timeZone`, "24 Nov 09:14" on other days. */
export function clockTime(at: Date, timeZone: string, now: Date): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  const day = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(d);
  if (day(at) === day(now)) return time;
  const short = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short' }).format(at);
  return `${short} ${time}`;
}

/** The start of the local day containing `now` in `timeZone` (daylight saving handled by Intl). */
export function startOfLocalDay(now: Date, timeZone: string): Date {
  const local = localDateTime(now, timeZone);
  const offset = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - Math.floor(now.getTime() / 1000) * 1000;
  let midnight = new Date(Date.UTC(local.year, local.month - 1, local.day) - offset);
  // On a day the clocks change, midnight's offset differs from now's by the shift: step by it.
  const seen = localDateTime(midnight, timeZone);
  if (seen.day !== local.day) midnight = new Date(midnight.getTime() + ((24 - seen.hour) * 60 - seen.minute) * 60_000);
  else if (seen.hour !== 0 || seen.minute !== 0) midnight = new Date(midnight.getTime() - (seen.hour * 60 + seen.minute) * 60_000);
  return midnight;
}

/** A verdict in words: "allowed", "would need your approval", "not allowed". */
export function verdictInWords(verdict: string): string {
  if (verdict === 'allowed') return 'allowed';
  if (verdict === 'needs_approval') return 'would need your approval';
  if (verdict === 'denied') return 'not allowed';
  return 'not decided';
}

/** What undoing an action of this type does, in words, for the undo-today preview. */
export function undoInWords(actionType: string): string {
  switch (actionType) {
    case 'archive':
      return 'Move it back to the inbox';
    case 'mark_read':
      return 'Mark it unread again';
    case 'label':
      return 'Remove the label';
    case 'draft_reply':
      return 'Delete the draft';
    case 'rsvp':
      return 'Restore your earlier answer to the invitation';
    case 'flag_for_review':
      return 'Remove the flag';
    default:
      return 'Reverse what SkyTwin did';
  }
}

/**
 * What the user can still do once a decision has settled: the lines written at decision time
 * ("Approve it…") no longer apply, the ones about the twin's preferences still do.
 */
export function correctionsNow(state: LifeState, undoable: boolean, decidedLines: readonly string[]): string[] {
  if (state === 'pending' || state === 'shadow' || state === 'nothing') return [...decidedLines];
  const twinLines = decidedLines.filter((line) => line.includes('the Twin page') || line.includes('the twin page'));
  const head: Record<Exclude<LifeState, 'pending' | 'shadow' | 'nothing'>, string> = {
    queued: 'Undo it before it runs if you changed your mind; nothing will have happened.',
    executed: undoable ? 'Undo it if it was wrong; the undo teaches the twin.' : 'It cannot be undone from SkyTwin; change it in Google yourself if it was wrong.',
    undone: 'It was undone; nothing more to do here.',
    cancelled: 'It was cancelled before it ran; nothing more to do here.',
    failed: 'It did not run; if you still want it, do it yourself in Google.',
    expired: 'Nothing ran; if you wanted it, do it yourself in Google.',
    rejected: 'Nothing ran, as you asked.',
  };
  return [head[state], ...twinLines];
}
