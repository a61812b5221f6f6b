import type { ActionSpec, ActionType, Domain } from '../types.js';
import { INTRINSIC_REVERSIBILITY } from './reversibility.js';
import type { EventTarget, MessageTarget } from './targets.js';

export type RsvpResponse = 'accepted' | 'declined' | 'tentative';

function spec(type: ActionType, domain: Domain, parameters: Record<string, unknown>, estimatedCostCents = 0): ActionSpec {
  return { type, domain, parameters, reversibility: INTRINSIC_REVERSIBILITY[type], estimatedCostCents };
}

export function archive(domain: Domain, target: MessageTarget): ActionSpec {
  return spec('archive', domain, { messageId: target.messageId, threadId: target.threadId });
}

export function markRead(domain: Domain, target: MessageTarget): ActionSpec {
  return spec('mark_read', domain, { messageId: target.messageId, threadId: target.threadId });
}

export function label(domain: Domain, target: MessageTarget, name: string): ActionSpec {
  return spec('label', domain, { messageId: target.messageId, label: name });
}

export interface DraftContent {
  to: string[];
  subject: string;
  body: string;
}

export function draftReply(domain: Domain, target: MessageTarget, content: DraftContent): ActionSpec {
  return spec('draft_reply', domain, { messageId: target.messageId, threadId: target.threadId, ...content });
}

export function rsvp(target: EventTarget, response: RsvpResponse): ActionSpec {
  return spec('rsvp', 'calendar', { eventId: target.eventId, calendarId: target.calendarId, response, sendUpdates: 'all' });
}

export function flagForReview(domain: Domain, reason: string): ActionSpec {
  return spec('flag_for_review', domain, { reason });
}

export interface RenewalTerms {
  amountCents: number | null;
  renewalDate: string | null;
  merchant: string;
}

/** An unknown amount costs 0 here; the risk assessment rates the unknown amount itself as high. */
export function approveRenewal(terms: RenewalTerms): ActionSpec {
  return spec('approve_renewal', 'finance', { ...terms }, terms.amountCents ?? 0);
}

export function doNothing(domain: Domain): ActionSpec {
  return spec('do_nothing', domain, {});
}
