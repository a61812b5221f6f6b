import { randomUUID } from 'node:crypto';
import type { Signal } from '../domain/index.js';
import type { GmailQuotaReport } from '../contract/index.js';
import { ApiRejectedError, WorkerStoppingError, type SourceReport, type SyncTarget, type WorkerApi } from './api-client.js';
import { batchSignals } from '../connectors/index.js';
import { isRetryDeferred, RetryDeferredError, type RetryCarry, type UserBreakers } from '../resilience/index.js';

/** How soon a newly connected user is noticed. */
const DISCOVERY_MS = 2_000;

/**
 * How long a claimed user stays this worker's without a renewal: two poll intervals, at most 30 s,
 * at least 1 s. Renewed every third of it, so two late renewals in a row still keep the users; a
 * dead worker's users wait at most this long (30 s by default, one default poll interval) before
 * another worker takes them.
 */
export function pollLeaseMs(pollIntervalMs: number): number {
  return Math.max(1_000, Math.min(2 * pollIntervalMs, 30_000));
}

/** A POST per 100 signals at most, as the API's own bench measures batches. */
const BATCH_LIMITS = { maxCount: 100, maxBytes: 2 * 1024 * 1024 };

export type SyncSourceRef = SyncTarget['sources'][number];

/** Fetches what is new in one source since its cursor; the worker posts the signals, then reports the cursor. */
export type SourceSyncer = ((input: {
  target: SyncTarget;
  source: SyncSourceRef;
  signal: AbortSignal;
  /** A retry deferred on an earlier poll of this source: its count goes on where it stopped. */
  resume?: RetryCarry | null;
}) => Promise<{ signals: Signal[]; cursor: string | null }>) & {
  /** The user's Gmail quota use in the current window, reported with each poll so the dashboard can show it. */
  quotaOf?: (userId: string) => GmailQuotaReport | null;
};

export interface WorkerOptions {
  api: WorkerApi;
  sync: SourceSyncer;
  breakers: UserBreakers;
  pollIntervalMs: number;
  /** Users polled at the same time. */
  concurrency: number;
  log: (line: string) => void;
  /** Aborting it stops the worker; share it with the WorkerApi so its waits end too. */
  controller?: AbortController;
  /** This process's id for its poll leases; random by default. */
  workerId?: string;
  /** How long a claimed user stays this worker's without renewal; pollLeaseMs(pollIntervalMs) by default. */
  leaseMs?: number;
  /** Called each time the poll loop comes round, a failed round included: the worker's sign of life. */
  onAlive?: () => void;
}

/**
 * The poll loop: every interval, ask the API whom to poll, poll each user through their
 * circuit breaker with bounded concurrency, post new signals, and report cursors only after the
 * API acknowledged the signals they cover. Stopping aborts waits and in-flight work without
 * advancing any cursor.
 */
export class Worker {
  private readonly controller: AbortController;
  private readonly connectedAt = new Map<string, string>();
  /** When each user's last poll started: each user is polled once per interval. */
  private readonly polledAt = new Map<string, number>();
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** Sources whose retry wait gave up its lane: when to poll them again, and the retries spent. */
  private readonly deferred = new Map<string, { at: number; carry: RetryCarry }>();
  /** Users claimed for the polls under way (queued or running): renewals keep their leases. */
  private readonly busy = new Set<string>();
  private renewing: Promise<void> | null = null;
  readonly workerId: string;
  readonly leaseMs: number;

  constructor(private readonly options: WorkerOptions) {
    this.controller = options.controller ?? new AbortController();
    this.workerId = options.workerId ?? randomUUID();
    this.leaseMs = options.leaseMs ?? pollLeaseMs(options.pollIntervalMs);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops taking work, waits for in-flight polls to finish or abandon, and gives its leases back. */
  async stop(): Promise<void> {
    this.controller.abort();
    this.wake?.();
    await this.loop;
    await this.renewing;
    try {
      const released = await this.options.api.release(this.workerId);
      if (released > 0) this.options.log(`worker ${this.workerId} gave back the poll leases of ${released} users`);
    } catch (error) {
      this.options.log(`worker ${this.workerId} could not give back its poll leases (${describe(error)}); they lapse within ${this.leaseMs} ms`);
    }
  }

  /** Polls every user this worker holds (claiming its share first) now, due or not; tests drive the worker step by step with it. */
  async cycle(): Promise<void> {
    await this.pollAll(await this.claim());
  }

  /**
   * Claims this worker's share of the users and renews its leases; only these may be polled. A
   * renewal still in flight is waited for first: sent with an older list of busy users, it could
   * otherwise give back a user this round is about to poll.
   */
  private async claim(): Promise<SyncTarget[]> {
    await this.renewing;
    return this.options.api.claim(this.workerId, this.leaseMs, [...this.busy]);
  }

  /** Renews the leases while a long round of polls runs; one renewal at a time. */
  private renew(): void {
    if (this.renewing || this.signal.aborted) return;
    this.renewing = this.options.api
      .claim(this.workerId, this.leaseMs, [...this.busy])
      .then(
        () => undefined,
        (error: unknown) => {
          if (!(error instanceof WorkerStoppingError)) this.options.log(`could not renew the poll leases: ${describe(error)}`);
        },
      )
      .finally(() => {
        this.renewing = null;
      });
  }

  /** Polls the held targets whose interval has passed, and any user seen for the first time. */
  private async tick(): Promise<void> {
    const now = Date.now();
    const retrying = new Set<string>();
    const due = (await this.claim()).filter((target) => {
      const last = this.polledAt.get(target.userId);
      if (last === undefined || now - last >= this.options.pollIntervalMs || this.connectedAt.get(target.userId) !== target.connectedAt) return true;
      // Not due, but a deferred retry is: poll only that source.
      if (!target.sources.some((source) => (this.deferred.get(sourceKey(target.userId, source))?.at ?? Number.POSITIVE_INFINITY) <= now)) return false;
      retrying.add(target.userId);
      return true;
    });
    await this.pollAll(due, retrying);
  }

  /** `retrying`: users polled only for their deferred retries that are due. */
  private async pollAll(targets: SyncTarget[], retrying: ReadonlySet<string> = new Set()): Promise<void> {
    const queue = [...targets];
    for (const target of queue) this.busy.add(target.userId);
    const renewal = setInterval(() => this.renew(), Math.max(100, Math.floor(this.leaseMs / 3)));
    try {
      const lanes = Array.from({ length: Math.max(1, Math.min(this.options.concurrency, queue.length)) }, async () => {
        for (let target = queue.shift(); target && !this.signal.aborted; target = queue.shift()) {
          try {
            await this.pollTarget(target, retrying.has(target.userId));
          } finally {
            this.busy.delete(target.userId);
          }
        }
      });
      await Promise.all(lanes);
    } finally {
      clearInterval(renewal);
      for (const target of targets) this.busy.delete(target.userId);
    }
  }

  private async run(): Promise<void> {
    // Ticks are short so a newly connected user is picked up within seconds; each user is
    // still polled once per interval.
    const tickMs = Math.min(this.options.pollIntervalMs, DISCOVERY_MS);
    while (!this.signal.aborted) {
      const started = Date.now();
      this.options.onAlive?.();
      try {
        await this.tick();
      } catch (error) {
        if (error instanceof WorkerStoppingError || this.signal.aborted) break;
        this.options.log(`poll cycle failed: ${describe(error)}`);
      }
      await this.pause(Math.max(0, tickMs - (Date.now() - started)));
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async pollTarget(target: SyncTarget, retryingOnly = false): Promise<void> {
    const { breakers, api } = this.options;
    if (!retryingOnly) this.polledAt.set(target.userId, Date.now());
    const seen = this.connectedAt.get(target.userId);
    if (seen === undefined) breakers.restore(target.userId, target.breaker);
    else if (seen !== target.connectedAt) breakers.reset(target.userId);
    this.connectedAt.set(target.userId, target.connectedAt);

    let reports: SourceReport[] = [];
    try {
      await breakers.run(target.userId, async () => {
        reports = await this.pollSources(target, retryingOnly);
        const unfinished = reports.filter((report) => !report.ok);
        const failed = unfinished.filter((report) => !this.deferred.has(sourceKey(target.userId, report)));
        if (failed.length > 0) throw new Error(failed.map((report) => `${report.source}${report.resource ? ` ${report.resource}` : ''}: ${report.error}`).join('; '));
        // Only sources waiting to retry: the cycle has neither failed nor succeeded yet, and the breaker counts neither.
        const waiting = unfinished.map((report) => this.deferred.get(sourceKey(target.userId, report)));
        if (unfinished.length > 0 && unfinished.length === reports.length && waiting[0]) {
          throw new RetryDeferredError(waiting[0].carry.operation, new Date(waiting[0].at), waiting[0].carry.retriesSpent);
        }
      });
    } catch (error) {
      if (error instanceof WorkerStoppingError || this.signal.aborted) return;
      if (isRetryDeferred(error)) return this.finishPoll(target, reports);
      this.options.log(`poll of user ${target.userId} failed: ${describe(error)}`);
    }
    await this.finishPoll(target, reports);
  }

  /** Reports a poll: each source's outcome, when it is polled next, and the breaker. */
  private async finishPoll(target: SyncTarget, reports: SourceReport[]): Promise<void> {
    const { breakers, api } = this.options;
    if (this.signal.aborted) return;
    const breaker = breakers.report(target.userId);
    const nextPollAt = breaker.openUntil ?? new Date(Date.now() + this.options.pollIntervalMs).toISOString();
    try {
      const gmailQuota = this.options.sync.quotaOf?.(target.userId) ?? null;
      await api.report(target.userId, {
        sources: reports.map((report) => ({ ...report, nextPollAt: report.nextPollAt ?? nextPollAt })),
        breaker,
        workerId: this.workerId,
        ...(gmailQuota ? { gmailQuota } : {}),
      });
    } catch (error) {
      if (error instanceof ApiRejectedError && error.code === 'poll_lease_lost') {
        // Another worker holds the user now; its cursor stands, and this poll's signals were duplicates at worst.
        this.options.log(`user ${target.userId}: the poll lease passed to another worker; this poll's cursor was not recorded`);
      } else if (!(error instanceof WorkerStoppingError)) this.options.log(`could not report the sync of user ${target.userId}: ${describe(error)}`);
    }
  }

  /** Each source on its own: one failing source does not hold back the others' cursors. */
  private async pollSources(target: SyncTarget, retryingOnly = false): Promise<SourceReport[]> {
    if (target.status !== 'connected') {
      // Google already refused this user's credentials: count the cycle as failed without calling it.
      return target.sources.map((source) => ({ ...source, ok: false, error: 'Google access needs reconnecting', nextPollAt: null }));
    }
    const reports: SourceReport[] = [];
    const now = Date.now();
    for (const source of target.sources) {
      if (this.signal.aborted) throw new WorkerStoppingError();
      const key = sourceKey(target.userId, source);
      const waiting = this.deferred.get(key);
      if (waiting ? waiting.at > now : retryingOnly) continue;
      this.deferred.delete(key);
      try {
        const result = await this.options.sync({ target, source, signal: this.signal, resume: waiting?.carry ?? null });
        for (const batch of batchSignals(result.signals, BATCH_LIMITS)) await this.options.api.ingest(batch);
        if (result.signals.length > 0) {
          this.options.log(`user ${target.userId} ${source.source}${source.resource ? ` ${source.resource}` : ''}: ${result.signals.length} signals stored`);
        }
        reports.push({ source: source.source, resource: source.resource, ok: true, cursor: result.cursor, nextPollAt: null });
      } catch (error) {
        if (error instanceof WorkerStoppingError || this.signal.aborted) throw new WorkerStoppingError();
        if (isRetryDeferred(error)) {
          // A long retry wait is not slept in the lane: the next user gets it, and this source is polled again when the wait is over.
          this.deferred.set(key, { at: error.retryAt.getTime(), carry: { operation: error.operation, retriesSpent: error.retriesSpent } });
          this.options.log(
            `user ${target.userId} ${source.source}${source.resource ? ` ${source.resource}` : ''}: retry ${error.retriesSpent} of ${error.operation} at ${error.retryAt.toISOString()}; the lane goes to the next user meanwhile`,
          );
          reports.push({ source: source.source, resource: source.resource, ok: false, error: `waiting to retry ${error.operation} at ${error.retryAt.toISOString()}`, nextPollAt: error.retryAt.toISOString() });
          continue;
        }
        reports.push({ source: source.source, resource: source.resource, ok: false, error: describe(error), nextPollAt: null });
      }
    }
    return reports;
  }
}

function sourceKey(userId: string, source: { source: string; resource: string }): string {
  return `${userId}/${source.source}/${source.resource}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
