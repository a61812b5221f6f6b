import type { ActionType, Reversibility } from '../types.js';

/** Actions that change nothing in the user's accounts; the policy lets them through below observer. */
export const INERT_ACTIONS: readonly ActionType[] = ['do_nothing', 'flag_for_review'];

export function isInert(type: ActionType): boolean {
  return INERT_ACTIONS.includes(type);
}

/** Unknown reversibility counts as irreversible (safety invariant 5). */
export function isIrreversible(reversibility: Reversibility): boolean {
  return reversibility !== 'full' && reversibility !== 'partial';
}

export function describeReversibility(reversibility: Reversibility): string {
  switch (reversibility) {
    case 'full':
      return 'reversible';
    case 'partial':
      return 'partly reversible';
    case 'none':
      return 'irreversible';
    default:
      return 'of unknown reversibility (treated as irreversible)';
  }
}

export function describeActionType(type: ActionType): string {
  return type.replace(/_/g, ' ');
}
