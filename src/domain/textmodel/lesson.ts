import { isInert } from '../policy/index.js';
import { actionValue } from '../twin/index.js';
import type { FeedbackInput } from '../types.js';

/**
 * The action value one answer teaches for the mail it was about, or null when it teaches none:
 * approvals and confirmations teach the action taken, edits the action as edited; a correction teaches the action the
 * user chose instead; rejecting or undoing an action that changed something teaches "leave it"
 * (do_nothing); rejecting a flag or a do-nothing says nothing about what was wanted instead.
 */
export function lessonOf(input: Pick<FeedbackInput, 'kind' | 'action' | 'correctedAction'>): string | null {
  switch (input.kind) {
    case 'approve':
    case 'confirm':
      return input.action ? actionValue(input.action) : null;
    case 'edit': {
      const chosen = input.correctedAction ?? input.action;
      return chosen ? actionValue(chosen) : null;
    }
    case 'correct':
      return input.correctedAction ? actionValue(input.correctedAction) : null;
    case 'reject':
    case 'undo':
      return input.action && !isInert(input.action.type) ? 'do_nothing' : null;
    case 'restate':
      return null;
  }
}
