// Words and numbers as a person reads them: relative times when recent, amounts with currency.
// Pure: every function takes "now" rather than reading the clock, so tests need no fake timers.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 min", "2 h", "yesterday", "3 d", then the date. Future times read "in 5 min". */
export function relativeTime(iso: string, now: Date): string {
  const at = new Date(iso);
  const delta = now.getTime() - at.getTime();
  if (Number.isNaN(delta)) return '';
  const ahead = delta < 0;
  const span = Math.abs(delta);
  let text: string;
  if (span < 45_000) return ahead ? 'in a moment' : 'just now';
  if (span < HOUR) text = `${Math.max(1, Math.round(span / MINUTE))} min`;
  else if (span < DAY) text = `${Math.round(span / HOUR)} h`;
  else if (!ahead && span < 2 * DAY) return 'yesterday';
  else if (span < 7 * DAY) text = `${Math.round(span / DAY)} d`;
  else return shortDate(at, now);
  return ahead ? `in ${text}` : `${text} ago`;
}

/** The absolute time for a tooltip: "Wed 2 Dec 2026, 09:14". */
export function absoluteTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return at.toLocaleString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** "09:14" today, "Tue 09:14" this week, "24 Nov 09:14" before. */
export function clockTime(iso: string, now: Date): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const time = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  if (sameDay(at, now)) return time;
  if (now.getTime() - at.getTime() < 6 * DAY && now.getTime() >= at.getTime()) return `${at.toLocaleDateString('en-GB', { weekday: 'short' })} ${time}`;
  return `${shortDate(at, now)} ${time}`;
}

function shortDate(at: Date, now: Date): string {
  const options: Intl.DateTimeFormatOptions = at.getFullYear() === now.getFullYear() ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' };
  return at.toLocaleDateString('en-GB', options);
}

export function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** Cents as money: "€20.00", "$0.50". */
export function money(cents: number, currency = 'EUR'): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);
}

/** "1 newsletter", "7 newsletters"; irregular plurals passed in. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

/** "Bob Stone" when there is a name, else the address, else "Unknown sender". */
export function senderName(sender: { name: string | null; address: string | null } | null | undefined): string {
  return sender?.name?.trim() || sender?.address?.trim() || 'Unknown sender';
}

/** Internal codes as words, for the few places a code must be shown at all ("needs_reconnect" → "needs reconnect"). */
export function words(code: string): string {
  return code.replace(/[_.]+/g, ' ').trim();
}

/** First letter upper case. */
export function capitalize(text: string): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** Shortens text to `max` characters at a word boundary, with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const ACTION_WORDS: Record<string, string> = {
  archive: 'archive it',
  label: 'label it',
  mark_read: 'mark it read',
  draft_reply: 'draft a reply',
  rsvp: 'answer the invitation',
  flag_for_review: 'flag it for you',
  approve_renewal: 'approve the renewal',
  do_nothing: 'leave it alone',
  send_email: 'send an email',
  delete_permanently: 'delete it for good',
  accept_terms: 'accept the terms',
  share_credentials: 'share credentials',
  change_security_settings: 'change security settings',
};

/** An action type as a verb phrase: "archive it", "draft a reply". */
export function actionWords(type: string): string {
  return ACTION_WORDS[type] ?? words(type);
}

const VERDICT_WORDS: Record<string, string> = {
  allowed: 'allowed',
  needs_approval: 'needs your approval',
  denied: 'not allowed',
};

export function verdictWords(verdict: string): string {
  return VERDICT_WORDS[verdict] ?? words(verdict);
}

/** True when an action cannot be taken back once run: it asks a second time before running. */
export function irreversible(action: { type: string; reversibility?: string } | null | undefined): boolean {
  if (!action) return false;
  return action.reversibility === 'none' || action.type === 'send_email' || action.type === 'delete_permanently';
}
