import { Worker } from 'node:worker_threads';

export interface LoadRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: unknown;
}

export interface LoadJob {
  id: number;
  requests: LoadRequest[];
}

export interface LoadReply {
  id: number;
  /** Round trip of each request as the client saw it, in order. */
  ms: number[];
  bodies: unknown[];
  /** Wall time of the whole job in the worker. */
  elapsedMs: number;
  error?: string;
}

/** Sends requests one after another from a worker thread and reports each one's latency. */
export class LoadClient {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (reply: LoadReply) => void; reject: (error: Error) => void }>();

  constructor(url: string, token: string) {
    // Node 20 does not run `--import tsx` in worker threads: register tsx there first.
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./load-worker.ts', import.meta.url).href;
    const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`;
    this.worker = new Worker(boot, { eval: true, workerData: { url, token } });
    this.worker.on('message', (reply: LoadReply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (!waiter) return;
      if (reply.error !== undefined) waiter.reject(new Error(reply.error));
      else waiter.resolve(reply);
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`load worker exited with code ${code}`)));
  }

  /** Runs the requests in order (sequentially, never two at once); any non-2xx answer rejects. */
  run(requests: LoadRequest[]): Promise<LoadReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, requests } satisfies LoadJob);
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private failAll(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}
