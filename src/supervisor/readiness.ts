import { setTimeout as sleep } from 'node:timers/promises';

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

/** Readiness is only ever polled on this machine; the URL comes from settings, so check it. */
export function isLoopbackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  return LOOPBACK_HOSTS.has(parsed.hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(parsed.hostname);
}

export interface ReadinessPollOptions {
  intervalMs: number;
  /** Stops polling, e.g. when the process exits; the promise then resolves false. */
  signal: AbortSignal;
  requestTimeoutMs?: number;
}

/** Resolves true once the URL answers 200; refused connections and 503s just mean "not yet". */
export async function waitUntilReady(url: string, options: ReadinessPollOptions): Promise<boolean> {
  const requestTimeoutMs = options.requestTimeoutMs ?? 2_000;
  while (!options.signal.aborted) {
    try {
      const response = await fetch(url, {
        signal: AbortSignal.any([options.signal, AbortSignal.timeout(requestTimeoutMs)]),
        redirect: 'manual',
      });
      // Drain the body so the connection goes back to the pool.
      await response.arrayBuffer().catch(() => undefined);
      if (response.status === 200) return !options.signal.aborted;
    } catch {
      // not listening yet, or timed out
    }
    try {
      await sleep(options.intervalMs, undefined, { signal: options.signal });
    } catch {
      return false;
    }
  }
  return false;
}
