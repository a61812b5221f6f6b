// Resilience: retry honouring Retry-After, per-user circuit breakers and quota budgets for outbound
// calls (built on cockatiel), and the sliding-window rate limit for the API's own callers.
export { retryPolicy, backoffDelayMs, MAX_RETRY_AFTER_MS } from './retry-policy.js';
export type { RetryPolicy, RetryPolicyOptions, RetryInfo } from './retry-policy.js';
export { parseRetryAfter, parseRetryAfterMessage } from './retry-after.js';
export { RetryDeferredError, isRetryDeferred } from './retry-deferred.js';
export type { RetryCarry } from './retry-deferred.js';
export { UserBreakers, DEFAULT_BREAKER_TIMINGS } from './user-breakers.js';
export type { BreakerReport, BreakerTimings } from './user-breakers.js';
export { judge, windowsAt } from './sliding-window.js';
export type { RateLimitPolicy, RateLimitVerdict } from './sliding-window.js';
export { QuotaLedger } from './quota-ledger.js';
export type { QuotaWindow } from './quota-ledger.js';
export { QuotaBudget } from './quota-budget.js';
export type { QuotaBudgetOptions, QuotaSpend } from './quota-budget.js';
