import type { RestartOptions } from './types.js';

/** What the policy remembers about one process between its crashes. */
export interface RestartHistory {
  /** Crash times still inside the window, oldest first (the caller's monotonic clock). */
  readonly crashTimes: readonly number[];
  /** Crashes in a row, each after less than `stableMs` of uptime; 0 before the first crash. */
  readonly streak: number;
}

export const NO_CRASHES: RestartHistory = { crashTimes: [], streak: 0 };

/** One exit the supervisor did not ask for: when it happened and when that run had started. */
export interface Crash {
  atMs: number;
  startedAtMs: number;
}

export type RestartDecision =
  | {
      kind: 'restart';
      /** 1-based count of crashes inside the window, this one included. */
      crashesInWindow: number;
      /** 1-based count of quick crashes in a row; the delay grows with it. */
      streak: number;
      delayMs: number;
    }
  | { kind: 'give-up'; crashes: number };

export interface RestartVerdict {
  decision: RestartDecision;
  /** Feed it to the next call. */
  history: RestartHistory;
}

/**
 * Decides what to do about a crash. Two rules, as PM2 and systemd have them: a cap (more than
 * `maxRestarts` crashes within `windowMs` gives up), and a delay that grows with each quick crash
 * in a row and starts over once a run has lasted `stableMs`. The first crash in a row is restarted
 * after `firstDelayMs` (none by default): a process that ran well is wanted back at once, and one
 * that keeps failing is slowed from its second quick crash on. Pure: the caller owns the clock.
 */
export function decideRestart(history: RestartHistory, crash: Crash, options: RestartOptions): RestartVerdict {
  const crashTimes = history.crashTimes.filter((at) => crash.atMs - at < options.windowMs);
  crashTimes.push(crash.atMs);
  const stable = crash.atMs - crash.startedAtMs >= options.stableMs;
  const streak = stable ? 1 : history.streak + 1;
  const next: RestartHistory = { crashTimes, streak };
  const crashes = crashTimes.length;
  if (crashes > options.maxRestarts) return { decision: { kind: 'give-up', crashes }, history: next };
  return { decision: { kind: 'restart', crashesInWindow: crashes, streak, delayMs: backoffDelay(streak, options) }, history: next };
}

/** `firstDelayMs` for the first crash in a row, `delayMs` for the second, doubling per further one, never past `maxDelayMs`. */
export function backoffDelay(streak: number, options: Pick<RestartOptions, 'firstDelayMs' | 'delayMs' | 'maxDelayMs'>): number {
  if (streak <= 1) return Math.min(options.firstDelayMs, options.maxDelayMs);
  const exponent = Math.min(streak - 2, 30);
  return Math.min(options.delayMs * 2 ** exponent, options.maxDelayMs);
}

/** "5 min", "30 s", "250 ms": for log lines about the window and the delay. */
export function formatDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 1_000 && ms % 1_000 === 0) return `${ms / 1_000} s`;
  return `${ms} ms`;
}
