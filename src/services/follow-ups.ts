import { askedOnPhrase, followUpSignal, type EmailSignal } from '../domain/index.js';
import { attachNudge, findUserEmails, followUpsToNudge, inTransaction, type FollowUpDue } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { ingestSignals } from './ingest.js';
import { userTimeZone } from './time-zone.js';

/** Questions turned into nudges per sweep step; the rest wait for the next step. */
const NUDGES_PER_STEP = 50;

/**
 * The sweeper's step for follow-ups: each question nobody answered by its due time becomes a
 * decision of kind follow_up, through ingest and the whole pipeline, whose first candidate is a
 * nudge draft. Ingest's idempotency by external id (one per asked message) keeps a step that
 * runs twice, or after a crash between ingest and the link below, from proposing a nudge twice.
 * Returns how many nudge decisions this step created.
 */
export async function proposeDueFollowUps(deps: ServiceDeps): Promise<number> {
  const now = deps.clock.now();
  const due = await followUpsToNudge(deps.db, now, NUDGES_PER_STEP);
  if (due.length === 0) return 0;
  const emails = await findUserEmails(deps.db, [...new Set(due.map((item) => item.userId))]);
  const zones = new Map<string, string>();
  const items: FollowUpDue[] = [];
  const signals: EmailSignal[] = [];
  for (const item of due) {
    const email = emails.get(item.userId);
    if (email === undefined) continue;
    let zone = zones.get(item.userId);
    if (zone === undefined) {
      zone = await userTimeZone(deps, item.userId);
      zones.set(item.userId, zone);
    }
    items.push(item);
    signals.push(followUpSignal(item, email, askedOnPhrase(item.askedAt, now, zone)));
  }
  if (signals.length === 0) return 0;
  const results = await ingestSignals(deps, signals);
  await inTransaction(deps.db, async (trx) => {
    for (const [index, item] of items.entries()) {
      const decisionId = results[index]?.decisionId;
      if (decisionId) await attachNudge(trx, item, decisionId);
    }
  });
  return results.filter((result) => !result.duplicate).length;
}
