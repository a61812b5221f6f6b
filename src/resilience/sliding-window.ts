/**
 * A sliding-window rate limit from two fixed-window counters: the requests of the current window,
 * plus the previous window's weighted by how much of it still overlaps the last `windowMs`.
 * Pure: the counts come from wherever they are kept (SkyTwin keeps them in the database).
 */
export interface RateLimitPolicy {
  limit: number;
  windowMs: number;
}

/** The fixed windows the instant `nowMs` falls in: where to count it, and the one before. */
export function windowsAt(nowMs: number, windowMs: number): { currentStartMs: number; previousStartMs: number } {
  const currentStartMs = Math.floor(nowMs / windowMs) * windowMs;
  return { currentStartMs, previousStartMs: currentStartMs - windowMs };
}

export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  /** Requests left before the limit, after this one. */
  remaining: number;
  /** Seconds until the current fixed window ends and its count starts to fade. */
  resetSeconds: number;
  /** Seconds until one more request would be allowed; 0 when it is now. */
  retryAfterSeconds: number;
}

/** Judges a request already counted: `current` includes it. */
export function judge(policy: RateLimitPolicy, nowMs: number, counts: { current: number; previous: number }): RateLimitVerdict {
  const { limit, windowMs } = policy;
  const { currentStartMs } = windowsAt(nowMs, windowMs);
  const elapsed = (nowMs - currentStartMs) / windowMs;
  const estimate = counts.previous * (1 - elapsed) + counts.current;
  const allowed = estimate <= limit;
  const untilWindowEndMs = currentStartMs + windowMs - nowMs;
  return {
    allowed,
    limit,
    remaining: Math.max(0, Math.floor(limit - estimate)),
    resetSeconds: Math.max(1, Math.ceil(untilWindowEndMs / 1000)),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(waitMs(policy, elapsed, counts) / 1000)),
  };
}

/** How long until the estimate, with no further requests, leaves room for one more. */
function waitMs({ limit, windowMs }: RateLimitPolicy, elapsed: number, { current, previous }: { current: number; previous: number }): number {
  const room = limit - 1;
  // Within this window only the previous window's share fades: previous * (1 - e) + current <= room.
  if (current <= room && previous > 0) {
    const needed = 1 - (room - current) / previous;
    if (needed < 1) return Math.max(0, needed - elapsed) * windowMs;
  }
  // Next window: this window's count becomes the fading one: current * (1 - e') <= room.
  const later = current > 0 ? Math.max(0, 1 - room / current) : 0;
  return (1 - elapsed + later) * windowMs;
}
