import { formatMoney } from '../interpret/index.js';
import type { ActionSpec, Signal, Situation, SituationKind } from '../types.js';
import * as act from './actions.js';
import type { DraftContext } from '../drafts/index.js';
import { composeDraft, replySubject } from './draft.js';
import { nudgeBody } from './nudge.js';
import { correspondent, eventTarget, messageTarget, subjectOf } from './targets.js';

/** One proposed action and why it suits the situation; null when the signal lacks what it needs. */
export interface Proposal {
  action: ActionSpec;
  rationale: string;
}
type Maybe = Proposal | null;

/** Label names SkyTwin files mail under (Gmail creates them on first use). */
export const LABELS = {
  newsletter: 'Newsletters',
  promotion: 'Promotions',
  receipt: 'Receipts',
  notification: 'Notifications',
  security_alert: 'Security',
  subscription_renewal: 'Finance/Renewals',
} as const;

function sender(situation: Situation): string {
  return situation.facts.counterpart ?? 'the sender';
}

export function flagReason(situation: Situation): string {
  const f = situation.facts;
  switch (situation.kind) {
    case 'security_alert':
      return `Security alert from ${sender(situation)}: check it yourself (was it you?)`;
    case 'subscription_renewal': {
      const amount = f.amountCents !== undefined ? formatMoney(f.amountCents, f.currency ?? '') : 'an unknown amount';
      return `Renewal from ${sender(situation)} for ${amount}${f.renewalDate !== undefined ? ` on ${f.renewalDate}` : ''}: keep or cancel?`;
    }
    case 'calendar_conflict':
      return `"${f.subject ?? 'Invitation'}" overlaps ${(f.conflictsWith ?? []).map((c) => `"${c.summary}"`).join(', ') || 'another accepted event'}`;
    case 'calendar_update':
      return f.timeChanged === true ? `"${f.subject ?? 'An event'}" moved to ${f.start ?? 'a new time'}` : `"${f.subject ?? 'An event'}" was updated`;
    case 'unknown':
      return `SkyTwin could not tell what this is: ${situation.summary}`;
    default:
      return `Review: ${situation.summary}`;
  }
}

/**
 * Builds the actions a plan may use, each null when the signal lacks the ids it needs. A class, not
 * an object of closures, so a decision does not create eight functions before it proposes anything.
 */
class Toolkit {
  private readonly domain: Situation['domain'];
  private readonly message: ReturnType<typeof messageTarget>;
  private readonly event: ReturnType<typeof eventTarget>;

  constructor(
    private readonly situation: Situation,
    private readonly signal: Signal,
    private readonly drafting: DraftContext | null,
    private readonly now: Date | null,
  ) {
    this.domain = situation.domain;
    this.message = messageTarget(situation, signal);
    this.event = eventTarget(situation, signal);
  }

  archive(rationale: string): Maybe {
    return this.message ? { action: act.archive(this.domain, this.message), rationale } : null;
  }

  markRead(rationale: string): Maybe {
    return this.message ? { action: act.markRead(this.domain, this.message), rationale } : null;
  }

  label(name: string, rationale: string): Maybe {
    return this.message ? { action: act.label(this.domain, this.message, name), rationale } : null;
  }

  draftReply(rationale: string): Maybe {
    const to = correspondent(this.situation, this.signal);
    if (this.message === null || to === null) return null;
    const subject = subjectOf(this.situation, this.signal);
    const sentAt = new Date(this.signal.occurredAt);
    const mail = { situation: this.situation, to, subject: subject.slice(0, 120), sentAt: Number.isNaN(sentAt.getTime()) ? null : sentAt };
    const draft = composeDraft(mail, this.drafting, this.now);
    const content = { to: [to.address], subject: replySubject(subject), body: draft.body };
    return { action: act.draftReply(this.domain, this.message, content), rationale: draft.notes.length > 0 ? `${rationale}; ${draft.notes.join('; ')}` : rationale };
  }

  nudge(rationale: string): Maybe {
    const to = correspondent(this.situation, this.signal);
    const asked = this.situation.facts.followUp;
    if (this.message === null || to === null || asked === undefined) return null;
    const subject = subjectOf(this.situation, this.signal).slice(0, 120);
    const body = nudgeBody({ name: to.name, askedOn: asked.askedOn, subject, question: asked.question });
    return { action: act.draftReply(this.domain, this.message, { to: [to.address], subject: replySubject(subject), body }), rationale };
  }

  rsvp(response: act.RsvpResponse, rationale: string): Maybe {
    return this.event ? { action: act.rsvp(this.event, response), rationale } : null;
  }

  approveRenewal(rationale: string): Maybe {
    const f = this.situation.facts;
    const name = correspondent(this.situation, this.signal)?.name.trim() ?? '';
    const merchant = name || f.counterpartDomain || f.counterpart || 'unknown merchant';
    return { action: act.approveRenewal({ amountCents: f.amountCents ?? null, renewalDate: f.renewalDate ?? null, merchant }), rationale };
  }

  flag(rationale: string): Maybe {
    return { action: act.flagForReview(this.domain, flagReason(this.situation)), rationale };
  }

  nothing(rationale: string): Maybe {
    return { action: act.doNothing(this.domain), rationale };
  }
}

/**
 * The actions that make sense for each situation, the default first. flag_for_review and
 * do_nothing are added by proposeCandidates where a plan leaves them out.
 */
export function plan(situation: Situation, signal: Signal, drafting: DraftContext | null = null, now: Date | null = null): Maybe[] {
  const t = new Toolkit(situation, signal, drafting, now);
  const kind: SituationKind = situation.kind;
  switch (kind) {
    case 'newsletter':
      return [
        t.archive('newsletters are read later or not at all; archiving keeps the inbox clear and the issue searchable'),
        t.label(LABELS.newsletter, 'filing newsletters under one label keeps them together'),
        t.markRead('marking it read clears the unread count without moving it'),
      ];
    case 'promotion':
      return [
        t.archive('promotions rarely need attention; archiving clears the inbox'),
        t.markRead('marking it read clears the unread count without moving it'),
        t.label(LABELS.promotion, 'filing promotions under one label keeps offers findable'),
      ];
    case 'receipt':
      return [
        t.label(LABELS.receipt, 'receipts are records: a label keeps them findable for taxes and returns'),
        t.archive('a receipt needs no answer; archiving clears the inbox'),
        t.markRead('marking it read clears the unread count without moving it'),
      ];
    case 'notification':
      return [
        t.markRead('a notification is informational; marking it read clears it without moving it'),
        t.archive('archiving clears the inbox; the notification stays searchable'),
        t.label(LABELS.notification, 'filing notifications under one label keeps them together'),
      ];
    case 'security_alert':
      return [
        t.flag('only you can tell whether this sign-in or change was you; SkyTwin never files security alerts away'),
        t.label(LABELS.security_alert, 'labelling keeps the alert in the inbox and findable later'),
        t.archive('archiving would hide the alert; only sensible once you have checked it'),
      ];
    case 'subscription_renewal':
      return [
        t.flag('a renewal spends money: you decide whether to keep the subscription'),
        t.approveRenewal('approving lets the subscription renew as announced'),
        t.label(LABELS.subscription_renewal, 'filing renewals under one label keeps upcoming charges in view'),
      ];
    case 'personal':
      return [
        t.draftReply('someone you know wrote to you; a draft reply saves you a step and is only sent by you'),
        t.flag('a personal message deserves your own look'),
        t.markRead('marking it read if it needs no answer'),
        t.archive('archiving keeps it searchable; for mail you read elsewhere or need no answer to'),
      ];
    case 'work_request':
      return [
        t.draftReply('the sender asks for something; a draft acknowledgement is ready for you to edit and send'),
        t.flag('a request needs your decision'),
        t.markRead('marking it read once handled elsewhere'),
        t.archive('archiving once it is handled keeps it searchable'),
      ];
    case 'follow_up':
      return [
        t.nudge('nobody answered your question; a short nudge is ready for you to edit and send'),
        t.nothing('they may still answer; SkyTwin closes this once anyone writes on the thread'),
      ];
    case 'unknown_sender':
      return [
        t.flag('first message from this sender: you decide whether it matters'),
        t.archive('unsolicited mail from a stranger can usually be archived'),
        t.markRead('marking it read clears the unread count without moving it'),
      ];
    case 'calendar_invitation':
      return [
        t.rsvp('accepted', 'the time is free: accepting answers the organizer'),
        t.rsvp('tentative', 'a tentative answer holds the slot while you decide'),
        t.rsvp('declined', 'declining tells the organizer early that you will not attend'),
      ];
    case 'calendar_conflict':
      return [
        t.flag('the invitation overlaps an event you accepted; only you can choose between them'),
        t.rsvp('declined', 'declining keeps the event you already accepted'),
        t.rsvp('tentative', 'a tentative answer holds the slot while you sort out the overlap'),
      ];
    case 'calendar_update':
      return situation.facts.timeChanged === true
        ? [t.flag('the event moved; check that the new time still works')]
        : [t.nothing('the calendar already shows the change; nothing needs doing'), t.flag('look at the change yourself')];
    case 'calendar_cancellation':
      return [
        t.nothing('the calendar already removed the cancelled event; nothing needs doing'),
        t.flag('look at the cancellation yourself, e.g. to reschedule'),
      ];
    case 'unknown':
    default:
      return [t.flag('SkyTwin could not tell what this is, so it asks instead of guessing')];
  }
}
