import { circuitBreaker, CircuitState, ConsecutiveBreaker, ExponentialBackoff, handleWhen, noJitterGenerator, BrokenCircuitError, type CircuitBreakerPolicy } from 'cockatiel';
import { isRetryDeferred } from './retry-deferred.js';

/** A user's breaker as the worker reports it to the API, and takes it back after a restart. */
export interface BreakerReport {
  state: 'closed' | 'open' | 'half_open';
  consecutiveFailures: number;
  openUntil: string | null;
  /** Opaque: what `restore` needs. */
  snapshot: unknown;
}

export interface BreakerTimings {
  /** Failed poll cycles in a row that open a user's breaker. */
  threshold: number;
  /** First time a user is skipped; doubled while failures continue, up to `maxOpenMs`. */
  baseOpenMs: number;
  maxOpenMs: number;
}

export const DEFAULT_BREAKER_TIMINGS: BreakerTimings = { threshold: 3, baseOpenMs: 5 * 60_000, maxOpenMs: 20 * 60_000 };

interface Entry {
  policy: CircuitBreakerPolicy;
  /** Failed cycles in a row, probes included; zero after a success. */
  failures: number;
}

interface OwnState {
  value?: number;
  openedAt?: number;
  attemptNo?: number;
}

/**
 * One circuit breaker per user, so an account that keeps failing is skipped (5, 10, then 20
 * minutes while it keeps failing, with one probe cycle after each wait) without slowing anyone
 * else. State round-trips through `report`/`restore`, so a restarted worker keeps skipping.
 */
export class UserBreakers {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly timings: BreakerTimings = DEFAULT_BREAKER_TIMINGS,
    private readonly warn: (line: string) => void = () => undefined,
  ) {}

  /** Runs one poll cycle through the user's breaker; a cycle fails by throwing. */
  async run(userId: string, cycle: () => Promise<void>): Promise<'ran' | 'skipped'> {
    const entry = this.entry(userId);
    try {
      await entry.policy.execute(cycle);
      entry.failures = 0;
      return 'ran';
    } catch (error) {
      if (error instanceof BrokenCircuitError) return 'skipped';
      // A cycle that deferred its retries neither failed nor succeeded yet.
      if (isRetryDeferred(error)) throw error;
      entry.failures += 1;
      throw error;
    }
  }

  report(userId: string): BreakerReport {
    const entry = this.entry(userId);
    const snapshot = entry.policy.toJSON();
    const until = this.openUntil(snapshot);
    const state = entry.policy.state;
    return {
      state: state === CircuitState.HalfOpen ? 'half_open' : until !== null ? 'open' : 'closed',
      consecutiveFailures: entry.failures,
      openUntil: until === null ? null : new Date(until).toISOString(),
      snapshot: { policy: snapshot, failures: entry.failures },
    };
  }

  /** Takes back a state reported before a restart; ignored when the user is known already. */
  restore(userId: string, report: BreakerReport | null): void {
    if (this.entries.has(userId) || !report) return;
    const snapshot = report.snapshot as { policy?: unknown; failures?: unknown } | null;
    if (!snapshot || typeof snapshot !== 'object' || !snapshot.policy) return;
    const entry = this.create(userId, snapshot.policy);
    entry.failures = typeof snapshot.failures === 'number' ? snapshot.failures : 0;
  }

  /** New credentials: start the user afresh. */
  reset(userId: string): void {
    this.entries.delete(userId);
  }

  /** When an open breaker lets its next probe through, from cockatiel's own snapshot. */
  private openUntil(snapshot: unknown): number | null {
    const own = (snapshot as { ownState?: OwnState } | null)?.ownState;
    if (!own || own.value !== CircuitState.Open || !own.openedAt || !own.attemptNo) return null;
    return own.openedAt + Math.min(this.timings.maxOpenMs, this.timings.baseOpenMs * 2 ** (own.attemptNo - 1));
  }

  private entry(userId: string): Entry {
    return this.entries.get(userId) ?? this.create(userId, undefined);
  }

  private create(userId: string, initialState: unknown): Entry {
    const policy = circuitBreaker(handleWhen((error) => !isRetryDeferred(error)), {
      breaker: new ConsecutiveBreaker(this.timings.threshold),
      halfOpenAfter: new ExponentialBackoff({ initialDelay: this.timings.baseOpenMs, maxDelay: this.timings.maxOpenMs, generator: noJitterGenerator }),
      ...(initialState ? { initialState } : {}),
    });
    const entry: Entry = { policy, failures: 0 };
    policy.onBreak(() => {
      const until = this.openUntil(policy.toJSON());
      const wait = until === null ? '' : `; skipping it until ${new Date(until).toISOString()}`;
      this.warn(`circuit breaker opened for user ${userId} after ${entry.failures + 1} failed poll cycles in a row${wait}`);
    });
    policy.onReset(() => this.warn(`circuit breaker closed for user ${userId}: polling it again`));
    this.entries.set(userId, entry);
    return entry;
  }
}
