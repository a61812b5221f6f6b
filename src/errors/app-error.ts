/** An error a client can act on: a stable code, a readable message, an HTTP status where it crosses the API. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details: unknown[] = [],
    /** Response headers that belong to this answer, such as Retry-After. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export const errors = {
  badRequest: (message: string, details: unknown[] = []) => new AppError('bad_request', 400, message, details),
  validation: (message: string, details: unknown[] = []) => new AppError('validation_failed', 400, message, details),
  unauthorized: () =>
    new AppError('unauthorized', 401, 'Not signed in: open the dashboard through a sign-in link (`npx skytwin dashboard` prints one), or send Authorization: Bearer <token> with a valid API or user token'),
  sessionEnded: () =>
    new AppError('session_ended', 401, 'Your dashboard session has ended or is not valid: sign in again with a fresh link from `npx skytwin dashboard`'),
  tooManyFailedTokens: (retryAfterSeconds: number) =>
    new AppError('too_many_failed_tokens', 429, `Too many wrong tokens from this client: try again in ${retryAfterSeconds} s`, [], {
      'retry-after': String(retryAfterSeconds),
    }),
  rateLimited: (retryAfterSeconds: number, headers: Record<string, string>) =>
    new AppError('rate_limited', 429, `This user's token has made too many requests: try again in ${retryAfterSeconds} s`, [], {
      ...headers,
      'retry-after': String(retryAfterSeconds),
    }),
  crossOrigin: (origin: string) =>
    new AppError('cross_origin', 403, `A request from the page at ${origin} may not change anything here: SkyTwin accepts changes only from its own pages and from clients that send no Origin`),
  forbiddenHost: (host: string) =>
    new AppError('forbidden_host', 403, `Host ${JSON.stringify(host)} is not allowed: use 127.0.0.1, localhost or [::1] with the API port, or a host:port listed in SKYTWIN_API_ALLOWED_HOSTS`),
  notFound: (what: string, id: string) => new AppError('not_found', 404, `No ${what} ${id}`),
  conflict: (code: string, message: string) => new AppError(code, 409, message),
  payloadTooLarge: (limit: number) => new AppError('payload_too_large', 413, `The body is over ${limit} bytes`),
  unavailable: (message: string) => new AppError('not_ready', 503, message),
  googleNotConnected: (userId: string) =>
    new AppError('google_not_connected', 404, `No Google account is connected for user ${userId}: connect one with \`bin/skytwin connect google --user ${userId}\``),
  googleNeedsReconnect: (userId: string) =>
    new AppError('needs_reconnect', 409, `Google access for user ${userId} was revoked or expired; reconnect with \`bin/skytwin connect google --user ${userId}\``),
};

/** The user's Google account cannot be used (none connected, or access revoked): only the user can fix it. */
export function isGoogleConnectionError(error: unknown): error is AppError {
  return isAppError(error) && (error.code === 'google_not_connected' || error.code === 'needs_reconnect');
}
