/**
 * A change a user might make when editing an approval of this action type, or null when editing
 * it makes no sense (the user would just approve). Only parameters the action already has.
 */
export function editFor(type: unknown): Record<string, unknown> | null {
  switch (type) {
    case 'rsvp':
      return { response: 'tentative' };
    case 'draft_reply':
      return { body: 'Thanks, I will get back to you by Friday.' };
    case 'label':
      return { label: 'Later' };
    case 'flag_for_review':
      return { reason: 'look at this one myself' };
    default:
      return null;
  }
}
