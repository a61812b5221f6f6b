import {
  GoogleTokenBody,
  IngestAnswerBody,
  PollLeaseGrantBody,
  PollLeaseReleasedBody,
  SentMailAnswerBody,
  SyncTargetsBody,
  type GoogleTokenRequest,
  type IngestRequest,
  type PollLeaseClaim,
  type PollLeaseRelease,
  type SourceReport,
  type SyncReport,
  type SyncTarget,
} from '../contract/index.js';
import { mailRole, type Signal } from '../domain/index.js';
import { backoffDelayMs, parseRetryAfter } from '../resilience/index.js';
import { answerOf } from './answers.js';

const isSentMail = (signal: Signal): boolean => mailRole(signal) === 'sent';

// The wire shapes are the HTTP contract's: what the worker sends is typed by it, and what the API
// answers is checked against it.
export type { SourceReport, SyncReport, SyncTarget };

/** An answer from SkyTwin's API that retrying will not change (4xx but 408/429). */
export class ApiRejectedError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class WorkerStoppingError extends Error {
  readonly code = 'worker_stopping';
  constructor() {
    super('the worker is stopping');
  }
}

export interface WorkerApiOptions {
  baseUrl: string;
  token: string;
  /** Aborted when the worker stops: waits end and no new request starts. */
  signal: AbortSignal;
  timeoutMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  log?: (line: string) => void;
}

/**
 * The worker's only door to the database: SkyTwin's own API, with the owner token. A restarting
 * API (refused connections, 503, timeouts) is waited out with capped exponential backoff for as
 * long as the worker runs, so a batch of signals is never dropped; only stopping ends the wait,
 * and then no cursor moves.
 */
export class WorkerApi {
  private readonly timeoutMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  /** Until the API first answers, it is starting up (the supervisor starts both at once): say so once, calmly. */
  private answered = false;
  private saidWaiting = false;

  constructor(private readonly options: WorkerApiOptions) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.baseDelayMs = options.baseDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
  }

  async targets(): Promise<SyncTarget[]> {
    return answerOf(SyncTargetsBody, await this.call('GET', '/api/internal/sync-targets'), 'the sync targets').targets;
  }

  /** A current access token; `rejected` is one Google just refused, so the API refreshes. */
  async accessToken(userId: string, rejected?: string): Promise<{ token: string; expiresAt: Date }> {
    const request: GoogleTokenRequest = rejected ? { rejected } : {};
    const body = answerOf(GoogleTokenBody, await this.call('POST', `/api/internal/users/${userId}/google-token`, request), 'a token request');
    return { token: body.accessToken, expiresAt: new Date(body.expiresAt) };
  }

  /**
   * Posts signals and resolves once the API has stored them (duplicates included). The user's own
   * sent mail goes first, to be read for follow-ups: an answer in the same batch then closes them.
   */
  async ingest(all: Signal[]): Promise<number> {
    const sent = all.filter(isSentMail);
    if (sent.length > 0) answerOf(SentMailAnswerBody, await this.call('POST', '/api/events/sent-mail', { signals: sent }), 'a sent-mail report');
    const signals = sent.length === 0 ? all : all.filter((signal) => !isSentMail(signal));
    if (signals.length === 0) return sent.length;
    const request: IngestRequest = { signals };
    const body = answerOf(IngestAnswerBody, await this.call('POST', '/api/events/ingest', request), 'an ingest');
    if (body.results.length !== signals.length) throw new Error(`the API acknowledged ${body.results.length} of ${signals.length} signals`);
    return sent.length + body.results.length;
  }

  /**
   * Claims this worker's share of the users and renews the leases it holds; answers the users it
   * now holds, the only ones it may poll. `busy` are users it is polling: it keeps them.
   */
  async claim(workerId: string, leaseMs: number, busy: readonly string[]): Promise<SyncTarget[]> {
    const request: PollLeaseClaim = { workerId, leaseMs, busy: [...busy] };
    return answerOf(PollLeaseGrantBody, await this.call('POST', '/api/internal/sync-leases', request), 'a lease claim').targets;
  }

  /**
   * Gives this worker's leases back so others take its users at once. Called while stopping, so
   * it makes one short attempt of its own: if it fails, the leases simply lapse.
   */
  async release(workerId: string): Promise<number> {
    const response = await fetch(`${this.options.baseUrl}/api/internal/sync-leases/release`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.options.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ workerId } satisfies PollLeaseRelease),
      signal: AbortSignal.timeout(Math.min(this.timeoutMs, 2_000)),
    });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw new Error(`the API answered ${response.status} to a lease release`);
    return answerOf(PollLeaseReleasedBody, body, 'a lease release').released;
  }

  /** Refused with ApiRejectedError `poll_lease_lost` when `workerId` no longer holds the user's lease. */
  async report(userId: string, report: SyncReport): Promise<void> {
    await this.call('PUT', `/api/internal/users/${userId}/sync`, report);
  }

  /** One line when the wait starts; a reminder with the cause every tenth attempt, should it never end. */
  private sayWaiting(attempt: number, cause: string): void {
    if (!this.saidWaiting) this.options.log?.(`waiting for the API at ${this.options.baseUrl}`);
    else if (attempt % 10 === 0) this.options.log?.(`still waiting for the API at ${this.options.baseUrl} (${cause}, attempt ${attempt})`);
    this.saidWaiting = true;
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      if (this.options.signal.aborted) throw new WorkerStoppingError();
      let retryAfterMs: number | null = null;
      try {
        const response = await fetch(`${this.options.baseUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${this.options.token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.any([this.options.signal, AbortSignal.timeout(this.timeoutMs)]),
        });
        const text = await response.text();
        const parsed: unknown = text ? safeJson(text) : null;
        if (response.ok) {
          if (!this.answered && this.saidWaiting) this.options.log?.(`the API at ${this.options.baseUrl} is up`);
          this.answered = true;
          return parsed;
        }
        const error = (parsed as { error?: { code?: string; message?: string } } | null)?.error;
        if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
          throw new ApiRejectedError(response.status, error?.code ?? 'rejected', error?.message ?? `${method} ${path} answered ${response.status}`);
        }
        retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), new Date());
        // 503 while the API connects and migrates its database is part of starting up.
        if (this.answered || response.status !== 503) this.options.log?.(`api ${method} ${path} answered ${response.status}; retrying (attempt ${attempt})`);
        else this.sayWaiting(attempt, `answered ${response.status}`);
      } catch (error) {
        if (error instanceof ApiRejectedError) throw error;
        if (this.options.signal.aborted) throw new WorkerStoppingError();
        if (this.answered) this.options.log?.(`api ${method} ${path} unreachable (${describe(error)}); retrying (attempt ${attempt})`);
        else this.sayWaiting(attempt, describe(error));
      }
      const backoff = backoffDelayMs(Math.min(attempt, 20), this.baseDelayMs, this.maxDelayMs);
      await sleep(retryAfterMs ?? backoff, this.options.signal);
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? error.name ?? error.message;
  }
  return String(error);
}

/** Resolves after `ms`, or rejects at once with WorkerStoppingError when the worker stops. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new WorkerStoppingError());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new WorkerStoppingError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
