import { isLoopbackUrl } from './readiness.js';
import type { ProcessSpec, RestartOptions, SupervisorOptions } from './types.js';

/**
 * Restart cap and backoff: 5 restarts per rolling 5 minutes; the first crash in a row is restarted
 * at once, the second after 100 ms, doubling per further quick crash up to 15 s; after 30 s of
 * uptime the next crash counts as a first again.
 */
export const DEFAULT_RESTART: Readonly<RestartOptions> = {
  maxRestarts: 5,
  windowMs: 5 * 60_000,
  firstDelayMs: 0,
  delayMs: 100,
  maxDelayMs: 15_000,
  stableMs: 30_000,
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
  if (!(restart.maxRestarts >= 0 && restart.windowMs > 0 && restart.firstDelayMs >= 0 && restart.delayMs >= 0 && restart.maxDelayMs >= restart.delayMs && restart.stableMs >= 0)) {
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
