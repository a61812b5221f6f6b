import { countRecipients } from '../mail-facts.js';
import type { ActionSpec, ActionType } from '../types.js';

/** More recipients than this turns a mail into a mass mailing that always needs approval. */
export const MAX_RECIPIENTS_WITHOUT_APPROVAL = 10;

const ALWAYS_ASK: Partial<Record<ActionType, string>> = {
  delete_permanently: 'permanent deletion always needs your approval',
  accept_terms: 'accepting legal terms always needs your approval',
  share_credentials: 'sharing credentials always needs your approval',
  change_security_settings: 'changing security settings always needs your approval',
};


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
