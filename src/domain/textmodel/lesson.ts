import { isInert } from '../policy/index.js';
import { actionValue } from '../twin/index.js';
import type { FeedbackInput, Situation } from '../types.js';
import { isTextModelKind } from './kinds.js';

/**
 * The action value one answer teaches for the mail it was about, or null when it teaches none
 * (always none outside bulk mail, see TEXT_MODEL_KINDS): approvals and confirmations teach the action taken, edits the action as edited; a correction teaches the action the
 * user chose instead; rejecting or undoing an action that changed something teaches "leave it"
 * (do_nothing); rejecting a flag or a do-nothing says nothing about what was wanted instead.
 */
export function lessonOf(input: Pick<FeedbackInput, 'kind' | 'action' | 'correctedAction'> & { situation: Pick<Situation, 'kind'> }): string | null {
  if (!isTextModelKind(input.situation.kind)) return null;
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
