import { parentPort, workerData } from 'node:worker_threads';
import { ApiClient } from './http.js';
import type { LoadJob, LoadReply } from './load.js';

// The client side of the benchmark, on its own thread: like the sync worker posting to the API
// process, its JSON and socket work does not queue on the server's event loop.
const { url, token } = workerData as { url: string; token: string };
const client = new ApiClient(url, token);
const port = parentPort;
if (!port) throw new Error('load-worker.ts runs as a worker thread');

port.on('message', (job: LoadJob) => {
  void (async () => {
    const reply: LoadReply = { id: job.id, ms: [], bodies: [], elapsedMs: 0 };
    const started = performance.now();
    try {
      for (const request of job.requests) {
        const answer = await client.call(request.method, request.path, request.body);
        reply.ms.push(answer.ms);
        reply.bodies.push(answer.body);
      }
    } catch (error) {
      reply.error = error instanceof Error ? error.message : String(error);
    }
    reply.elapsedMs = performance.now() - started;
    port.postMessage(reply);
  })();
});
