import type { ActionSpec, ActionType } from '../types.js';

/** More recipients than this turns a mail into a mass mailing that always needs approval. */
export const MAX_RECIPIENTS_WITHOUT_APPROVAL = 10;

const ALWAYS_ASK: Partial<Record<ActionType, string>> = {
  delete_permanently: 'permanent deletion always needs your approval',
  accept_terms: 'accepting legal terms always needs your approval',
  share_credentials: 'sharing credentials always needs your approval',
  change_security_settings: 'changing security settings always needs your approval',
};

function countField(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  // A single address or a comma-separated list still counts per address.
  if (typeof value === 'string') return value.split(',').filter((part) => part.trim() !== '').length;
  return 0;
}

/** Recipients of an outgoing mail: parameters.to + cc + bcc. */
export function countRecipients(parameters: Record<string, unknown>): number {
  return countField(parameters['to']) + countField(parameters['cc']) + countField(parameters['bcc']);
}

/** Why the action is on the never-list, or null when it is not. */
export function neverListReason(action: ActionSpec): string | null {
  const fixed = ALWAYS_ASK[action.type];
  if (fixed !== undefined) return fixed;
  if (action.type === 'send_email') {
    const recipients = countRecipients(action.parameters);
    if (recipients > MAX_RECIPIENTS_WITHOUT_APPROVAL) {
      return `mail to ${recipients} recipients (more than ${MAX_RECIPIENTS_WITHOUT_APPROVAL}) always needs your approval`;
    }
  }
  return null;
}
