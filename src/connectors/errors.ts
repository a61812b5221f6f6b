/** A Google item SkyTwin cannot turn into a signal at all (no usable id); reported, never dropped silently. */
export class UnusableItemError extends Error {
  readonly code = 'unusable_item';

  constructor(
    readonly kind: 'gmail_message' | 'calendar_event',
    readonly itemId: string | null,
    reason: string,
  ) {
    super(`${kind} ${itemId ?? '(no id)'}: ${reason}`);
    this.name = 'UnusableItemError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The API only takes signals for a UUID user id; a wrong one is a programming error, caught early. */
export function assertUserId(userId: string): void {
  if (!UUID.test(userId)) throw new TypeError(`userId must be a UUID, got "${userId.slice(0, 60)}"`);
}
