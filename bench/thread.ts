import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { EventLoopUtilization } from 'node:perf_hooks';

interface Call {
  id: number;
  command: string;
  input: unknown;
}

interface Answer {
  id: number;
  output?: unknown;
  error?: string;
}

export type Handlers = Record<string, (input: unknown) => Promise<unknown> | unknown>;

/**
 * A TypeScript module on a thread of its own, called command by command. The benchmarks put
 * Google (the emulator) and the sync worker on their own threads so that, as in production, their
 * CPU work does not queue on the API's event loop.
 */
export class BenchThread {
  private readonly worker: Worker;
  private nextId = 0;
  private exited = false;
  private readonly pending = new Map<number, { resolve: (output: unknown) => void; reject: (error: Error) => void }>();

  constructor(entry: URL, data: unknown) {
    // Node 20 does not run `--import tsx` in worker threads: register tsx there first.
    const tsx = import.meta.resolve('tsx/esm/api');
    const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); })`;
    this.worker = new Worker(boot, { eval: true, workerData: data });
    this.worker.on('message', (answer: Answer) => {
      const waiter = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if (!waiter) return;
      if (answer.error !== undefined) waiter.reject(new Error(answer.error));
      else waiter.resolve(answer.output);
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => {
      this.exited = true;
      this.failAll(new Error(`thread ${entry.pathname.split('/').pop() ?? ''} exited with code ${code}`));
    });
  }

  call<T>(command: string, input?: unknown): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`the thread has exited; cannot run ${command}`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (output) => resolve(output as T), reject });
      this.worker.postMessage({ id, command, input } satisfies Call);
    });
  }

  /** The thread's own event-loop utilisation; pass an earlier reading to get the share since then. */
  eventLoopUtilization(since?: EventLoopUtilization): EventLoopUtilization {
    return since ? this.worker.performance.eventLoopUtilization(since) : this.worker.performance.eventLoopUtilization();
  }

  /** Asks the thread to close what it runs (servers), then ends it whatever it answered. */
  async close(closeCommand?: string): Promise<void> {
    if (this.exited) return;
    try {
      if (closeCommand) await this.call(closeCommand);
    } finally {
      this.worker.removeAllListeners('exit');
      this.exited = true;
      await this.worker.terminate();
    }
  }

  private failAll(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}

/** The thread side: answers each command with its handler, one answer per call, errors as text. */
export function serveThread(handlers: Handlers): void {
  const port = parentPort;
  if (!port) throw new Error('this module runs as a worker thread (see BenchThread)');
  port.on('message', (call: Call) => {
    void (async () => {
      const handler = handlers[call.command];
      try {
        if (!handler) throw new Error(`unknown command ${call.command}`);
        port.postMessage({ id: call.id, output: await handler(call.input) } satisfies Answer);
      } catch (error) {
        port.postMessage({ id: call.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Answer);
      }
    })();
  });
}

/** What the main thread handed to this thread. */
export function threadData<T>(): T {
  return workerData as T;
}
