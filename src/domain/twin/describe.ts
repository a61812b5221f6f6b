import type { Preference, Situation, SituationKind } from '../types.js';
import { decisionTally } from './evidence.js';
import { parsePreferenceKey } from './keys.js';

export const KIND_NOUNS: Record<SituationKind, string> = {
  newsletter: 'newsletters',
  promotion: 'promotions',
  receipt: 'receipts',
  notification: 'notifications',
  security_alert: 'security alerts',
  subscription_renewal: 'subscription renewals',
  personal: 'personal emails',
  work_request: 'work requests',
  unknown_sender: 'emails',
  follow_up: 'follow-ups',
  calendar_invitation: 'invitations',
  calendar_conflict: 'conflicting invitations',
  calendar_update: 'event updates',
  calendar_cancellation: 'cancellations',
  unknown: 'items',
};

/** "newsletters from news@acme.com", "newsletters from acme.com", or just "newsletters". */
export function subjectPhrase(key: string, situation: Situation): string {
  const noun = KIND_NOUNS[situation.kind];
  const parts = parsePreferenceKey(key);
  if (!parts || parts.subject === null || parts.kind === 'situation') return noun;
  return `${noun} from ${parts.subject}`;
}

/** Past tense around a subject: ["archived", ""] reads "archived newsletters". */
function pastTense(value: string): [string, string] {
  if (value.startsWith('label:')) return ['labelled', ` as "${value.slice('label:'.length)}"`];
  if (value.startsWith('rsvp:')) {
    const response = value.slice('rsvp:'.length);
    if (response === 'accepted') return ['accepted', ''];
    if (response === 'declined') return ['declined', ''];
    if (response === 'tentative') return ['tentatively accepted', ''];
    return [`answered "${response}" to`, ''];
  }
  switch (value) {
    case 'archive':
      return ['archived', ''];
    case 'mark_read':
      return ['marked', ' as read'];
    case 'draft_reply':
      return ['drafted replies to', ''];
    case 'flag_for_review':
      return ['flagged', ' for review'];
    case 'approve_renewal':
      return ['approved', ''];
    case 'do_nothing':
      return ['left', ' alone'];
    default:
      return [`chose "${value}" for`, ''];
  }
}

function times(n: number): string {
  return n === 1 ? 'the one time you were asked' : `all ${n} times you were asked`;
}

/** "the one time you were asked", "all 7 times you were asked", "3 of the 5 times you were asked". */
function howOften(agreed: number, decided: number): string {
  return agreed === decided ? times(decided) : `${agreed} of the ${decided} times you were asked`;
}

/** e.g. `you archived newsletters from news@acme.com all 7 times you were asked`, `you asked for "archive" on newsletters`. */
export function describePreference(preference: Preference, situation: Situation): string {
  const subject = subjectPhrase(preference.key, situation);
  const tally = decisionTally(preference);
  const decided = tally.for + tally.against;
  const parts: string[] = [];
  if (preference.source === 'explicit' || (decided === 0 && tally.stated > 0)) {
    parts.push(`you asked for "${preference.value}" on ${subject}`);
  }
  if (decided > 0) {
    const [verb, tail] = pastTense(preference.value);
    if (tally.for === 0) parts.push(`you said no to "${preference.value}" for ${subject} ${times(decided)}`);
    else parts.push(`you ${verb} ${subject}${tail} ${howOften(tally.for, decided)}`);
  }
  if (parts.length === 0) parts.push(`"${preference.value}" for ${subject}, with no decisions yet`);
  return parts.join('; ');
}
