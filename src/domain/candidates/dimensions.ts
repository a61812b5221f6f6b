import { formatMoney } from '../interpret/index.js';
import type { Reversibility, RiskDimension, RiskLevel, Situation } from '../types.js';
import { financialLevel } from './levels.js';
import { countRecipients } from '../mail-facts.js';
import { readCents, readString } from './params.js';

/** More recipients than this make a mail a mass mailing (the policy's never-list uses the same bound). */
export const MASS_MAIL_RECIPIENTS = 10;

/** What a dimension function sees: the action read defensively, plus the situation it is for. */
export interface RiskInput {
  type: string;
  parameters: Record<string, unknown>;
  reversibility: Reversibility;
  declaredReversibility: unknown;
  costCents: number | null;
  situation: Situation;
}

const dim = (level: RiskLevel, reason: string): RiskDimension => ({ level, reason });

function money(cents: number, situation: Situation): string {
  return formatMoney(cents, situation.facts.currency ?? 'USD');
}

const UNDO_HOW: Record<string, string> = {
  archive: 'archiving can be undone by moving the message back to the inbox',
  label: 'the label can be removed again',
  mark_read: 'the message can be marked unread again',
  draft_reply: 'the draft is only saved, never sent, and can be deleted',
  flag_for_review: 'flagging only adds an item to your review list',
  do_nothing: 'nothing changes',
  rsvp: 'the answer can be changed later, but the organizer has already been notified',
  approve_renewal: 'once approved the renewal charge goes through and cannot be taken back here',
  send_email: 'sent mail cannot be recalled',
  delete_permanently: 'permanently deleted mail cannot be recovered',
  accept_terms: 'accepted terms bind you and cannot be withdrawn here',
  share_credentials: 'shared credentials cannot be unshared; only changing them helps',
  change_security_settings: 'whether a security setting change can be rolled back is unknown',
};

export function reversibilityRisk(input: RiskInput): RiskDimension {
  const how = UNDO_HOW[input.type] ?? `"${input.type.slice(0, 40)}" is not a known action`;
  const claimed = input.declaredReversibility !== input.reversibility && typeof input.declaredReversibility === 'string'
    ? ` (recorded as ${input.declaredReversibility.slice(0, 20)}, rated by what the action allows)`
    : '';
  switch (input.reversibility) {
    case 'full':
      return dim('negligible', `${how}${claimed}`);
    case 'partial':
      return dim('moderate', `only partly reversible: ${how}${claimed}`);
    case 'none':
      return dim('high', `irreversible: ${how}${claimed}`);
    default:
      return dim('high', `reversibility unknown, treated as irreversible: ${how}${claimed}`);
  }
}

export function financialRisk(input: RiskInput): RiskDimension {
  if (input.costCents === null) return dim('high', 'the estimated cost could not be read, so it is treated as large');
  if (input.type === 'approve_renewal') {
    const amount = readCents(input.parameters['amountCents']);
    if (amount === null) return dim('high', 'the renewal amount is unknown, so the charge could be anything');
    const cents = Math.max(amount, input.costCents);
    return dim(financialLevel(cents), `approving lets a charge of ${money(cents, input.situation)} go through`);
  }
  if (input.costCents === 0) return dim('negligible', 'costs nothing');
  return dim(financialLevel(input.costCents), `costs ${money(input.costCents, input.situation)}`);
}

export function legalRisk(input: RiskInput): RiskDimension {
  switch (input.type) {
    case 'accept_terms':
      return dim('high', 'accepting terms enters you into a legal agreement');
    case 'share_credentials':
      return dim('moderate', "sharing credentials usually breaks the provider's terms of service");
    case 'approve_renewal':
      return dim('low', `renewing extends your contract with ${readString(input.parameters, 'merchant')?.slice(0, 60) || 'the merchant'}`);
    case 'send_email':
      return dim('low', 'what you send in writing is on the record');
    case 'delete_permanently': {
      const record = input.situation.kind === 'receipt' || input.situation.kind === 'subscription_renewal';
      return record
        ? dim('moderate', 'a deleted receipt or billing notice may be needed as proof of payment')
        : dim('low', 'deleted mail can no longer serve as a record');
    }
    default:
      return dim('negligible', 'creates no agreement or obligation');
  }
}

const HIDES_ALERT = ['archive', 'mark_read', 'delete_permanently'];

export function privacyRisk(input: RiskInput): RiskDimension {
  const recipients = countRecipients(input.parameters);
  if (input.type === 'share_credentials') return dim('critical', 'credentials give whoever receives them access to your accounts');
  if (input.type === 'change_security_settings') return dim('high', 'changes who and what can get into your account');
  if (input.situation.kind === 'security_alert' && HIDES_ALERT.includes(input.type)) {
    return dim('high', 'moving a security alert out of sight could hide someone else using your account');
  }
  if (input.type === 'send_email') {
    return recipients > MASS_MAIL_RECIPIENTS
      ? dim('high', `the mail would go to ${recipients} recipients (more than ${MASS_MAIL_RECIPIENTS})`)
      : dim('low', `the mail leaves your account for ${recipients} recipient(s)`);
  }
  if (input.type === 'draft_reply') return dim('low', 'the draft stays in your account until you send it');
  if (input.type === 'rsvp') return dim('low', 'the organizer and other guests see your answer');
  return dim('negligible', 'no data leaves your account');
}

export function relationshipRisk(input: RiskInput): RiskDimension {
  const who = input.situation.facts.counterpart ?? 'the organizer';
  const kind = input.situation.kind;
  switch (input.type) {
    case 'rsvp': {
      const response = readString(input.parameters, 'response');
      if (response === 'accepted') return dim('low', `accepting commits your time to ${who}`);
      if (response === 'tentative') return dim('low', `a tentative answer leaves ${who} unsure whether you come`);
      if (response === 'declined') return dim('moderate', `declining tells ${who} you will not attend`);
      return dim('moderate', 'the RSVP answer is not one SkyTwin recognises');
    }
    case 'send_email': {
      const recipients = countRecipients(input.parameters);
      return recipients > MASS_MAIL_RECIPIENTS
        ? dim('high', `${recipients} people would read a mail sent in your name`)
        : dim('moderate', 'the recipients read what was sent in your name');
    }
    case 'draft_reply':
      return dim('low', 'nothing is sent: you read and send the draft yourself');
    case 'archive':
      return kind === 'personal' || kind === 'work_request'
        ? dim('low', `${who} expects an answer that could be forgotten once the mail leaves the inbox`)
        : dim('negligible', 'nobody else notices');
    case 'do_nothing':
      if (kind === 'personal' || kind === 'work_request') return dim('low', `${who} waits for an answer`);
      if (kind === 'calendar_invitation' || kind === 'calendar_conflict') return dim('low', `${who} gets no answer to the invitation`);
      return dim('negligible', 'nobody else notices');
    default:
      return dim('negligible', 'nobody else is told');
  }
}

export function operationalRisk(input: RiskInput): RiskDimension {
  const kind = input.situation.kind;
  switch (input.type) {
    case 'change_security_settings':
      return dim('critical', 'changes how your account is protected');
    case 'share_credentials':
      return dim('critical', 'others could act in your name');
    case 'delete_permanently':
      return dim('high', 'the message is gone for good');
    case 'accept_terms':
      return dim('moderate', 'the terms may change how the service treats your account');
    case 'archive':
    case 'mark_read':
      if (kind === 'security_alert') return dim('high', 'a security alert that is out of sight may never be checked');
      if (kind === 'subscription_renewal') return dim('moderate', 'an upcoming charge could go unnoticed');
      if (kind === 'work_request' || kind === 'personal') {
        return input.type === 'archive' ? dim('moderate', 'a request could be missed once it leaves the inbox') : dim('low', 'a read message is easier to overlook');
      }
      return dim('negligible', 'the message stays searchable');
    case 'rsvp':
      if (kind === 'calendar_conflict' && readString(input.parameters, 'response') === 'accepted') {
        return dim('moderate', 'accepting double-books you with an event you already accepted');
      }
      return dim('low', 'your calendar changes to match the answer');
    case 'approve_renewal':
      return dim('low', 'the subscription keeps running');
    case 'send_email':
      return dim('low', 'a sent mail may start a thread you must follow');
    case 'do_nothing':
      return kind === 'security_alert'
        ? dim('low', 'the alert stays in the inbox, unhandled')
        : dim('negligible', 'everything stays as it is');
    case 'flag_for_review':
      return dim('negligible', 'adds one item to your review list');
    case 'label':
    case 'draft_reply':
      return dim('negligible', 'the message stays where it is');
    default:
      return dim('high', `"${input.type.slice(0, 40)}" is not an action SkyTwin knows how to run`);
  }
}
