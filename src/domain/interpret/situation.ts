import type { Domain, Situation, SituationFacts, SituationKind, Urgency } from '../types.js';
import type { Clue } from './clues.js';
import { round } from './clues.js';

const LABELS: Record<SituationKind, string> = {
  newsletter: 'Newsletter',
  promotion: 'Promotion',
  receipt: 'Receipt',
  notification: 'Notification',
  security_alert: 'Security alert',
  subscription_renewal: 'Subscription renewal',
  personal: 'Personal message',
  work_request: 'Work request',
  unknown_sender: 'Message from a new sender',
  follow_up: 'Waiting on a reply',
  calendar_invitation: 'Invitation',
  calendar_conflict: 'Conflicting invitation',
  calendar_update: 'Event update',
  calendar_cancellation: 'Cancelled event',
  unknown: 'Unclassified signal',
};

export function kindLabel(kind: SituationKind): string {
  return LABELS[kind];
}

export interface SituationParts {
  kind: SituationKind;
  domain: Domain;
  urgency: Urgency;
  confidence: number;
  summary: string;
  clues: readonly Clue[];
  facts: SituationFacts;
}

export function buildSituation(parts: SituationParts): Situation {
  const evidence = parts.clues.map((c) => c.text);
  return {
    kind: parts.kind,
    domain: parts.domain,
    urgency: parts.urgency,
    confidence: round(Math.min(1, Math.max(0, parts.confidence))),
    summary: parts.summary,
    evidence: evidence.length > 0 ? evidence : ['no usable clue'],
    facts: parts.facts,
  };
}

/** Malformed data: nothing is claimed, and the one evidence line says what was wrong. */
export function malformed(domain: Domain, problem: string, facts: SituationFacts = {}): Situation {
  return buildSituation({
    kind: 'unknown',
    domain,
    urgency: 'normal',
    confidence: 0,
    summary: `Unreadable ${domain === 'calendar' ? 'calendar event' : 'email'}: ${problem}`,
    clues: [{ weight: 0, text: problem }],
    facts,
  });
}
