import type { EmailSituationKind } from '../types.js';
import { clue, combine, CONFIDENCE_THRESHOLD, type Clue } from './clues.js';
import { looksAutomated, type CategoryLabel, type EmailReading } from './emailReading.js';
import {
  findPhrase,
  NEWSLETTER_PHRASES,
  NOTIFICATION_PHRASES,
  PERSONAL_PHRASES,
  PROMO_PHRASES,
  RECEIPT_PHRASES,
  RENEWAL_PHRASES,
  REQUEST_PHRASES,
  SECURITY_PHRASES,
  SHIPPING_PHRASES,
  SUBSCRIPTION_WORDS,
  WORK_PHRASES,
} from './keywords.js';
import { formatMoney } from './format.js';

export interface Classification {
  kind: EmailSituationKind | 'unknown';
  confidence: number;
  clues: Clue[];
}

function classified(kind: Classification['kind'], clues: Clue[]): Classification {
  return { kind, confidence: combine(clues), clues };
}

/** The subject is the stronger place for a phrase; the body counts only when the subject has none. */
function phraseClue(r: EmailReading, phrases: readonly string[], subjectWeight: number, textWeight: number): Clue | null {
  const inSubject = findPhrase(r.subject, phrases);
  if (inSubject !== null) return clue(subjectWeight, `subject mentions "${inSubject}"`);
  const inText = findPhrase(r.text, phrases);
  return inText !== null ? clue(textWeight, `text mentions "${inText}"`) : null;
}

function present(clues: readonly (Clue | null)[]): Clue[] {
  return clues.filter((c): c is Clue => c !== null);
}

function hasRole(r: EmailReading, role: EmailReading['roles'][number]): boolean {
  return r.roles.includes(role);
}

function roleClue(r: EmailReading, role: EmailReading['roles'][number], weight: number): Clue | null {
  return hasRole(r, role) ? clue(weight, `sender address "${r.sender.localPart}@…" reads as ${role}`) : null;
}

function categoryClue(r: EmailReading, category: CategoryLabel, weight: number): Clue | null {
  return r.categories.has(category) ? clue(weight, `Gmail filed it under ${category}`) : null;
}

function machineClue(r: EmailReading, weight: number): Clue | null {
  const machine = hasRole(r, 'noreply') || hasRole(r, 'notifications') || r.categories.has('CATEGORY_UPDATES');
  return machine ? clue(weight, 'sent by an automated system') : null;
}

function isBulk(r: EmailReading): boolean {
  return r.listUnsubscribe || r.categories.has('CATEGORY_PROMOTIONS') || r.categories.has('CATEGORY_FORUMS');
}

export function securityRule(r: EmailReading): Classification | null {
  // Mailing lists write about security too; only the subject of bulk mail can raise an alert.
  const phrase = phraseClue(r, SECURITY_PHRASES, 0.8, isBulk(r) ? 0.2 : 0.45);
  if (phrase === null) return null;
  return classified('security_alert', present([phrase, roleClue(r, 'security', 0.35), machineClue(r, 0.2)]));
}

function amountClue(r: EmailReading, weight: number): Clue | null {
  return r.amount !== null ? clue(weight, `amount ${formatMoney(r.amount.amountCents, r.amount.currency)} found ("${r.amount.text}")`) : null;
}

export function renewalRule(r: EmailReading): Classification | null {
  const phrase = phraseClue(r, RENEWAL_PHRASES, 0.7, 0.55);
  // A friend mentioning their gym membership is not a bill: it needs a machine sender or a price.
  if (phrase === null || (!looksAutomated(r) && r.amount === null)) return null;
  const word = findPhrase(r.all, SUBSCRIPTION_WORDS);
  return classified(
    'subscription_renewal',
    present([
      phrase,
      word !== null ? clue(0.2, `mentions "${word}"`) : null,
      amountClue(r, 0.2),
      r.renewalDate !== null ? clue(0.15, `date ${r.renewalDate.date} found ("${r.renewalDate.text}")`) : null,
      roleClue(r, 'billing', 0.2),
      machineClue(r, 0.1),
    ]),
  );
}

export function receiptRule(r: EmailReading): Classification | null {
  const phrase = phraseClue(r, RECEIPT_PHRASES, 0.7, 0.5);
  if (phrase === null || (!looksAutomated(r) && r.amount === null)) return null;
  // "Could you send me the invoice?" from a person is a request, not a receipt.
  if (!looksAutomated(r) && findPhrase(r.all, REQUEST_PHRASES) !== null) return null;
  if (r.amount === null && findPhrase(r.all, SHIPPING_PHRASES) !== null) return null;
  return classified(
    'receipt',
    present([phrase, roleClue(r, 'billing', 0.35), amountClue(r, 0.2), categoryClue(r, 'CATEGORY_UPDATES', 0.1)]),
  );
}

const unsubscribeClue = (r: EmailReading, weight: number): Clue | null =>
  r.listUnsubscribe ? clue(weight, 'has a List-Unsubscribe header (bulk mail)') : null;

/** Newsletter, promotion or notification: whichever the machine-sender clues support most. */
export function bulkRule(r: EmailReading): Classification | null {
  if (!looksAutomated(r)) return null;
  const options: Classification[] = [
    classified(
      'newsletter',
      present([
        unsubscribeClue(r, 0.5),
        phraseClue(r, NEWSLETTER_PHRASES, 0.45, 0.3),
        roleClue(r, 'newsletter', 0.4),
        categoryClue(r, 'CATEGORY_FORUMS', 0.35),
      ]),
    ),
    classified(
      'promotion',
      present([
        categoryClue(r, 'CATEGORY_PROMOTIONS', 0.55),
        phraseClue(r, PROMO_PHRASES, 0.5, 0.35),
        roleClue(r, 'marketing', 0.4),
        unsubscribeClue(r, 0.2),
      ]),
    ),
    classified(
      'notification',
      present([
        roleClue(r, 'notifications', 0.45),
        roleClue(r, 'noreply', 0.5),
        categoryClue(r, 'CATEGORY_UPDATES', 0.5),
        categoryClue(r, 'CATEGORY_SOCIAL', 0.5),
        phraseClue(r, NOTIFICATION_PHRASES, 0.3, 0.2),
      ]),
    ),
  ];
  let best: Classification | null = null;
  for (const option of options) if (best === null || option.confidence > best.confidence) best = option;
  return best !== null && best.confidence >= CONFIDENCE_THRESHOLD ? best : null;
}

function historyClue(r: EmailReading): Clue {
  if (r.seenCount === 0) return clue(0, 'first message from this sender');
  return clue(
    r.repliedCount > 0 ? 0.5 : 0.2,
    `sender seen ${r.seenCount} time(s) before, replied to ${r.repliedCount} time(s)`,
  );
}

/** Mail from a person: a request, a personal note, a stranger, or nothing to go on. */
export function humanRule(r: EmailReading): Classification {
  if (r.fromSelf) return { kind: 'unknown', confidence: 0.3, clues: [clue(0, "sent from the user's own address")] };
  const request = findPhrase(r.all, REQUEST_PHRASES);
  const work = findPhrase(r.all, WORK_PHRASES);
  const personal = findPhrase(r.all, PERSONAL_PHRASES);
  const requestClue = request !== null ? clue(0.45, `asks for something ("${request}")`) : null;
  const workClue = work !== null ? clue(0.25, `work topic ("${work}")`) : null;
  const orgClue = r.sameOrganisation ? clue(0.35, `sender shares the user's organisation domain ${r.sender.domain}`) : null;
  const seen = r.seenCount > 0;

  if (requestClue !== null && (r.sameOrganisation || (workClue !== null && seen))) {
    const history = seen ? historyClue(r) : null;
    return classified('work_request', present([requestClue, orgClue, workClue, history !== null ? clue(0.1, history.text) : null]));
  }
  if (!seen && !r.sameOrganisation) {
    return classified('unknown_sender', present([clue(0.65, 'first message from this sender, who is not in the user\'s organisation'), requestClue !== null ? clue(0, requestClue.text) : null]));
  }
  const personalClues = present([
    historyClue(r),
    personal !== null ? clue(0.4, `personal topic ("${personal}")`) : null,
    categoryClue(r, 'CATEGORY_PERSONAL', 0.25),
  ]);
  const candidate = classified('personal', personalClues);
  if (candidate.confidence >= CONFIDENCE_THRESHOLD) return candidate;
  return { kind: 'unknown', confidence: candidate.confidence, clues: [...personalClues, clue(0, 'no clue strong enough to name the situation')] };
}

/** Order is precedence: a security alert wins over everything, a renewal over a receipt. */
export function classifyEmail(r: EmailReading): Classification {
  for (const rule of [securityRule, renewalRule, receiptRule]) {
    const found = rule(r);
    if (found !== null && found.confidence >= CONFIDENCE_THRESHOLD) return found;
  }
  return bulkRule(r) ?? humanRule(r);
}
