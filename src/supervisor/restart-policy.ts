import type { RestartOptions } from './types.js';

export type RestartDecision =
  | { kind: 'restart'; /** 1-based count of crashes inside the window, this one included. */ attempt: number; delayMs: number }
  | { kind: 'give-up'; crashes: number };

export interface RestartVerdict {
  decision: RestartDecision;
  /** Crash times still inside the window, this one included; feed them to the next call. */
  crashTimes: number[];
}

/**
 * Decides what to do about a crash at `nowMs` given the earlier crash times. Pure: the caller owns
 * the clock, so the rolling window can be tested with made-up timestamps.
 */
export function decideRestart(crashTimes: readonly number[], nowMs: number, options: RestartOptions): RestartVerdict {
  const recent = crashTimes.filter((at) => nowMs - at < options.windowMs);
  recent.push(nowMs);
  const crashes = recent.length;
  if (crashes > options.maxRestarts) return { decision: { kind: 'give-up', crashes }, crashTimes: recent };
  return { decision: { kind: 'restart', attempt: crashes, delayMs: backoffDelay(crashes, options) }, crashTimes: recent };
}

/** Doubles per crash in the window so a crash loop slows down, but never past `maxDelayMs`. */
export function backoffDelay(attempt: number, options: Pick<RestartOptions, 'delayMs' | 'maxDelayMs'>): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(options.delayMs * 2 ** exponent, options.maxDelayMs);
}

/** "5 min", "30 s", "250 ms": for log lines about the window. */
export function formatDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 1_000 && ms % 1_000 === 0) return `${ms / 1_000} s`;
  return `${ms} ms`;
}
