import type { SourceSyncViewT, SyncView } from '../contract/index.js';
import { errors } from '../errors/index.js';
import type { BreakerReport } from '../resilience/index.js';
import { findGoogleConnection, findUser, listSyncStates, loadGmailQuota, type GoogleConnectionRecord, type SyncStateRecord } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { connectionView } from './sync.js';

/** "30 s", "4 min", "3 h", "2 d". */
function ago(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}

/** The worker's error text in words a person can read. */
export function plainSyncError(raw: string): string {
  const retry = /^waiting to retry (.+) at (\S+)$/.exec(raw);
  if (retry) return 'Google asked SkyTwin to slow down; it tries again shortly';
  if (/needs reconnecting/i.test(raw)) return 'Google access was revoked or expired: reconnect Google';
  const status = /\b(\d{3})\b/.exec(raw)?.[1];
  if (status === '429') return 'Google said too many requests; SkyTwin is pacing itself';
  if (status && status.startsWith('5')) return `Google had a server error (${status}); SkyTwin retries on its own`;
  if (/timed? ?out|ETIMEDOUT|aborted/i.test(raw)) return 'Google did not answer in time; SkyTwin retries on its own';
  if (/ECONNREFUSED|ENOTFOUND|fetch failed|network/i.test(raw)) return 'Could not reach Google; SkyTwin retries on its own';
  return raw;
}

/** `GET /api/users/:userId/sync`: per source how fresh it is, what went wrong last, the breaker and the Gmail quota. */
export async function readSyncView(deps: ServiceDeps, userId: string): Promise<SyncView> {
  if (!(await findUser(deps.db, userId))) throw errors.notFound('user', userId);
  const connection = await findGoogleConnection(deps.db, userId);
  const now = deps.clock.now();
  if (!connection) {
    return { userId, connection: null, breaker: null, quota: null, sources: [], summary: 'Google is not connected.', needsAttention: true };
  }
  const states = new Map((await listSyncStates(deps.db, userId)).map((s) => [`${s.source}/${s.resource}`, s]));
  const report = (connection.breaker as BreakerReport | null) ?? null;
  const breaker = {
    state: report?.state ?? 'closed',
    consecutiveFailures: report?.consecutiveFailures ?? 0,
    openUntil: report?.openUntil ?? null,
    nextProbeAt: report?.state === 'open' ? (report.openUntil ?? null) : null,
  } as const;
  const paused = connection.status === 'needs_reconnect' || breaker.state === 'open';
  const sources = sourcesOf(connection).map((source) => sourceView(source, states.get(`${source.source}/${source.resource}`), now, paused));
  const quota = await loadGmailQuota(deps.db, userId);
  const quotaView = quota
    ? {
        // A report older than its window says nothing is being spent now.
        usedUnits: now.getTime() - new Date(quota.reportedAt).getTime() > quota.windowMs ? 0 : quota.usedUnits,
        limitUnits: quota.limitUnits,
        windowSeconds: Math.max(1, Math.round(quota.windowMs / 1000)),
        reportedAt: quota.reportedAt,
      }
    : null;
  return {
    userId,
    connection: connectionView(connection),
    breaker,
    quota: quotaView,
    sources,
    summary: summaryOf(connection, breaker, sources, now),
    needsAttention: paused || sources.some((s) => s.status === 'failing'),
  };
}

function sourcesOf(connection: GoogleConnectionRecord): { source: 'gmail' | 'calendar'; resource: string }[] {
  return [{ source: 'gmail', resource: '' }, ...connection.calendars.map((id) => ({ source: 'calendar' as const, resource: id }))];
}

function sourceView(source: { source: 'gmail' | 'calendar'; resource: string }, state: SyncStateRecord | undefined, now: Date, paused: boolean): SourceSyncViewT {
  const lastSuccess = state?.lastSuccessAt ?? null;
  const lastAttempt = state?.lastAttemptAt ?? null;
  // A success clears the error, so an error still held is the last attempt's.
  const failingNow = Boolean(state?.lastError);
  const status: SourceSyncViewT['status'] = paused ? 'paused' : failingNow ? 'failing' : lastSuccess === null ? 'pending' : 'ok';
  return {
    source: source.source,
    resource: source.resource || null,
    label: source.source === 'gmail' ? 'Gmail' : source.resource === 'primary' || source.resource === '' ? 'Calendar' : `Calendar (${source.resource})`,
    lastSuccessAt: lastSuccess?.toISOString() ?? null,
    lastAttemptAt: lastAttempt?.toISOString() ?? null,
    lastError: state?.lastError ? plainSyncError(state.lastError) : null,
    lastErrorAt: state?.lastError ? (lastAttempt?.toISOString() ?? null) : null,
    lastErrorDetail: state?.lastError ?? null,
    hasCursor: Boolean(state?.cursor),
    cursorAgeSeconds: state?.cursorAt ? Math.max(0, Math.round((now.getTime() - state.cursorAt.getTime()) / 1000)) : null,
    nextPollAt: state?.nextPollAt?.toISOString() ?? null,
    status,
  };
}

function summaryOf(connection: GoogleConnectionRecord, breaker: { state: string; nextProbeAt: string | null }, sources: SourceSyncViewT[], now: Date): string {
  if (connection.status === 'needs_reconnect') return 'Reconnect Google — access was revoked or expired.';
  const lines = sources.map((s) => {
    if (s.status === 'failing') return `${s.label} failing: ${s.lastError ?? 'unknown error'}`;
    if (s.lastSuccessAt === null) return `${s.label} not synced yet`;
    const seconds = Math.max(0, Math.round((now.getTime() - new Date(s.lastSuccessAt).getTime()) / 1000));
    return `${s.label} synced ${seconds < 10 ? 'just now' : `${ago(seconds)} ago`}`;
  });
  if (breaker.state === 'open') {
    const wait = breaker.nextProbeAt ? Math.max(0, Math.round((new Date(breaker.nextProbeAt).getTime() - now.getTime()) / 1000)) : null;
    lines.unshift(`Paused after repeated Google errors${wait === null ? '' : `; next try in ${ago(wait)}`}`);
  }
  return lines.join(' · ');
}
