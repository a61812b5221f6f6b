import { retryPolicy, RetryDeferredError, type QuotaBudget, type QuotaSpend, type RetryCarry } from '../resilience/index.js';
import { errorFromResponse } from './classify.js';
import { isRateLimitedGoogleError, isTransientGoogleError, TransientGoogleError, type GoogleError } from './errors.js';
import { gmailQuotaUnits } from './gmail-quota.js';
import { sendOnce, type FetchFunction, type RawResponse } from './http.js';
import type { GoogleLogEvent } from './log.js';
import type { AccessTokenSource } from './token-source.js';

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface RetrySettings {
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Cap on a wait Google asks for; 5 minutes by default. */
  maxRetryAfterMs?: number;
  /** Multiplies real waits (tests use 0); logged delays stay unscaled. */
  timeScale?: number;
}

/**
 * How far a call may be repeated. `transient`: after any transient failure, for reads and for
 * writes whose repetition leaves the same end state. `rate_limited`: only after Google said it
 * refused the request (429, 403 rate limit), for creates that would otherwise happen twice.
 */
export type RetryMode = 'transient' | 'rate_limited';

export interface GoogleRequest {
  operation: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Appended to the API base URL; path segments already encoded. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  retry: RetryMode;
  /** Maps a status to a specific error (history 404, sync token 410) before the general rules. */
  special?: (status: number, reason: string | null) => GoogleError | null;
  /** A 404 after the first attempt means an earlier attempt already did the work (deletes). */
  notFoundOnRetryIsDone?: boolean;
}

export interface TransportOptions {
  /** https://www.googleapis.com, or the emulator's address. */
  apiBaseUrl: string;
  tokens: AccessTokenSource;
  /** 3 retries, 1 s base, 30 s cap by default. */
  retry?: RetrySettings;
  /** Deadline for each attempt, answer body included; 30 s by default. */
  timeoutMs?: number;
  fetch?: FetchFunction;
  /** Aborting it ends calls in flight and stops retrying (shutdown); such a call fails with no retry. */
  signal?: AbortSignal;
  log?: (event: GoogleLogEvent) => void;
  /** The clock that HTTP-date and RFC 3339 retry hints are measured against. */
  now?: () => Date;
  /**
   * Retry waits longer than this are not slept: the call fails at once with RetryDeferredError
   * (when to try again, retries spent), and the caller resumes later with `resumeRetries`, so a
   * long wait frees the caller's lane. Absent: every wait is slept. Only until a read of the
   * user's mail or events (PROGRESS_OPERATIONS) since the last `resumeRetries` has been answered:
   * a sync that has fetched data sleeps its waits, since resuming it later would start it over
   * and, with calls failing often enough, it would never finish.
   */
  deferRetriesOverMs?: number;
  /**
   * This user's Gmail quota: every Gmail request (each attempt, retries included) waits here
   * until its units fit. Absent: Gmail calls are not paced.
   */
  gmailBudget?: QuotaBudget;
}

/** Reads that fetch the user's mail or events: once one is answered, a sync has work it would redo if abandoned. */
const PROGRESS_OPERATIONS: ReadonlySet<string> = new Set(['gmail.messages.get', 'calendar.events.list']);

interface Call {
  attempts: number;
  refreshed: boolean;
  deferred: { attempt: number; retryAt: Date; error: unknown } | null;
}

/** Sends authorised JSON requests to Google, refreshing the token once on 401 and retrying per policy. */
export class GoogleTransport {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetch: FetchFunction;
  private readonly now: () => Date;
  private readonly log: (event: GoogleLogEvent) => void;
  /** Retries an operation spent before it was deferred: its next failure continues the count. */
  private carry: RetryCarry | null = null;
  /** Whether a long wait may still be deferred: no read of data answered since `resumeRetries`. */
  private deferring = true;

  constructor(private readonly options: TransportOptions) {
    this.baseUrl = options.apiBaseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? (() => {});
  }

  /** Resumes a deferred operation's retry count (null: a fresh count for every operation). */
  resumeRetries(carry: RetryCarry | null): void {
    this.carry = carry;
    this.deferring = true;
  }

  async request<T>(request: GoogleRequest): Promise<T> {
    const call: Call = { attempts: 0, refreshed: false, deferred: null };
    const retryable = request.retry === 'transient' ? isTransientGoogleError : isRateLimitedGoogleError;
    const threshold = this.options.deferRetriesOverMs;
    const carried = this.carry?.operation === request.operation ? this.carry.retriesSpent : 0;
    const policy = retryPolicy({
      ...this.options.retry,
      firstRetry: carried,
      defer: (info) => {
        if (threshold === undefined || !this.deferring || info.delayMs <= threshold) return false;
        call.deferred = { attempt: info.attempt, retryAt: new Date(this.now().getTime() + info.delayMs), error: info.error };
        return true;
      },
      // Only this request's own failures: a token source that failed has retried on its own.
      isRetryable: (error) => retryable(error) && error.operation === request.operation,
      retryAfterMs: (error) => (isTransientGoogleError(error) ? error.retryAfterMs : null),
      onRetry: ({ attempt, delayMs, error }) => {
        const failure = error instanceof TransientGoogleError ? error : null;
        this.log({
          type: 'retry',
          operation: request.operation,
          attempt,
          delayMs,
          kind: failure?.kind ?? null,
          status: failure?.status ?? null,
          reason: failure?.reason ?? null,
        });
      },
    });
    const result = await (this.options.signal ? policy.execute(() => this.attempt<T>(request, call), this.options.signal) : policy.execute(() => this.attempt<T>(request, call)));
    if (carried > 0) this.carry = null;
    if (PROGRESS_OPERATIONS.has(request.operation)) this.deferring = false;
    return result;
  }

  private async attempt<T>(request: GoogleRequest, call: Call): Promise<T> {
    if (call.deferred) {
      // The wait was skipped: hand the time back to the caller instead of sending now.
      const { attempt, retryAt, error } = call.deferred;
      throw new RetryDeferredError(request.operation, retryAt, attempt, { cause: error });
    }
    call.attempts += 1;
    const token = await this.options.tokens.current();
    const response = await this.send(request, token);
    if (response.status === 401 && !call.refreshed) {
      call.refreshed = true;
      this.log({ type: 'token_rejected', operation: request.operation });
      const fresh = await this.options.tokens.refresh(token);
      return this.result<T>(request, call, await this.send(request, fresh), fresh);
    }
    return this.result<T>(request, call, response, token);
  }

  private async send(request: GoogleRequest, token: string): Promise<RawResponse> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    // Taken after the token, right before the request leaves, so the budget's clock and Google's agree.
    const spend = await this.quota(request.operation);
    try {
      const response = await sendOnce(
        this.url(request),
        { method: request.method, headers, body: request.body === undefined ? undefined : JSON.stringify(request.body) },
        { operation: request.operation, fetch: this.fetch, timeoutMs: this.timeoutMs, ...(this.options.signal ? { signal: this.options.signal } : {}) },
      );
      this.log({
        type: 'response',
        operation: request.operation,
        method: request.method,
        status: response.status,
        durationMs: Math.round(response.durationMs),
      });
      return response;
    } catch (error) {
      if (error instanceof TransientGoogleError) {
        this.log({ type: 'no_response', operation: request.operation, method: request.method, kind: error.kind });
      }
      throw error;
    } finally {
      spend?.settle();
    }
  }

  /** Waits for the units a Gmail call costs; null for calls the budget does not count. */
  private async quota(operation: string): Promise<QuotaSpend | null> {
    const budget = this.options.gmailBudget;
    const units = budget ? gmailQuotaUnits(operation) : null;
    if (!budget || units === null) return null;
    const signal = this.options.signal;
    try {
      const spend = await budget.spend(units, signal);
      if (spend.waitedMs >= 1) this.log({ type: 'quota_wait', operation, units, waitedMs: Math.round(spend.waitedMs) });
      return spend;
    } catch (error) {
      if (signal?.aborted) throw new Error(`${operation}: stopped while waiting for Gmail quota`, { cause: error });
      throw error;
    }
  }

  private result<T>(request: GoogleRequest, call: { attempts: number }, response: RawResponse, token: string): T {
    const { status } = response;
    if (status >= 200 && status < 300) return parseBody<T>(request.operation, response);
    if (status === 404 && request.notFoundOnRetryIsDone && call.attempts > 1) return undefined as T;
    const context = { operation: request.operation, now: this.now(), secrets: [token] };
    const general = errorFromResponse(response, context);
    throw request.special?.(status, general.reason) ?? general;
  }

  private url(request: GoogleRequest): string {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue;
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') search.append(name, String(value));
      else for (const item of value) search.append(name, item);
    }
    const query = search.toString();
    return `${this.baseUrl}${request.path}${query ? `?${query}` : ''}`;
  }
}

/** Encodes one path segment (ids, calendar ids such as an e-mail address). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

function parseBody<T>(operation: string, response: RawResponse): T {
  if (response.text.trim() === '') return undefined as T;
  try {
    return JSON.parse(response.text) as T;
  } catch (error) {
    // A 2xx that is not JSON (a proxy page, a cut-off body): Google may have acted, so it is
    // transient but not `rate_limited`, and creates are not repeated.
    throw new TransientGoogleError({ operation, status: response.status, reason: null }, 'bad_response', null, `${operation}: Google's answer was not valid JSON`, {
      cause: error,
    });
  }
}
