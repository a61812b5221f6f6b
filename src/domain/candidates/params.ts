// Parameters may come back edited by a user (any JSON), so every read is defensive.

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function readString(parameters: Record<string, unknown>, key: string): string | null {
  const value = parameters[key];
  return typeof value === 'string' ? value : null;
}

/** A non-negative integer amount of cents, or null when absent or not one. */
export function readCents(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

function countField(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  // A comma-separated string still counts per address, as the policy's never-list counts them.
  if (typeof value === 'string') return value.split(',').filter((part) => part.trim() !== '').length;
  return 0;
}

/** Recipients of an outgoing mail: to + cc + bcc. */
export function countRecipients(parameters: Record<string, unknown>): number {
  return countField(parameters['to']) + countField(parameters['cc']) + countField(parameters['bcc']);
}
