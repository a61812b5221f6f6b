// SkyTwin's one adapter to Google: Gmail v1, Calendar v3 and the OAuth token endpoint over fetch,
// with every answer classified (transient, permanent, expired cursor, revoked) and retried per policy.
export { GoogleClient } from './client.js';
export type { GoogleClientOptions } from './client.js';
export type { GmailApi, ListMessagesParams, GetMessageParams, ListHistoryParams, ListDraftsParams } from './gmail.js';
export type { CalendarApi, ListCalendarsParams, ListEventsParams, PatchEventOptions } from './calendar.js';
export type { RetrySettings } from './transport.js';
export { GMAIL_QUOTA_UNITS, GMAIL_QUOTA_WINDOW_MS, GMAIL_UNITS_PER_MINUTE, EXECUTOR_QUOTA_SHARE, gmailQuotaUnits, splitGmailQuota } from './gmail-quota.js';
export type { FetchFunction } from './http.js';
export type { GoogleLogEvent } from './log.js';
export { singleFlightTokens } from './token-source.js';
export type { AccessTokenSource, IssuedToken, SingleFlightOptions } from './token-source.js';
export { OAuthClient, GOOGLE_AUTH_URL, GOOGLE_TOKEN_URL } from './oauth.js';
export type { OAuthClientOptions, ConsentRequest, GrantedTokens, RefreshedToken } from './oauth.js';
export { createPkcePair, pkceChallenge } from './pkce.js';
export type { PkcePair } from './pkce.js';
export { GOOGLE_SCOPES, SKYTWIN_GOOGLE_SCOPES } from './scopes.js';
export {
  GoogleError,
  TransientGoogleError,
  PermanentGoogleError,
  GoogleUnauthorizedError,
  CredentialsRevokedError,
  HistoryExpiredError,
  SyncTokenExpiredError,
  isGoogleError,
  isTransientGoogleError,
  isRateLimitedGoogleError,
  isPermanentGoogleError,
  isGoogleUnauthorizedError,
  isCredentialsRevokedError,
  isHistoryExpiredError,
  isSyncTokenExpiredError,
} from './errors.js';
export type { GoogleErrorCode, GoogleFailure, TransientKind } from './errors.js';
export type * from './types.js';
