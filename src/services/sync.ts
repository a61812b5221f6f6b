import type { Kysely } from 'kysely';
import { errors } from '../errors/index.js';
import {
  confirmPollLease,
  inTransaction,
  findGoogleConnection,
  listGoogleConnections,
  listSyncStates,
  recordSyncReport,
  saveBreaker,
  saveGmailQuota,
  type GoogleConnectionRecord,
  type Schema,
} from '../store/index.js';
import type { BreakerReport } from '../resilience/index.js';
import type { ServiceDeps } from './deps.js';
import { announceUserEvents, recordUserEvents } from './user-events.js';
import type { Connection, SyncReport, SyncSource, SyncTarget } from '../contract/index.js';

// The wire shapes of the worker's sync routes; the service answers and takes exactly these.
export type { SyncSource, SyncTarget };

/** Every user with Google credentials, working or not; only those named when `only` is given. */
export async function syncTargets(deps: ServiceDeps, only?: readonly string[]): Promise<SyncTarget[]> {
  const wanted = only ? new Set(only) : null;
  const connections = (await listGoogleConnections(deps.db)).filter((connection) => !wanted || wanted.has(connection.userId));
  const states = await listSyncStates(deps.db);
  const byKey = new Map(states.map((s) => [`${s.userId}/${s.source}/${s.resource}`, s]));
  return connections.map((connection) => ({
    userId: connection.userId,
    status: connection.status,
    accountEmail: connection.accountEmail,
    connectedAt: connection.connectedAt.toISOString(),
    breaker: (connection.breaker as BreakerReport | null) ?? null,
    sources: sourcesOf(connection).map((source) => ({
      ...source,
      cursor: byKey.get(`${connection.userId}/${source.source}/${source.resource}`)?.cursor ?? null,
    })),
  }));
}

function sourcesOf(connection: GoogleConnectionRecord): Omit<SyncSource, 'cursor'>[] {
  return [{ source: 'gmail', resource: '' }, ...connection.calendars.map((id) => ({ source: 'calendar' as const, resource: id }))];
}

/** A worker's poll of one user, as PUT /api/internal/users/:userId/sync carries it. */
export type SyncReportInput = SyncReport;

/**
 * Records a worker's poll of one user. With a worker id, it lands only if that worker still holds
 * the user's poll lease, checked in the same transaction: a worker whose lease lapsed and passed
 * to another never moves the cursor back.
 */
export async function reportSync(deps: ServiceDeps, userId: string, input: SyncReportInput): Promise<void> {
  const connection = await findGoogleConnection(deps.db, userId);
  if (!connection) throw errors.notFound('Google connection for user', userId);
  await inTransaction(deps.db, async (trx) => {
    const at = deps.clock.now();
    if (input.workerId !== undefined && !(await confirmPollLease(trx, userId, input.workerId, at))) {
      throw errors.conflict('poll_lease_lost', `Worker ${input.workerId} no longer holds the poll lease of user ${userId}; its report was not recorded`);
    }
    await recordReport(trx, userId, input, at);
    const sources = input.sources.map((source) => ({ source: source.source, resource: source.resource, ok: source.ok }));
    await recordUserEvents(trx, [{ userId, kind: 'sync.changed', payload: { sources } }]);
  });
  announceUserEvents(deps, [userId]);
}

async function recordReport(db: Kysely<Schema>, userId: string, input: SyncReportInput, at: Date): Promise<void> {
  for (const source of input.sources) {
    await recordSyncReport(db, {
      userId,
      source: source.source,
      resource: source.resource,
      ok: source.ok,
      ...(source.cursor !== undefined ? { cursor: source.cursor } : {}),
      error: source.error ?? null,
      nextPollAt: source.nextPollAt ? new Date(source.nextPollAt) : null,
      at,
    });
  }
  if (input.breaker) await saveBreaker(db, userId, input.breaker, at);
  if (input.gmailQuota) await saveGmailQuota(db, userId, input.gmailQuota, at);
}

/** What a client may see of a connection: never the credentials. */
export function connectionView(connection: GoogleConnectionRecord): Connection {
  return {
    provider: 'google',
    status: connection.status,
    statusReason: connection.statusReason,
    accountEmail: connection.accountEmail,
    scopes: connection.scopes,
    calendars: connection.calendars,
    connectedAt: connection.connectedAt.toISOString(),
  };
}
