import type { ActionSpec, Domain, Situation, SituationKind } from '../types.js';

const NOUNS: Record<SituationKind, string> = {
  newsletter: 'newsletter',
  promotion: 'promotion',
  receipt: 'receipt',
  notification: 'notification',
  security_alert: 'security alert',
  subscription_renewal: 'subscription renewal',
  personal: 'message',
  work_request: 'work request',
  unknown_sender: 'message',
  follow_up: 'question',
  calendar_invitation: 'invitation',
  calendar_conflict: 'conflicting invitation',
  calendar_update: 'event update',
  calendar_cancellation: 'cancellation',
  unknown: 'item',
};

const UNKNOWN_NOUNS: Record<Domain, string> = { email: 'message', calendar: 'event', finance: 'item' };

/** "the newsletter from news@acme.com", "the invitation "Standup" from bob@x.com", "this item". */
export function describeSubject(situation: Situation): string {
  const noun = situation.kind === 'unknown' ? UNKNOWN_NOUNS[situation.domain] ?? 'item' : NOUNS[situation.kind] ?? 'item';
  const subject = situation.facts.subject?.trim();
  const titled = situation.domain === 'calendar' && subject !== undefined && subject !== '' ? ` "${subject}"` : '';
  const from = situation.facts.counterpart?.trim();
  // A follow-up's counterpart is the person the user asked, not a sender.
  if (situation.kind === 'follow_up' && from !== undefined && from !== '') return `your unanswered question to ${from}`;
  if (from !== undefined && from !== '') return `the ${noun}${titled} from ${from}`;
  if (titled !== '') return `the ${noun}${titled}`;
  return `this ${noun}`;
}

export interface ActionPhrase {
  /** "archive the newsletter from news@acme.com" */
  infinitive: string;
  /** "archived the newsletter from news@acme.com" (also the participle after "would have") */
  past: string;
}

function text(parameters: Record<string, unknown>, name: string): string | null {
  const value = parameters[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Plain words for what an action does to the situation's subject. */
function pair(infinitive: string, past: string): ActionPhrase {
  return { infinitive, past };
}

export function describeAction(action: ActionSpec, subject: string): ActionPhrase {
  switch (action.type) {
    case 'archive':
      return pair(`archive ${subject}`, `archived ${subject}`);
    case 'label': {
      const label = text(action.parameters, 'label');
      const as = label === null ? '' : ` "${label}"`;
      return pair(`label ${subject}${as}`, `labelled ${subject}${as}`);
    }
    case 'mark_read':
      return pair(`mark ${subject} as read`, `marked ${subject} as read`);
    case 'draft_reply':
      return pair(`draft a reply to ${subject}`, `drafted a reply to ${subject}`);
    case 'rsvp': {
      const response = text(action.parameters, 'response');
      if (response === 'accepted') return pair(`accept ${subject}`, `accepted ${subject}`);
      if (response === 'declined') return pair(`decline ${subject}`, `declined ${subject}`);
      if (response === 'tentative') return pair(`tentatively accept ${subject}`, `tentatively accepted ${subject}`);
      return pair(`answer ${subject}`, `answered ${subject}`);
    }
    case 'flag_for_review':
      return pair(`flag ${subject} for your review`, `flagged ${subject} for your review`);
    case 'approve_renewal':
      return pair(`approve ${subject}`, `approved ${subject}`);
    case 'do_nothing':
      return pair(`leave ${subject} as it is`, `left ${subject} as it is`);
    case 'send_email':
      return pair(`send mail about ${subject}`, `sent mail about ${subject}`);
    case 'delete_permanently':
      return pair(`permanently delete ${subject}`, `permanently deleted ${subject}`);
    case 'accept_terms':
      return pair(`accept the terms in ${subject}`, `accepted the terms in ${subject}`);
    case 'share_credentials':
      return pair(`share credentials asked for in ${subject}`, `shared credentials asked for in ${subject}`);
    case 'change_security_settings':
      return pair(`change security settings as asked in ${subject}`, `changed security settings as asked in ${subject}`);
    default:
      return pair(`act on ${subject}`, `acted on ${subject}`);
  }
}

export function capitalize(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** Drops trailing punctuation so a clause can be embedded and end with one full stop. */
export function clause(value: string): string {
  const trimmed = value.trim();
  // The same as replace(/[.!;:,\s]+$/, ''), without a regex scan from every position of the text.
  let end = trimmed.length;
  while (end > 0 && isTrailing(trimmed.charAt(end - 1))) end -= 1;
  return end === trimmed.length ? trimmed : trimmed.slice(0, end);
}

function isTrailing(char: string): boolean {
  return char === '.' || char === '!' || char === ';' || char === ':' || char === ',' || char.trim() === '';
}

export function twoPlaces(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : 'unknown';
}

export function percent(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value * 100)}%` : 'unknown';
}

/** "this newsletter", "this invitation": the subject when the row already names sender and subject. */
export function shortSubject(situation: Situation): string {
  const noun = situation.kind === 'unknown' ? UNKNOWN_NOUNS[situation.domain] ?? 'item' : NOUNS[situation.kind] ?? 'item';
  return `this ${noun}`;
}

/** The proposal in plain words: "Archive this newsletter", "Accept this invitation". */
export function proposalFor(action: ActionSpec, situation: Situation): string {
  return capitalize(describeAction(action, shortSubject(situation)).infinitive);
}

/** What one action value did to mail, in the past tense: "archived", "labelled "Finance"". */
function choseWords(value: string): string {
  if (value.startsWith('label:')) return `labelled "${value.slice('label:'.length)}"`;
  switch (value) {
    case 'archive':
      return 'archived';
    case 'mark_read':
      return 'marked as read';
    case 'draft_reply':
      return 'answered';
    case 'flag_for_review':
      return 'flagged for review';
    case 'do_nothing':
      return 'left alone';
    default:
      return `chose "${value}" for`;
  }
}

/**
 * The text model's evidence in words: "similar to 14 newsletters you archived". Names the
 * situation's kind only when at least that many examples were of this kind; else "messages".
 */
export function similarMailPhrase(similar: number, sameKind: number, kind: SituationKind, value: string): string {
  const noun = sameKind >= similar && kind !== 'unknown' ? NOUNS[kind] : 'message';
  const count = similar === 1 ? `1 ${noun}` : `${similar} ${noun}s`;
  return `similar to ${count} you ${choseWords(value)}`;
}
