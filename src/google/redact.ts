const REDACTED = '[redacted]';
const MAX_MESSAGE_LENGTH = 300;

// Shapes of Google credentials, caught even when the exact value is not known here.
const CREDENTIAL_PATTERNS: readonly RegExp[] = [/\bya29\.[\w.-]+/g, /\b1\/\/[\w.-]+/g, /\b4\/[\w.-]+/g];

/**
 * Makes text from Google (or about a request) safe for errors and logs: removes the given
 * secrets, bearer values and anything shaped like a Google token, and keeps it short.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let safe = text;
  for (const secret of secrets) {
    if (secret.length >= 4) safe = safe.split(secret).join(REDACTED);
  }
  safe = safe.replace(/\b(bearer)\s+[^\s"',;]+/gi, `$1 ${REDACTED}`);
  for (const pattern of CREDENTIAL_PATTERNS) safe = safe.replace(pattern, REDACTED);
  safe = safe.replace(/\s+/g, ' ').trim();
  return safe.length > MAX_MESSAGE_LENGTH ? `${safe.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : safe;
}
