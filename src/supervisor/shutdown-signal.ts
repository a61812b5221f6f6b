export interface ShutdownRequest {
  /** Aborts on the first SIGTERM/SIGINT or when the caller's signal aborts. */
  readonly stop: AbortSignal;
  /** Aborts on a second request: skip the grace period and SIGKILL. */
  readonly force: AbortSignal;
  /** Why we stopped, once we have. */
  reason(): string | undefined;
  dispose(): void;
}

/** Turns process signals and an optional AbortSignal into one shutdown request. */
export function listenForShutdown(external: AbortSignal | undefined, handleSignals: boolean): ShutdownRequest {
  const stop = new AbortController();
  const force = new AbortController();
  let why: string | undefined;
  const request = (reason: string) => {
    if (stop.signal.aborted) {
      force.abort();
      return;
    }
    why = reason;
    stop.abort();
  };
  const onSignal = (signal: NodeJS.Signals) => request(signal);
  const onExternal = () => request('stop requested');
  if (handleSignals) {
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }
  if (external?.aborted) onExternal();
  else external?.addEventListener('abort', onExternal, { once: true });
  return {
    stop: stop.signal,
    force: force.signal,
    reason: () => why,
    dispose() {
      if (handleSignals) {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
      }
      external?.removeEventListener('abort', onExternal);
    },
  };
}
