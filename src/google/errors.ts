/**
 * Every failure the Google client reports. Messages name the operation and Google's reason but
 * never a token, code or secret: they are redacted before any message is built.
 */

export type GoogleErrorCode =
  | 'google_transient'
  | 'google_permanent'
  | 'google_unauthorized'
  | 'google_credentials_revoked'
  | 'google_history_expired'
  | 'google_sync_token_expired';

/**
 * Why a transient failure happened. `rate_limited` means Google refused the request before
 * acting on it, so even a non-idempotent call may be sent again; the others leave it unknown
 * whether Google acted.
 */
export type TransientKind = 'rate_limited' | 'server_error' | 'network' | 'timeout' | 'bad_response';

export interface GoogleFailure {
  /** e.g. `gmail.history.list`, `oauth.token`. */
  operation: string;
  /** Google's HTTP status, or null when no answer arrived. */
  status: number | null;
  /** Google's reason (`rateLimitExceeded`, `invalid_grant`, …) when it gave one. */
  reason: string | null;
}

export abstract class GoogleError extends Error {
  abstract readonly code: GoogleErrorCode;
  readonly operation: string;
  readonly status: number | null;
  readonly reason: string | null;

  constructor(failure: GoogleFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.operation = failure.operation;
    this.status = failure.status;
    this.reason = failure.reason;
  }
}

/** Worth retrying: rate limits, 5xx, network failures and timeouts. */
export class TransientGoogleError extends GoogleError {
  readonly code = 'google_transient';
  constructor(
    failure: GoogleFailure,
    readonly kind: TransientKind,
    /** The wait Google asked for (Retry-After or Gmail's "Retry after" hint), if any. */
    readonly retryAfterMs: number | null,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(failure, message, options);
    this.name = 'TransientGoogleError';
  }
}

/** Google refused the request for good (400, 403 without a rate limit, 404, …): do not repeat it. */
export class PermanentGoogleError extends GoogleError {
  readonly code = 'google_permanent';
  constructor(failure: GoogleFailure, message: string) {
    super(failure, message);
    this.name = 'PermanentGoogleError';
  }
}

/** Google rejected the access token again right after a refresh. */
export class GoogleUnauthorizedError extends GoogleError {
  readonly code = 'google_unauthorized';
  constructor(failure: GoogleFailure, message: string) {
    super(failure, message);
    this.name = 'GoogleUnauthorizedError';
  }
}

/** The token endpoint answered invalid_grant: the user must connect the Google account again. */
export class CredentialsRevokedError extends GoogleError {
  readonly code = 'google_credentials_revoked';
  constructor(failure: GoogleFailure, message: string) {
    super(failure, message);
    this.name = 'CredentialsRevokedError';
  }
}

/** Gmail no longer has history from the stored historyId: resync the mailbox in full. */
export class HistoryExpiredError extends GoogleError {
  readonly code = 'google_history_expired';
  constructor(failure: GoogleFailure, message: string) {
    super(failure, message);
    this.name = 'HistoryExpiredError';
  }
}

/** Calendar rejected the sync token (410 Gone): drop it and resync the calendar in full. */
export class SyncTokenExpiredError extends GoogleError {
  readonly code = 'google_sync_token_expired';
  constructor(failure: GoogleFailure, message: string) {
    super(failure, message);
    this.name = 'SyncTokenExpiredError';
  }
}

export function isGoogleError(error: unknown): error is GoogleError {
  return error instanceof GoogleError;
}

export function isTransientGoogleError(error: unknown): error is TransientGoogleError {
  return error instanceof TransientGoogleError;
}

/** True when Google refused before acting, so repeating even a create is safe. */
export function isRateLimitedGoogleError(error: unknown): error is TransientGoogleError {
  return error instanceof TransientGoogleError && error.kind === 'rate_limited';
}

export function isPermanentGoogleError(error: unknown): error is PermanentGoogleError {
  return error instanceof PermanentGoogleError;
}

export function isGoogleUnauthorizedError(error: unknown): error is GoogleUnauthorizedError {
  return error instanceof GoogleUnauthorizedError;
}

export function isCredentialsRevokedError(error: unknown): error is CredentialsRevokedError {
  return error instanceof CredentialsRevokedError;
}

export function isHistoryExpiredError(error: unknown): error is HistoryExpiredError {
  return error instanceof HistoryExpiredError;
}

export function isSyncTokenExpiredError(error: unknown): error is SyncTokenExpiredError {
  return error instanceof SyncTokenExpiredError;
}
