/**
 * Gmail's per-user quota, in the one table both SkyTwin's client and the emulator charge from.
 * Google counts every request against a per-user limit of quota units per minute (6,000 for
 * projects created since 1 May 2026, 15,000 for older ones); each method costs a fixed number of
 * units. Methods missing here (Calendar, the token endpoint) are not counted in units.
 */
export const GMAIL_QUOTA_UNITS: Readonly<Record<string, number>> = {
  'drafts.create': 10,
  'drafts.delete': 10,
  'drafts.get': 5,
  'drafts.list': 5,
  'drafts.send': 100,
  'drafts.update': 15,
  getProfile: 1,
  'history.list': 2,
  'labels.create': 5,
  'labels.delete': 5,
  'labels.get': 1,
  'labels.list': 1,
  'labels.update': 5,
  'messages.attachments.get': 5,
  'messages.batchModify': 50,
  'messages.delete': 10,
  // 5 in Gmail's older table; 20 for the projects the 6,000-unit limit applies to. Counting it
  // high costs pace at worst, counting it low costs 429s.
  'messages.get': 20,
  'messages.list': 5,
  'messages.modify': 5,
  'messages.send': 100,
  'messages.trash': 5,
  'messages.untrash': 5,
  'threads.get': 10,
  'threads.list': 10,
};

/** Gmail's per-user limit for projects created since 1 May 2026, and SkyTwin's default. */
export const GMAIL_UNITS_PER_MINUTE = 6_000;

/** The window Gmail's per-user limit is counted over. */
export const GMAIL_QUOTA_WINDOW_MS = 60_000;

/**
 * The units one call costs, by SkyTwin's operation name (`gmail.messages.get`) or the emulator's
 * endpoint name (`gmail.users.getProfile`); null for a call that is not a Gmail method.
 */
export function gmailQuotaUnits(operation: string): number | null {
  if (!operation.startsWith('gmail.')) return null;
  const method = operation.slice('gmail.'.length).replace(/^users\./, '');
  return Object.hasOwn(GMAIL_QUOTA_UNITS, method) ? (GMAIL_QUOTA_UNITS[method] ?? null) : null;
}

/** The share of a user's Gmail quota the API process's executor spends; the worker has the rest. */
export const EXECUTOR_QUOTA_SHARE = 0.1;

/**
 * Two processes spend one user's quota: the worker (sync: list, get, history) and the API's
 * executor (modify, drafts). Each keeps its own budget, so the quota is split between them: the
 * executor's actions are few and small, so it gets a tenth and the worker the rest, and together
 * they never spend more than the whole.
 */
export function splitGmailQuota(unitsPerMinute: number): { worker: number; executor: number } {
  const executor = Math.max(1, Math.floor(unitsPerMinute * EXECUTOR_QUOTA_SHARE));
  return { worker: Math.max(1, unitsPerMinute - executor), executor };
}
