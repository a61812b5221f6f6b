// A decision's current life as the headline a person reads: "Archived at 09:14", "Undone at 09:20",
// "Failed: the message was deleted in Gmail", "Expired unanswered at 03:15 — nothing was done".
// Pure: takes "now" for the clock format, tested in node.
import { actionWords, capitalize, clockTime } from './format.js';

export interface LifeLike {
  state: string;
  at: string | null;
  reason: string | null;
}

const DONE_WORDS: Record<string, string> = {
  archive: 'Archived',
  label: 'Labelled',
  mark_read: 'Marked read',
  draft_reply: 'Drafted a reply',
  rsvp: 'Answered the invitation',
  flag_for_review: 'Flagged for you',
  approve_renewal: 'Approved the renewal',
  send_email: 'Sent',
  do_nothing: 'Left alone',
};

export type Tone = 'done' | 'failed' | 'waiting' | 'quiet';

export function lifeHeadline(life: LifeLike, action: string | null, now: Date): { text: string; tone: Tone } {
  const at = life.at ? ` at ${clockTime(life.at, now)}` : '';
  const reason = life.reason?.trim() ?? '';
  const act = action ? actionWords(action) : 'act';
  switch (life.state) {
    case 'executed':
      return { text: `${action ? (DONE_WORDS[action] ?? 'Done') : 'Done'}${at}`, tone: 'done' };
    case 'queued':
      return { text: `About to ${act}`, tone: 'waiting' };
    case 'failed':
      return { text: `Failed: ${reason || 'Gmail or Calendar refused the change'}`, tone: 'failed' };
    case 'undone':
      return { text: `Undone${at}`, tone: 'quiet' };
    case 'cancelled':
      return { text: `Cancelled${at} — nothing was done${reason ? ` (${reason})` : ''}`, tone: 'quiet' };
    case 'expired':
      return { text: `Expired unanswered${at} — nothing was done`, tone: 'quiet' };
    case 'rejected':
      return { text: `You rejected it${at}${reason ? `: “${reason}”` : ''} — nothing was done`, tone: 'quiet' };
    case 'pending':
      return { text: `Waiting for your approval to ${act}`, tone: 'waiting' };
    case 'shadow':
      return { text: `Watching only: would have chosen to ${act}`, tone: 'quiet' };
    case 'nothing':
      return { text: reason ? capitalize(reason) : 'Nothing needed doing', tone: 'quiet' };
    default:
      return { text: capitalize(life.state.replace(/_/g, ' ')), tone: 'quiet' };
  }
}

/** The filters' choices in words (the API's values stay out of sight). */
export const STATE_CHOICES: readonly { value: string; label: string }[] = [
  { value: 'pending', label: 'Waiting for you' },
  { value: 'queued', label: 'About to run' },
  { value: 'executed', label: 'Done' },
  { value: 'failed', label: 'Failed' },
  { value: 'undone', label: 'Undone' },
  { value: 'cancelled', label: 'Cancelled' },
  { value: 'expired', label: 'Expired' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'shadow', label: 'Watching only' },
  { value: 'nothing', label: 'Nothing to do' },
];

export const OUTCOME_CHOICES: readonly { value: string; label: string }[] = [
  { value: 'auto_execute', label: 'SkyTwin acted' },
  { value: 'needs_approval', label: 'Asked you' },
  { value: 'no_action', label: 'No action' },
  { value: 'shadow', label: 'Watching only' },
];

export const DOMAIN_CHOICES: readonly { value: string; label: string }[] = [
  { value: 'email', label: 'Email' },
  { value: 'calendar', label: 'Calendar' },
  { value: 'finance', label: 'Finance' },
];

/** Filters kept in the address (`/activity?state=failed&q=bob`), so a filtered list has a URL. */
export const FILTER_KEYS = ['outcome', 'domain', 'situation', 'state', 'q'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export function filtersFromSearch(search: string): Filters {
  const params = new URLSearchParams(search);
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

export function searchFromFilters(filters: Filters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key]?.trim();
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
