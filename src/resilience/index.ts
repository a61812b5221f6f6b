// Resilience for every outbound call SkyTwin makes: retry with backoff that honours Retry-After,
// and per-user circuit breakers. Built on cockatiel; nothing else in SkyTwin writes its own.
export { retryPolicy, backoffDelayMs, MAX_RETRY_AFTER_MS } from './retry-policy.js';
export type { RetryPolicy, RetryPolicyOptions, RetryInfo } from './retry-policy.js';
export { parseRetryAfter, parseRetryAfterMessage } from './retry-after.js';
export { UserBreakers, DEFAULT_BREAKER_TIMINGS } from './user-breakers.js';
export type { BreakerReport, BreakerTimings } from './user-breakers.js';
