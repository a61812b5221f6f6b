import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { LineSplitter } from './line-splitter.js';
import type { LineSink } from './log-sink.js';
import type { ProcessSpec } from './types.js';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the program could not be started at all (e.g. ENOENT). */
  error: Error | null;
}

export interface RunningProcess {
  readonly child: ChildProcess;
  /** Undefined when spawning failed. */
  readonly pid: number | undefined;
  readonly exited: Promise<ExitStatus>;
  /** Resolves when stdout and stderr have closed, i.e. every line has reached the sink. */
  readonly drained: Promise<void>;
}

/** Starts one program with its stdout and stderr fed line by line into `output`. */
export function spawnProcess(spec: ProcessSpec, output: LineSink): RunningProcess {
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const drained = Promise.all([pipeLines(child.stdout, output), pipeLines(child.stderr, output)]).then(() => undefined);
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal, error: null }));
    // Node reports a failed spawn with 'error' and no 'exit'. Later errors (a failed kill) are
    // not exits, but the listener must stay so they are not thrown.
    child.on('error', (error) => {
      if (child.pid === undefined) resolve({ code: null, signal: null, error });
    });
  });
  return { child, pid: child.pid, exited, drained };
}

function pipeLines(stream: Readable | null, output: LineSink): Promise<void> {
  if (stream === null) return Promise.resolve();
  const splitter = new LineSplitter();
  return new Promise((resolve) => {
    stream.on('data', (chunk: Buffer) => {
      for (const line of splitter.push(chunk)) output.writeLine(line);
    });
    stream.on('error', () => resolve());
    stream.on('close', () => {
      for (const line of splitter.end()) output.writeLine(line);
      resolve();
    });
  });
}

/** "exit code 1", "exit signal SIGKILL", "failed to start: …": the cause in log lines. */
export function describeExit(status: ExitStatus): string {
  if (status.error !== null) return `failed to start: ${status.error.message}`;
  if (status.signal !== null) return `exit signal ${status.signal}`;
  return `exit code ${status.code ?? 'unknown'}`;
}

export interface StopOutcome {
  status: ExitStatus;
  /** True when SIGTERM was not enough within the grace period. */
  killed: boolean;
}

/** SIGTERM, then SIGKILL after `graceMs`; `force` skips the wait (a second Ctrl-C). */
export async function stopProcess(running: RunningProcess, graceMs: number, force: AbortSignal): Promise<StopOutcome> {
  running.child.kill('SIGTERM');
  const graceOver = new Promise<'timeout'>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), graceMs);
    const skip = () => {
      clearTimeout(timer);
      resolve('timeout');
    };
    if (force.aborted) skip();
    else force.addEventListener('abort', skip, { once: true });
    void running.exited.then(() => {
      clearTimeout(timer);
      force.removeEventListener('abort', skip);
    });
  });
  const first = await Promise.race([running.exited, graceOver]);
  if (first !== 'timeout') return { status: first, killed: false };
  running.child.kill('SIGKILL');
  return { status: await running.exited, killed: true };
}
