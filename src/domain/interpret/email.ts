import type { EmailSignal, EmailSituationKind, InterpretContext, Situation, SituationFacts, SituationKind, Urgency } from '../types.js';
import { clue, type Clue } from './clues.js';
import { readEmail, type EmailReading } from './emailReading.js';
import { classifyEmail, type Classification } from './emailRules.js';
import { shorten } from './fields.js';
import { formatMoney } from './format.js';
import { findPhrase, URGENT_PHRASES } from './keywords.js';
import { findDeadline, findMeetingRequest } from './requests.js';
import { buildSituation, kindLabel, malformed } from './situation.js';

const FINANCE_KINDS: readonly SituationKind[] = ['subscription_renewal', 'receipt'];
/** Kinds answered with a draft reply: only their text is searched for meeting requests and deadlines. */
const DRAFTED_KINDS: readonly SituationKind[] = ['work_request', 'personal'];

function urgencyOf(kind: EmailSituationKind | 'unknown', r: EmailReading): { urgency: Urgency; clue: Clue | null } {
  if (kind === 'security_alert') return { urgency: 'high', clue: null };
  if (kind === 'newsletter' || kind === 'promotion') return { urgency: 'low', clue: null };
  if (kind === 'work_request') {
    const urgent = findPhrase(r.all, URGENT_PHRASES);
    if (urgent !== null) return { urgency: 'high', clue: clue(0, `marked as pressing ("${urgent}")`) };
  }
  return { urgency: 'normal', clue: null };
}

function factsOf(kind: Classification['kind'], r: EmailReading): SituationFacts {
  const facts: SituationFacts = {
    counterpart: r.sender.address,
    counterpartDomain: r.sender.domain,
    subject: r.rawSubject,
    messageId: r.messageId,
    threadId: r.threadId,
    recipientCount: r.recipientCount,
  };
  if ((kind === 'subscription_renewal' || kind === 'receipt') && r.amount !== null) {
    facts.amountCents = r.amount.amountCents;
    facts.currency = r.amount.currency;
  }
  if (kind === 'subscription_renewal' && r.renewalDate !== null) facts.renewalDate = r.renewalDate.date;
  if (DRAFTED_KINDS.includes(kind)) {
    const meeting = findMeetingRequest(r.all);
    if (meeting !== null) facts.meetingRequest = meeting;
    const deadline = findDeadline(r.all, r.sentAt);
    if (deadline !== null) facts.deadline = deadline;
  }
  return facts;
}

function summaryOf(kind: Classification['kind'], facts: SituationFacts): string {
  const base = `${kindLabel(kind)} from ${facts.counterpart ?? 'an unknown sender'}: "${shorten(facts.subject ?? '')}"`;
  if (kind !== 'subscription_renewal') return base;
  const amount = facts.amountCents !== undefined ? formatMoney(facts.amountCents, facts.currency ?? '') : 'amount unknown';
  return `${base} (${amount}, ${facts.renewalDate !== undefined ? `renews ${facts.renewalDate}` : 'date unknown'})`;
}

/**
 * The mail read as `kind` chosen elsewhere (a language model's proposal): the same facts, domain,
 * urgency and summary the rules give that kind, with the given confidence and clues. Null when the
 * mail cannot be read at all.
 */
export function interpretEmailAs(signal: EmailSignal, context: InterpretContext, kind: EmailSituationKind, confidence: number, clues: readonly Clue[]): Situation | null {
  const read = readEmail(signal, context);
  if (!read.ok) return null;
  const r = read.reading;
  const { urgency, clue: urgencyClue } = urgencyOf(kind, r);
  const facts = factsOf(kind, r);
  return buildSituation({
    kind,
    domain: FINANCE_KINDS.includes(kind) ? 'finance' : 'email',
    urgency,
    confidence,
    summary: summaryOf(kind, facts),
    clues: urgencyClue !== null ? [...clues, urgencyClue] : clues,
    facts,
  });
}

export function interpretEmail(signal: EmailSignal, context: InterpretContext): Situation {
  const read = readEmail(signal, context);
  if (!read.ok) return malformed('email', read.problem);
  const r = read.reading;
  const found = classifyEmail(r);
  const { urgency, clue: urgencyClue } = urgencyOf(found.kind, r);
  const facts = factsOf(found.kind, r);
  return buildSituation({
    kind: found.kind,
    domain: FINANCE_KINDS.includes(found.kind) ? 'finance' : 'email',
    urgency,
    confidence: found.confidence,
    summary: summaryOf(found.kind, facts),
    clues: urgencyClue !== null ? [...found.clues, urgencyClue] : found.clues,
    facts,
  });
}
