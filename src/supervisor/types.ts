/** One program the supervisor runs; `name` also names its pid file and its log file. */
export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  /** Added to the supervisor's own environment. */
  env?: Record<string, string>;
  cwd?: string;
  /** Polled (loopback only) until it answers 200, e.g. http://127.0.0.1:3100/api/health/ready. */
  readyUrl?: string;
}

export interface RestartOptions {
  /** Restarts allowed within `windowMs`; the crash after that gives up on the process. */
  maxRestarts: number;
  windowMs: number;
  /** Delay before restarting after a crash that ended a stable run (or the first crash): usually none. */
  firstDelayMs: number;
  /** Delay before the second restart of quick crashes in a row; it doubles per further one, up to `maxDelayMs`. */
  delayMs: number;
  maxDelayMs: number;
  /** A run at least this long counts as stable: the next crash starts the delay over at `delayMs`. */
  stableMs: number;
}

export interface SupervisorOptions {
  dataDir: string;
  /** Run once to completion before anything starts; a non-zero exit stops start-up. */
  migrate: ProcessSpec | null;
  processes: ProcessSpec[];
  restart?: Partial<RestartOptions>;
  /** Where prefixed lines go; defaults to process.stdout. */
  stdout?: NodeJS.WritableStream;
  /** Called once, when every process with a readyUrl has answered 200 (at once if none has one). */
  onReady?: () => void;
  /** Aborting it shuts down as SIGTERM would. */
  signal?: AbortSignal;
  /** Listen for SIGTERM/SIGINT on this process; default true (tests running in-process turn it off). */
  handleSignals?: boolean;
  /** Grace between SIGTERM and SIGKILL at shutdown; default 10 s. */
  shutdownTimeoutMs?: number;
  /** Readiness poll interval; default 200 ms. */
  readyPollIntervalMs?: number;
}
