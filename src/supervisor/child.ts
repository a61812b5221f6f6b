import type { LineSink } from './log-sink.js';
import { removePidFile, writePidFile } from './pid-files.js';
import { waitUntilReady } from './readiness.js';
import { decideRestart, formatDuration, NO_CRASHES, type RestartHistory } from './restart-policy.js';
import { describeExit, spawnProcess, stopProcess, type RunningProcess } from './spawn-process.js';
import type { ProcessSpec, RestartOptions } from './types.js';

export type ChildState = 'idle' | 'running' | 'backing-off' | 'failed' | 'stopped';

export interface SupervisedChildOptions {
  spec: ProcessSpec;
  pidFile: string;
  /** The child's own output. */
  output: LineSink;
  /** The supervisor's lines about this child. */
  log: (message: string) => void;
  restart: RestartOptions;
  readyPollIntervalMs: number;
  onReady: (name: string) => void;
  /** Called when the restart cap is hit and the child is left dead. */
  onGaveUp: (name: string) => void;
  /** Monotonic milliseconds; injectable for tests. */
  now?: () => number;
  /** Where delayed restarts wait; injectable so tests can hold a restart pending. */
  timers?: RestartTimers;
}

export interface RestartTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: RestartTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * One supervised process across its restarts: spawns it, keeps its pid file current, restarts it
 * after any exit the supervisor did not ask for, and gives up when the restart policy says so.
 */
export class SupervisedChild {
  private current: RunningProcess | undefined;
  private readiness: AbortController | undefined;
  private restartTimer: unknown;
  private history: RestartHistory = NO_CRASHES;
  private startedAt = 0;
  private stopping = false;
  private stateValue: ChildState = 'idle';

  constructor(private readonly options: SupervisedChildOptions) {}

  get name(): string {
    return this.options.spec.name;
  }

  get state(): ChildState {
    return this.stateValue;
  }

  get pid(): number | undefined {
    return this.current?.pid;
  }

  start(): void {
    if (this.stateValue !== 'idle') throw new Error(`${this.name} was already started`);
    this.spawn();
  }

  /** Stops for good: no more restarts; SIGTERM, then SIGKILL after `graceMs` or once `force` aborts. */
  async stop(graceMs: number, force: AbortSignal): Promise<void> {
    this.stopping = true;
    if (this.restartTimer !== undefined) {
      this.timers.clear(this.restartTimer);
      this.restartTimer = undefined;
      this.options.log(`cancelled the pending restart of ${this.name}`);
    }
    this.readiness?.abort();
    const running = this.current;
    if (running !== undefined && running.pid !== undefined) {
      const outcome = await stopProcess(running, graceMs, force);
      if (outcome.killed) this.options.log(`${this.name} did not stop after SIGTERM; sent SIGKILL`);
      // Let the last lines reach the log, but a grandchild holding the pipe must not hang shutdown.
      await Promise.race([running.drained, delay(500)]);
    }
    if (this.stateValue !== 'failed') this.stateValue = 'stopped';
    removePidFile(this.options.pidFile);
  }

  private get now(): () => number {
    return this.options.now ?? (() => performance.now());
  }

  private get timers(): RestartTimers {
    return this.options.timers ?? realTimers;
  }

  private spawn(): void {
    const { spec } = this.options;
    this.startedAt = this.now();
    const running = spawnProcess(spec, this.options.output);
    this.current = running;
    this.stateValue = 'running';
    if (running.pid !== undefined) {
      writePidFile(this.options.pidFile, running.pid);
      this.options.log(`started ${spec.name} (pid ${running.pid})`);
      this.watchReadiness(running);
    }
    void running.exited.then((status) => {
      if (this.current !== running) return;
      this.readiness?.abort();
      if (this.stopping) return;
      this.onCrash(describeExit(status));
    });
  }

  private watchReadiness(running: RunningProcess): void {
    const url = this.options.spec.readyUrl;
    if (url === undefined) return;
    const controller = new AbortController();
    this.readiness = controller;
    void waitUntilReady(url, { intervalMs: this.options.readyPollIntervalMs, signal: controller.signal }).then((ready) => {
      if (!ready || this.current !== running || this.stopping) return;
      this.options.log(`${this.name} ready`);
      this.options.onReady(this.name);
    });
  }

  private onCrash(cause: string): void {
    const { restart } = this.options;
    const verdict = decideRestart(this.history, { atMs: this.now(), startedAtMs: this.startedAt }, restart);
    this.history = verdict.history;
    const window = formatDuration(restart.windowMs);
    if (verdict.decision.kind === 'give-up') {
      this.stateValue = 'failed';
      removePidFile(this.options.pidFile);
      this.options.log(
        `max restarts exceeded for ${this.name} (${cause}; ${verdict.decision.crashes} crashes in ${window}); leaving it stopped`,
      );
      this.options.onGaveUp(this.name);
      return;
    }
    const { crashesInWindow, delayMs } = verdict.decision;
    this.stateValue = 'backing-off';
    this.options.log(
      `restarting ${this.name} in ${formatDuration(delayMs)} (${cause}; crash ${crashesInWindow} in the last ${window}, ` +
        `${restart.maxRestarts} restarts allowed)`,
    );
    this.restartTimer = this.timers.set(() => {
      this.restartTimer = undefined;
      if (!this.stopping) this.spawn();
    }, delayMs);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
