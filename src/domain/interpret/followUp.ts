import type { EmailSignal, Situation } from '../types.js';
import { parseAddress } from './address.js';
import { asRecord, asString, shorten } from './fields.js';
import { buildSituation } from './situation.js';

/**
 * What the follow-up sweep puts in `data.followUp` of the signal it posts for a question nobody
 * answered: when it was asked (and how a person says that day), and the asking sentence.
 */
export interface FollowUpMarker {
  askedAt: string;
  askedOn: string;
  question: string;
}

/** The marker of a follow-up signal, or null for any other mail. */
export function followUpMarker(signal: EmailSignal): FollowUpMarker | null {
  const marker = asRecord(asRecord(signal.data)?.['followUp']);
  if (marker === null) return null;
  const askedAt = asString(marker['askedAt'], 40);
  const askedOn = asString(marker['askedOn'], 40);
  const question = asString(marker['question'], 500);
  if (askedAt === '' || Number.isNaN(Date.parse(askedAt)) || askedOn === '' || question === '') return null;
  return { askedAt, askedOn, question };
}

/** A question the user asked and nobody answered: the person it waits on and what was asked. */
export function interpretFollowUp(signal: EmailSignal, marker: FollowUpMarker): Situation {
  const who = parseAddress(signal.data.from);
  const counterpart = who?.address ?? '';
  const subject = asString(signal.data.subject, 5000).trim();
  const name = who?.name.trim() || counterpart || 'them';
  const about = subject === '' ? '' : `: "${shorten(subject)}"`;
  return buildSituation({
    kind: 'follow_up',
    domain: 'email',
    urgency: 'normal',
    confidence: 1,
    summary: `Waiting on ${name}'s reply since ${marker.askedOn}${about}`,
    clues: [
      { weight: 1, text: `you asked ${name} on ${marker.askedOn}: "${marker.question}"` },
      { weight: 1, text: 'nobody else has written on the thread since' },
    ],
    facts: {
      ...(counterpart !== '' ? { counterpart, counterpartDomain: counterpart.split('@')[1] ?? '' } : {}),
      subject,
      messageId: signal.data.messageId,
      threadId: signal.data.threadId,
      followUp: marker,
    },
  });
}
