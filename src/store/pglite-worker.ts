import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pgliteOptions } from './pglite-options.js';
import type { FromPgliteThread, PgliteThreadStart, ToPgliteThread } from './pglite-messages.js';

// The embedded database on a thread of its own: PGlite's WASM runs here, so a long statement or a
// large batch never holds the API's event loop. It runs the wire-protocol bytes it is sent, in
// order, and answers each with the backend's bytes; the API's thread parses them.
if (!parentPort) throw new Error('pglite-worker runs as a worker thread (see PgliteThread)');
const port = parentPort;
const { dataDir } = workerData as PgliteThreadStart;

const send = (message: FromPgliteThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const pglite = dataDir === null ? new PGlite(pgliteOptions()) : new PGlite(dataDir, pgliteOptions());

// One chain keeps every request in arrival order. A failure inside PGlite leaves its state
// unknown: it is rethrown outside the chain, so the thread dies and the API sees the crash.
let chain: Promise<void> = pglite.waitReady.then(
  () => send({ type: 'ready' }),
  (error: unknown) => {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error), code: errorCode(error) });
    port.close();
  },
);

port.on('message', (message: ToPgliteThread) => {
  chain = chain.then(() => handle(message)).catch((error: unknown) => {
    setImmediate(() => {
      throw error;
    });
  });
});

async function handle(message: ToPgliteThread): Promise<void> {
  if (message.type === 'close') {
    await pglite.close();
    send({ type: 'closed' });
    port.close();
    return;
  }
  // PGlite copies its answer out of the WASM heap into a buffer of its own: safe to transfer.
  const bytes = await pglite.execProtocolRaw(message.bytes);
  send({ type: 'result', bytes }, [bytes.buffer as ArrayBuffer]);
}

function errorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}
