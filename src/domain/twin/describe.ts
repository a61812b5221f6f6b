import type { Preference, Situation, SituationKind } from '../types.js';
import { decisionTally } from './evidence.js';
import { parsePreferenceKey } from './keys.js';

const KIND_NOUNS: Record<SituationKind, string> = {
  newsletter: 'newsletters',
  promotion: 'promotions',
  receipt: 'receipts',
  notification: 'notifications',
  security_alert: 'security alerts',
  subscription_renewal: 'subscription renewals',
  personal: 'personal emails',
  work_request: 'work requests',
  unknown_sender: 'emails',
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

/** Past tense around a count: ["archived", ""] reads "archived 7 of 7 newsletters". */
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

/** e.g. `you archived 7 of 7 newsletters from news@acme.com`, `you asked for "archive" on newsletters`. */
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
    parts.push(`you ${verb} ${tally.for} of ${decided} ${subject}${tail}`);
  }
  if (parts.length === 0) parts.push(`"${preference.value}" for ${subject}, with no decisions yet`);
  return parts.join('; ');
}
