/** One entry of `error.errors[]` in a Google JSON error body. */
export interface GoogleErrorItem {
  message: string;
  domain: string;
  reason: string;
  location?: string;
  locationType?: string;
}

export interface GoogleErrorBody {
  error: { code: number; message: string; errors: GoogleErrorItem[]; status: string };
}

/** The canonical status Google's front end pairs with each HTTP code. */
const STATUS_BY_CODE: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  410: 'FAILED_PRECONDITION',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export const statusForCode = (code: number): string => STATUS_BY_CODE[code] ?? (code >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION');

/** The WWW-Authenticate value Google sends with a 401 for a bad bearer token. */
export const INVALID_TOKEN_CHALLENGE = 'Bearer realm="https://accounts.google.com/", error="invalid_token"';

/** Thrown by route code; the server turns it into Google's body, status and headers. */
export class GoogleError extends Error {
  readonly headers: Record<string, string>;
  readonly item: GoogleErrorItem;
  readonly status: string;

  constructor(
    readonly code: number,
    reason: string,
    message: string,
    options: { domain?: string; status?: string; location?: string; locationType?: string; itemMessage?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.item = { message: options.itemMessage ?? message, domain: options.domain ?? 'global', reason };
    if (options.location !== undefined) this.item.location = options.location;
    if (options.locationType !== undefined) this.item.locationType = options.locationType;
    this.status = options.status ?? statusForCode(code);
    this.headers = options.headers ?? {};
  }

  toBody(): GoogleErrorBody {
    return { error: { code: this.code, message: this.message, errors: [this.item], status: this.status } };
  }
}

export const isGoogleError = (value: unknown): value is GoogleError => value instanceof GoogleError;

export type ApiFamily = 'gmail' | 'calendar';

export const googleErrors = {
  authError: (): GoogleError =>
    new GoogleError(
      401,
      'authError',
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      { itemMessage: 'Invalid Credentials', location: 'Authorization', locationType: 'header', headers: { 'www-authenticate': INVALID_TOKEN_CHALLENGE } },
    ),
  notFound: (family: ApiFamily): GoogleError =>
    family === 'gmail' ? new GoogleError(404, 'notFound', 'Requested entity was not found.') : new GoogleError(404, 'notFound', 'Not Found'),
  /** A bad parameter: Gmail says invalidArgument, Calendar says invalid. */
  invalid: (family: ApiFamily, message: string, location?: string): GoogleError =>
    new GoogleError(400, family === 'gmail' ? 'invalidArgument' : 'invalid', message, location !== undefined ? { location, locationType: 'parameter' } : {}),
  badRequest: (message: string): GoogleError => new GoogleError(400, 'badRequest', message),
  parseError: (): GoogleError => new GoogleError(400, 'parseError', 'Invalid JSON payload received.', { itemMessage: 'Parse Error' }),
  fullSyncRequired: (): GoogleError =>
    new GoogleError(410, 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.', {
      domain: 'calendar',
      location: 'syncToken',
      locationType: 'parameter',
    }),
  duplicateLabel: (): GoogleError => new GoogleError(409, 'aborted', 'Label name exists or conflicts'),
  insufficientPermissions: (): GoogleError =>
    new GoogleError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.', { itemMessage: 'Insufficient Permission' }),
  /** 429 as Google's front end sends it. */
  tooManyRequests: (): GoogleError =>
    new GoogleError(429, 'rateLimitExceeded', 'Resource has been exhausted (e.g. check quota).', { status: 'RESOURCE_EXHAUSTED' }),
  rateLimitExceeded: (): GoogleError => new GoogleError(403, 'rateLimitExceeded', 'Rate Limit Exceeded', { domain: 'usageLimits' }),
  /** Gmail over a user's quota units per minute: 429 with a Retry-After in seconds. */
  quotaExceeded: (retryAfterSeconds: number): GoogleError => {
    const message =
      "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user' of service 'gmail.googleapis.com' for consumer 'project_number:000000000000'.";
    return new GoogleError(429, 'rateLimitExceeded', message, {
      domain: 'usageLimits',
      status: 'RESOURCE_EXHAUSTED',
      headers: { 'retry-after': String(retryAfterSeconds) },
    });
  },
  /** Gmail names the moment to retry inside the message; Calendar does not. */
  userRateLimitExceeded: (family: ApiFamily, retryAt: Date): GoogleError =>
    new GoogleError(
      403,
      'userRateLimitExceeded',
      family === 'gmail' ? `User-rate limit exceeded.  Retry after ${retryAt.toISOString()}` : 'User Rate Limit Exceeded',
      { domain: 'usageLimits' },
    ),
  backendError: (code: number): GoogleError => new GoogleError(code, 'backendError', 'Backend Error'),
};

/** The body a fault answers with when the test gave a status but no body. */
export function defaultFaultError(code: number, family: ApiFamily, reason: string | undefined, now: Date): GoogleError {
  switch (reason ?? defaultReason(code)) {
    case 'authError':
      return googleErrors.authError();
    case 'notFound':
      return googleErrors.notFound(family);
    case 'fullSyncRequired':
      return googleErrors.fullSyncRequired();
    case 'insufficientPermissions':
      return googleErrors.insufficientPermissions();
    case 'rateLimitExceeded':
      return code === 429 ? googleErrors.tooManyRequests() : googleErrors.rateLimitExceeded();
    case 'userRateLimitExceeded':
      return googleErrors.userRateLimitExceeded(family, new Date(now.getTime() + 60_000));
    case 'backendError':
      return googleErrors.backendError(code);
    default:
      return new GoogleError(code, reason ?? 'badRequest', code >= 500 ? 'Backend Error' : 'Bad Request');
  }
}

function defaultReason(code: number): string {
  if (code === 401) return 'authError';
  if (code === 403) return 'rateLimitExceeded';
  if (code === 404) return 'notFound';
  if (code === 410) return 'fullSyncRequired';
  if (code === 429) return 'rateLimitExceeded';
  if (code >= 500) return 'backendError';
  return code === 400 ? 'badRequest' : 'failedPrecondition';
}

/** The token endpoint's own error shape: `{error, error_description}`. */
export class OAuthError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }

  toBody(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.description };
  }
}

export const oauthErrors = {
  missing: (name: string): OAuthError => new OAuthError(400, 'invalid_request', `Missing required parameter: ${name}`),
  revoked: (): OAuthError => new OAuthError(400, 'invalid_grant', 'Token has been expired or revoked.'),
  badCode: (): OAuthError => new OAuthError(400, 'invalid_grant', 'Malformed auth code.'),
  badVerifier: (): OAuthError => new OAuthError(400, 'invalid_grant', 'Invalid code verifier.'),
  redirectMismatch: (): OAuthError => new OAuthError(400, 'redirect_uri_mismatch', 'Bad Request'),
  unsupportedGrant: (grant: string): OAuthError => new OAuthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grant}`),
};

/** Default token-endpoint body for an injected status. */
export function defaultOAuthFault(code: number): OAuthError {
  if (code === 400) return oauthErrors.revoked();
  if (code === 401) return new OAuthError(401, 'invalid_client', 'The OAuth client was not found.');
  if (code === 429) return new OAuthError(429, 'rate_limit_exceeded', 'Rate limit exceeded.');
  if (code >= 500) return new OAuthError(code, 'internal_failure', 'Backend Error');
  return new OAuthError(code, 'invalid_request', 'Bad Request');
}
