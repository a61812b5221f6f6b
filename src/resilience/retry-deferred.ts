/**
 * A retry whose wait was too long to sleep where it was: the call gave up its place (a worker
 * lane) instead, and the caller tries again at `retryAt`, resuming the count of retries already
 * spent so the whole still makes the policy's retries and waits.
 */
export class RetryDeferredError extends Error {
  readonly code = 'retry_deferred';
  constructor(
    readonly operation: string,
    readonly retryAt: Date,
    /** Retries of this operation used so far, the deferred one included. */
    readonly retriesSpent: number,
    options?: { cause?: unknown },
  ) {
    super(`${operation}: retry ${retriesSpent} deferred to ${retryAt.toISOString()}`, options);
    this.name = 'RetryDeferredError';
  }
}

export function isRetryDeferred(error: unknown): error is RetryDeferredError {
  return error instanceof RetryDeferredError;
}

/** Where a deferred operation resumes: its name and the retries it has spent. */
export interface RetryCarry {
  operation: string;
  retriesSpent: number;
}
