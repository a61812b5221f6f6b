import { Worker } from 'node:worker_threads';
import type { FromPgliteThread, PgliteThreadStart, ToPgliteThread } from './pglite-messages.js';

/** The embedded database's thread stopped (it crashed or was ended): nothing more can run on it. */
export class EmbeddedDatabaseLostError extends Error {
  readonly code = 'embedded_database_lost';
  constructor(reason: string) {
    super(`The embedded database stopped (${reason}); restart SkyTwin to open it again.`);
    this.name = 'EmbeddedDatabaseLostError';
  }
}

interface Waiter {
  resolve: (bytes: Uint8Array) => void;
  reject: (error: Error) => void;
}

/**
 * PGlite running on a worker thread, driven with raw wire-protocol bytes. Requests are answered
 * in the order they were sent. While nothing is pending the thread does not keep the process
 * alive, as an idle in-process database would not.
 */
export class PgliteThread {
  private readonly waiters: Waiter[] = [];
  private lost: EmbeddedDatabaseLostError | null = null;
  private closing = false;
  private readonly closed: Promise<void>;
  private resolveClosed: () => void = () => undefined;

  private constructor(private readonly worker: Worker) {
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
    worker.on('message', (message: FromPgliteThread) => this.receive(message));
    worker.on('error', (error) => this.fail(error.message));
    worker.on('exit', (code) => {
      this.resolveClosed();
      if (!this.closing || this.waiters.length > 0) this.fail(`its thread exited with code ${code}`);
    });
  }

  /** Starts the thread and opens PGlite there (in `dataDir`, or in memory for null); rejects if it cannot open. */
  static async open(dataDir: string | null): Promise<PgliteThread> {
    const worker = startWorker({ dataDir });
    let stopListening = () => undefined as void;
    const opened = await new Promise<FromPgliteThread>((resolve, reject) => {
      const exited = (code: number) => reject(new Error(`the embedded database's thread exited with code ${code} while opening`));
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', exited);
      stopListening = () => {
        worker.off('message', resolve);
        worker.off('error', reject);
        worker.off('exit', exited);
      };
    });
    // Only the listeners added here: the Worker keeps internal ones of its own.
    stopListening();
    if (opened.type === 'failed') {
      await worker.terminate();
      throw Object.assign(new Error(opened.message), opened.code === null ? {} : { code: opened.code });
    }
    const thread = new PgliteThread(worker);
    worker.unref();
    return thread;
  }

  /** Why the database can no longer answer, or null while it can. */
  failure(): EmbeddedDatabaseLostError | null {
    return this.lost;
  }

  /** Runs frontend messages; resolves with the backend's answer to them. `bytes` must own its buffer: it is transferred. */
  exec(bytes: Uint8Array): Promise<Uint8Array> {
    if (this.lost) return Promise.reject(this.lost);
    if (this.closing) return Promise.reject(new EmbeddedDatabaseLostError('it was closed'));
    return new Promise((resolve, reject) => {
      if (this.waiters.length === 0) this.worker.ref();
      this.waiters.push({ resolve, reject });
      this.post({ type: 'exec', bytes }, [bytes.buffer as ArrayBuffer]);
    });
  }

  /** Closes PGlite after whatever was sent before, then ends the thread. Safe to call twice, and after a crash. */
  async close(): Promise<void> {
    if (!this.closing && !this.lost) {
      this.closing = true;
      this.worker.ref();
      this.post({ type: 'close' });
    }
    this.closing = true;
    await this.closed;
  }

  /** Ends the thread at once without closing PGlite, as a crash would: what is pending fails. */
  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  private post(message: ToPgliteThread, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  private receive(message: FromPgliteThread): void {
    if (message.type === 'closed') {
      void this.worker.terminate();
      return;
    }
    if (message.type !== 'result') return;
    const waiter = this.waiters.shift();
    if (this.waiters.length === 0 && !this.closing) this.worker.unref();
    waiter?.resolve(message.bytes);
  }

  private fail(reason: string): void {
    if (this.lost) return;
    this.lost = new EmbeddedDatabaseLostError(reason);
    for (const waiter of this.waiters.splice(0)) waiter.reject(this.lost);
    void this.worker.terminate();
  }
}

/**
 * Compiled (`dist/`, `npm start`) the entry is JavaScript. From source (vitest, `node --import tsx`)
 * it is TypeScript, and Node 20 does not carry `--import tsx` into worker threads: register tsx there first.
 */
function startWorker(start: PgliteThreadStart): Worker {
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const entry = new URL(`./pglite-worker${extension}`, import.meta.url);
  if (extension === '.js') return new Worker(entry, { workerData: start });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: start });
}
