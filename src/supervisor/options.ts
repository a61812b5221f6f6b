import { isLoopbackUrl } from './readiness.js';
import type { ProcessSpec, RestartOptions, SupervisorOptions } from './types.js';

/** Restart cap and backoff: 5 restarts per rolling 5 minutes, 250 ms doubling to 2 s (well under 5 s). */
export const DEFAULT_RESTART: Readonly<RestartOptions> = {
  maxRestarts: 5,
  windowMs: 5 * 60_000,
  delayMs: 250,
  maxDelayMs: 2_000,
};

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
export const DEFAULT_READY_POLL_INTERVAL_MS = 200;

/** Options the bin script built wrongly; a programming error, not a user's. */
export class SupervisorOptionsError extends Error {
  readonly code = 'invalid_supervisor_options';
  constructor(message: string) {
    super(message);
    this.name = 'SupervisorOptionsError';
  }
}

export interface ResolvedOptions {
  dataDir: string;
  migrate: ProcessSpec | null;
  processes: ProcessSpec[];
  restart: RestartOptions;
  stdout: NodeJS.WritableStream;
  onReady: () => void;
  signal: AbortSignal | undefined;
  handleSignals: boolean;
  shutdownTimeoutMs: number;
  readyPollIntervalMs: number;
}

// Names become file names (run/<name>.pid, logs/<name>.log), so keep them plain.
const NAME = /^[a-z0-9][a-z0-9_-]*$/i;

export function resolveOptions(options: SupervisorOptions): ResolvedOptions {
  const specs = options.migrate ? [options.migrate, ...options.processes] : options.processes;
  const seen = new Set<string>();
  for (const spec of specs) {
    if (!NAME.test(spec.name)) {
      throw new SupervisorOptionsError(`process name ${JSON.stringify(spec.name)}: expected letters, digits, - or _`);
    }
    if (spec.name === 'supervisor' || seen.has(spec.name)) {
      throw new SupervisorOptionsError(`process name ${JSON.stringify(spec.name)} is used twice or reserved`);
    }
    seen.add(spec.name);
    if (spec.readyUrl !== undefined && !isLoopbackUrl(spec.readyUrl)) {
      throw new SupervisorOptionsError(`readyUrl of ${spec.name}: expected an http URL on 127.0.0.1, ::1 or localhost`);
    }
  }
  const restart: RestartOptions = { ...DEFAULT_RESTART, ...options.restart };
  if (!(restart.maxRestarts >= 0 && restart.windowMs > 0 && restart.delayMs >= 0 && restart.maxDelayMs >= restart.delayMs)) {
    throw new SupervisorOptionsError(`restart options out of range: ${JSON.stringify(restart)}`);
  }
  return {
    dataDir: options.dataDir,
    migrate: options.migrate,
    processes: options.processes,
    restart,
    stdout: options.stdout ?? process.stdout,
    onReady: options.onReady ?? (() => {}),
    signal: options.signal,
    handleSignals: options.handleSignals ?? true,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS,
    readyPollIntervalMs: options.readyPollIntervalMs ?? DEFAULT_READY_POLL_INTERVAL_MS,
  };
}
