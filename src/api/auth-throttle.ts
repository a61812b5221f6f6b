import type { Clock } from '../domain/index.js';

export interface AuthThrottleOptions {
  /** Wrong tokens one client may present within `windowMs` before it is refused. */
  maxFailures: number;
  windowMs: number;
  /** Clients remembered at once; the stalest are forgotten first. */
  maxClients: number;
}

export const AUTH_THROTTLE_DEFAULTS: AuthThrottleOptions = { maxFailures: 10, windowMs: 60_000, maxClients: 10_000 };

/**
 * Slows token guessing: a client that presented `maxFailures` wrong tokens within the window is
 * refused until the oldest of them leaves it. Kept in memory: a restart forgets it, which an
 * attacker cannot cause, and a token is 256 random bits, so this bounds the rate, not the odds.
 */
export class AuthThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly options: AuthThrottleOptions = AUTH_THROTTLE_DEFAULTS,
  ) {}

  /** Seconds until this client may try again, or 0 when it may try now. */
  blockedFor(client: string): number {
    const recent = this.recent(client);
    if (recent.length < this.options.maxFailures) return 0;
    const oldest = recent[0] ?? this.clock.now().getTime();
    return Math.max(1, Math.ceil((oldest + this.options.windowMs - this.clock.now().getTime()) / 1000));
  }

  recordFailure(client: string): void {
    const recent = this.recent(client);
    recent.push(this.clock.now().getTime());
    if (recent.length > this.options.maxFailures) recent.splice(0, recent.length - this.options.maxFailures);
    this.failures.delete(client);
    this.failures.set(client, recent);
    if (this.failures.size > this.options.maxClients) {
      const stalest = this.failures.keys().next().value;
      if (stalest !== undefined) this.failures.delete(stalest);
    }
  }

  private recent(client: string): number[] {
    const since = this.clock.now().getTime() - this.options.windowMs;
    const recent = (this.failures.get(client) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.failures.delete(client);
    return recent;
  }
}
