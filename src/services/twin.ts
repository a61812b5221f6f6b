import type { Domain } from '../domain/index.js';
import { DOMAINS, isValidPreferenceKey, removePreference, setExplicitPreference } from '../domain/index.js';
import { errors } from '../errors/index.js';
import { inTransaction, insertFeedback, loadTwin, saveTwin, twinHistory } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { announceUserEvents, recordUserEvents } from './user-events.js';
import { temporalSummary } from './temporal.js';

export async function readTwin(deps: ServiceDeps, userId: string) {
  const twin = await loadTwin(deps.db, userId);
  return { ...twin, history: await twinHistory(deps.db, userId, 20), temporalProfile: await temporalSummary(deps, userId) };
}

/** The user states a preference: explicit, strongest evidence, a new twin version. */
export async function restatePreference(deps: ServiceDeps, userId: string, key: string, value: string) {
  const domain = domainOfKey(key);
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const before = await loadTwin(trx, userId);
    const result = explicit(() => setExplicitPreference(before, key, domain, value, now));
    const feedbackId = deps.ids.next();
    await insertFeedback(trx, { id: feedbackId, userId, decisionId: null, kind: 'restate', payload: { key, value }, twinVersion: result.twin.version, now });
    await saveTwin(trx, { before, after: result.twin, reason: `you set ${key} to ${value}`, changes: result.changes, feedbackId, now });
    await recordUserEvents(trx, [{ userId, kind: 'twin.changed', payload: { version: result.twin.version, key } }]);
    return { preference: result.twin.preferences.find((p) => p.key === key) ?? null, version: result.twin.version };
  }).then((saved) => {
    announceUserEvents(deps, [userId]);
    return saved;
  });
}

export async function deletePreference(deps: ServiceDeps, userId: string, key: string) {
  domainOfKey(key);
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const before = await loadTwin(trx, userId);
    if (!before.preferences.some((p) => p.key === key)) throw errors.notFound('preference', key);
    const result = removePreference(before, key, now);
    await saveTwin(trx, { before, after: result.twin, reason: `you removed ${key}`, changes: result.changes, feedbackId: null, now });
    await recordUserEvents(trx, [{ userId, kind: 'twin.changed', payload: { version: result.twin.version, key } }]);
    return { version: result.twin.version };
  }).then((saved) => {
    announceUserEvents(deps, [userId]);
    return saved;
  });
}

/** The twin refuses values it cannot hold with a RangeError: that is the user's input, so a 400. */
function explicit<T>(change: () => T): T {
  try {
    return change();
  } catch (error) {
    if (error instanceof RangeError) throw errors.validation(error.message, [{ field: 'value', message: error.message }]);
    throw error;
  }
}

function domainOfKey(key: string): Domain {
  const domain = DOMAINS.find((d) => key.startsWith(`${d}.`));
  if (!domain || !isValidPreferenceKey(key)) {
    throw errors.validation(`"${key}" is not a preference key`, [
      { field: 'key', message: 'expected <domain>.<kind>[:<value>], e.g. email.sender:news@acme.com (domains: email, calendar, finance)' },
    ]);
  }
  return domain;
}
