import type { ScopeRecord, SituationKind } from '../types.js';
import { KIND_NOUNS } from './describe.js';
import { shortDay } from './readable.js';
import { answersOf, wilsonLowerBound, type ScopeSettings } from './scope.js';

const GERUNDS: Record<string, string> = {
  archive: 'archiving',
  label: 'labelling',
  mark_read: 'marking as read',
  draft_reply: 'drafting replies to',
  rsvp: 'answering',
  flag_for_review: 'flagging',
  approve_renewal: 'approving',
  do_nothing: 'leaving alone',
  send_email: 'sending mail for',
};

/** "archiving", "labelling as "Receipts"", "accepting": what the action does, as a gerund. */
export function actionGerund(value: string): string {
  if (value.startsWith('label:')) return `labelling as "${value.slice('label:'.length)}"`;
  if (value.startsWith('rsvp:')) {
    const response = value.slice('rsvp:'.length);
    if (response === 'accepted') return 'accepting';
    if (response === 'declined') return 'declining';
    if (response === 'tentative') return 'tentatively accepting';
  }
  return GERUNDS[value] ?? `"${value}" on`;
}

/** "newsletters from digest@compilerweekly.example", "newsletters from anyone at acme.com", "newsletters". */
export function scopePhrase(key: string): string {
  // Sliced at the separators rather than split: this runs for every decision's scope.
  const first = key.indexOf('/');
  const second = first === -1 ? -1 : key.indexOf('/', first + 1);
  const kind = (first === -1 ? 'unknown' : key.slice(first + 1, second === -1 ? undefined : second)) as SituationKind;
  const noun = KIND_NOUNS[kind] ?? kind.replace(/_/g, ' ');
  const narrow = second === -1 ? '' : key.slice(second + 1);
  if (narrow.startsWith('sender:')) return `${noun} from ${narrow.slice('sender:'.length)}`;
  if (narrow.startsWith('domain:')) return `${noun} from anyone at ${narrow.slice('domain:'.length)}`;
  return noun;
}

/** "archiving newsletters from digest@compilerweekly.example", or the scope alone without an action. */
export function scopeLabel(key: string, value: string | null): string {
  return value === null ? scopePhrase(key) : `${actionGerund(value)} ${scopePhrase(key)}`;
}

const MISS_VERBS: Record<ScopeRecord['misses'][number]['kind'], string> = {
  reject: 'turned it down',
  correct: 'corrected it',
  undo: 'undid it',
  cancel: 'cancelled it before it ran',
};

/** "you undid it on 2 Dec", "you undid it on 2 Dec, after others had seen it". */
export function missPhrase(miss: ScopeRecord['misses'][number]): string {
  return `you ${MISS_VERBS[miss.kind]} on ${shortDay(miss.at)}${miss.severe ? ', after others had seen it' : ''}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function rounded(n: number): number {
  return Math.round(n * 10) / 10;
}

/** "22 of 23 answers agreed (at least 79 % right; needs 85 % and 5 answers)". */
export function recordPhrase(record: ScopeRecord | undefined, settings: ScopeSettings): string {
  const n = record ? answersOf(record) : 0;
  const bar = `needs ${Math.round(settings.minAccuracy * 100)} % and ${plural(settings.minAnswers, 'answer')}`;
  if (!record || n === 0) return `no answers yet (${bar})`;
  const bound = Math.floor(wilsonLowerBound(record.agree, n) * 100);
  return `${rounded(record.agree)} of ${plural(rounded(n), 'answer')} agreed (at least ${bound} % right; ${bar})`;
}
