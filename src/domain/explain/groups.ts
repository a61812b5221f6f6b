import type { SituationKind } from '../types.js';

const PLURALS: Record<SituationKind, string> = {
  newsletter: 'newsletters',
  promotion: 'promotions',
  receipt: 'receipts',
  notification: 'notifications',
  security_alert: 'security alerts',
  subscription_renewal: 'subscription renewals',
  personal: 'messages',
  work_request: 'work requests',
  unknown_sender: 'messages',
  follow_up: 'follow-ups',
  calendar_invitation: 'invitations',
  calendar_conflict: 'conflicting invitations',
  calendar_update: 'event updates',
  calendar_cancellation: 'cancellations',
  unknown: 'items',
};

export interface GroupParts {
  action: string;
  /** The RSVP answer or the label name, or ''. */
  detail: string;
  kind: string;
  /** The senders' domain where that is what makes the items alike, or ''. */
  domain: string;
}

/** "archive 7 newsletters", "accept 3 invitations from acme.com", "label 4 receipts "Receipts"". */
export function groupLabel(parts: GroupParts, count: number): string {
  const noun = PLURALS[parts.kind as SituationKind] ?? 'items';
  const what = `${count} ${noun}${parts.domain === '' ? '' : ` from ${parts.domain}`}`;
  switch (parts.action) {
    case 'archive':
      return `archive ${what}`;
    case 'mark_read':
      return `mark ${what} as read`;
    case 'label':
      return `label ${what}${parts.detail === '' ? '' : ` "${parts.detail}"`}`;
    case 'draft_reply':
      return `draft replies to ${what}`;
    case 'flag_for_review':
      return `flag ${what} for review`;
    case 'approve_renewal':
      return `approve ${what}`;
    case 'rsvp':
      if (parts.detail === 'accepted') return `accept ${what}`;
      if (parts.detail === 'declined') return `decline ${what}`;
      if (parts.detail === 'tentative') return `tentatively accept ${what}`;
      return `answer ${what}`;
    default:
      return `${parts.action.replace(/_/g, ' ')}: ${what}`;
  }
}

/** "always archive newsletters from news@acme.com": what an "always" approval states, in words. */
export function alwaysWords(value: string, subject: string): string {
  if (value.startsWith('rsvp:')) {
    const answer = value.slice('rsvp:'.length);
    const verb = answer === 'accepted' ? 'accept' : answer === 'declined' ? 'decline' : answer === 'tentative' ? 'tentatively accept' : 'answer';
    return `always ${verb} invitations from ${subject}`;
  }
  if (value.startsWith('label:')) return `always label mail from ${subject} "${value.slice('label:'.length)}"`;
  switch (value) {
    case 'archive':
      return `always archive mail from ${subject}`;
    case 'mark_read':
      return `always mark mail from ${subject} as read`;
    case 'draft_reply':
      return `always draft a reply to mail from ${subject}`;
    case 'flag_for_review':
      return `always flag mail from ${subject} for review`;
    default:
      return `always choose "${value}" for ${subject}`;
  }
}
