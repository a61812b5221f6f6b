// Facts about mail that several pipeline steps need to agree on.

/**
 * Free-mail providers: one domain holds millions of unrelated people, so sharing it says nothing
 * about working together, and a preference learned for it would spread one sender's habit to all.
 */
export const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'mail.com',
  'fastmail.com',
  'hey.com',
  'zoho.com',
  'yandex.ru',
  'qq.com',
  '163.com',
]);

function countField(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  // A single address or a comma-separated list still counts per address.
  if (typeof value === 'string') return value.split(',').filter((part) => part.trim() !== '').length;
  return 0;
}

/** Recipients of an outgoing mail: parameters.to + cc + bcc, however they were written. */
export function countRecipients(parameters: Record<string, unknown>): number {
  return countField(parameters['to']) + countField(parameters['cc']) + countField(parameters['bcc']);
}
