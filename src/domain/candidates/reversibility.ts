import type { ActionType, Reversibility } from '../types.js';

/** What each action really allows afterwards, whatever a caller claims. */
export const INTRINSIC_REVERSIBILITY: Record<ActionType, Reversibility> = {
  archive: 'full',
  label: 'full',
  mark_read: 'full',
  draft_reply: 'full',
  rsvp: 'partial',
  flag_for_review: 'full',
  approve_renewal: 'none',
  do_nothing: 'full',
  send_email: 'none',
  delete_permanently: 'none',
  accept_terms: 'none',
  share_credentials: 'none',
  change_security_settings: 'unknown',
};

const RANK: Record<Reversibility, number> = { full: 0, partial: 1, unknown: 2, none: 3 };

function isReversibility(value: unknown): value is Reversibility {
  return value === 'full' || value === 'partial' || value === 'none' || value === 'unknown';
}

export function intrinsicReversibility(type: unknown): Reversibility {
  return typeof type === 'string' && Object.hasOwn(INTRINSIC_REVERSIBILITY, type)
    ? INTRINSIC_REVERSIBILITY[type as ActionType]
    : 'unknown';
}

/** The worse of what the action declares and what its type allows: an edit can never make an action safer. */
export function effectiveReversibility(type: unknown, declared: unknown): Reversibility {
  const intrinsic = intrinsicReversibility(type);
  if (!isReversibility(declared)) return intrinsic === 'none' ? 'none' : 'unknown';
  return RANK[declared] > RANK[intrinsic] ? declared : intrinsic;
}
