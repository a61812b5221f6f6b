import type { ActionSpec } from '../domain/index.js';
import { errors } from '../errors/index.js';

const RSVP_RESPONSES = ['accepted', 'declined', 'tentative'];
const MAX_TEXT = 20_000;

/**
 * An edit may change the values of parameters the action already has, keeping their types;
 * it cannot add parameters or change the action's kind. Violations are 400s naming each field.
 */
export function mergeEditedParameters(action: ActionSpec, changes: Record<string, unknown>): Record<string, unknown> {
  const problems: { field: string; message: string }[] = [];
  const merged: Record<string, unknown> = { ...action.parameters };
  for (const [field, value] of Object.entries(changes)) {
    if (!(field in action.parameters)) {
      problems.push({ field, message: `${action.type} has no parameter "${field}"` });
      continue;
    }
    const problem = checkValue(action, field, action.parameters[field], value);
    if (problem) problems.push({ field, message: problem });
    else merged[field] = value;
  }
  if (Object.keys(changes).length === 0) problems.push({ field: 'parameters', message: 'name at least one parameter to change' });
  if (problems.length > 0) throw errors.validation('The edit cannot be applied', problems);
  return merged;
}

function checkValue(action: ActionSpec, field: string, original: unknown, value: unknown): string | null {
  if (field === 'amountCents' || field === 'messageId' || field === 'eventId' || field === 'calendarId') {
    return 'cannot be edited: it identifies what was checked against your settings';
  }
  if (action.type === 'rsvp' && field === 'response') {
    return typeof value === 'string' && RSVP_RESPONSES.includes(value) ? null : `must be one of ${RSVP_RESPONSES.join(', ')}`;
  }
  if (typeof original === 'string') {
    if (typeof value !== 'string') return 'must be a string';
    if (value.length > MAX_TEXT) return `must be at most ${MAX_TEXT} characters`;
    if (field === 'label' && value.trim() === '') return 'must not be empty';
    return null;
  }
  if (typeof original === 'number') {
    return Number.isSafeInteger(value) && (value as number) >= 0 ? null : 'must be a whole number ≥ 0';
  }
  if (typeof original === 'boolean') return typeof value === 'boolean' ? null : 'must be true or false';
  if (Array.isArray(original)) {
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) return 'must be a list of strings';
    return value.length <= 100 ? null : 'must have at most 100 entries';
  }
  return 'cannot be edited';
}
