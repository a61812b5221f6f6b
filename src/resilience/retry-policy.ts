import { DelegateBackoff, handleWhen, retry, type IRetryBackoffContext, type RetryPolicy } from 'cockatiel';

/** The longest server-requested wait honoured by default; a longer Retry-After is cut to this. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  /** The wait before this retry, as decided by the policy (before any `timeScale`). */
  delayMs: number;
  error: unknown;
}

export interface RetryPolicyOptions {
  /** Retries after the first attempt; 3 means at most 4 calls. */
  maxRetries?: number;
  baseDelayMs?: number;
  /** Cap on the exponential backoff; it does not limit server-requested waits. */
  maxDelayMs?: number;
  /** Cap on server-requested waits (Retry-After), 5 minutes by default. */
  maxRetryAfterMs?: number;
  isRetryable(error: unknown): boolean;
  /** A wait the server asked for, in ms, or null to use the backoff. */
  retryAfterMs?(error: unknown): number | null;
  /** Called once per retry, before the wait; must not throw. */
  onRetry?(info: RetryInfo): void;
  /**
   * Retries already spent on this operation by earlier calls (a deferred retry resuming): the
   * next retry is number `firstRetry + 1`, with its wait, and the total stays `maxRetries`.
   */
  firstRetry?: number;
  /** Asked before each wait; true skips the wait (the caller then stops and resumes later). */
  defer?(info: RetryInfo): boolean;
  /**
   * Multiplies every real wait; 1 by default. Tests pass 0 so retries happen at once while
   * `onRetry` still reports the waits production would use.
   */
  timeScale?: number;
}

export type { RetryPolicy };

/**
 * A cockatiel retry policy: exponential backoff from `baseDelayMs` (1 s, 2 s, 4 s, …) capped at
 * `maxDelayMs`, except that a server-requested wait is used as given, up to `maxRetryAfterMs`.
 * Errors that `isRetryable` rejects surface at once.
 */
export function retryPolicy(options: RetryPolicyOptions): RetryPolicy {
  const maxRetries = wholeNumber('maxRetries', options.maxRetries ?? 3);
  const baseDelayMs = wholeNumber('baseDelayMs', options.baseDelayMs ?? 1000);
  const maxDelayMs = wholeNumber('maxDelayMs', options.maxDelayMs ?? 30_000);
  const maxRetryAfterMs = wholeNumber('maxRetryAfterMs', options.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS);
  const timeScale = options.timeScale ?? 1;
  const firstRetry = Math.min(wholeNumber('firstRetry', options.firstRetry ?? 0), maxRetries);
  if (!(timeScale >= 0) || !Number.isFinite(timeScale)) throw new RangeError(`timeScale must be a finite number >= 0, got ${timeScale}`);

  // Cockatiel asks the backoff for a duration only when it has decided to retry, so this is
  // the one place that knows both the attempt and the error being retried.
  const backoff = new DelegateBackoff<IRetryBackoffContext<unknown>>((context) => {
    const error: unknown = 'error' in context.result ? context.result.error : context.result.value;
    const attempt = context.attempt + firstRetry;
    const requested = options.retryAfterMs?.(error) ?? null;
    const delayMs =
      requested !== null && Number.isFinite(requested)
        ? Math.min(Math.max(0, Math.round(requested)), maxRetryAfterMs)
        : backoffDelayMs(attempt, baseDelayMs, maxDelayMs);
    const info = { attempt, delayMs, error };
    options.onRetry?.(info);
    return options.defer?.(info) ? 0 : delayMs * timeScale;
  });

  return retry(
    handleWhen((error) => options.isRetryable(error)),
    { maxAttempts: maxRetries - firstRetry, backoff },
  );
}

/** The exponential wait before retry number `attempt` (1-based). */
export function backoffDelayMs(attempt: number, baseDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

function wholeNumber(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number >= 0, got ${value}`);
  return value;
}
