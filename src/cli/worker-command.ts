import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/index.js';
import { GMAIL_QUOTA_WINDOW_MS, splitGmailQuota } from '../google/index.js';
import { DEFAULT_BREAKER_TIMINGS, UserBreakers } from '../resilience/index.js';
import { heartbeatFile } from '../heartbeat/index.js';
import { Worker, WorkerApi, googleSyncer } from '../worker/index.js';

type Out = { out: (line: string) => void; err: (line: string) => void };

/** SIGTERM must end the process within 10 s; this leaves room to exit after abandoning work. */
const STOP_DEADLINE_MS = 8_000;
const TOKEN_WAIT_MS = 60_000;
const EXIT_GRACE_MS = 1_000;
/** A Google retry wait longer than this frees the worker's lane for the next user; the source is polled again when it is over. */
const LANE_RETRY_WAIT_MS = 1_000;
const QUOTA_WAIT_WORTH_LOGGING_MS = 1_000;

/** `skytwin worker`: polls Google for every connected user and feeds the API. */
export async function workerCommand(config: Config, io: Out): Promise<number> {
  const controller = new AbortController();
  const token = await waitForApiToken(config.dataDir, controller.signal);
  if (token === null) {
    io.err(`skytwin worker: no API token in ${join(config.dataDir, 'api-token')}; start the API first (npm start does)`);
    return 1;
  }
  const api = new WorkerApi({ baseUrl: config.apiUrl, token, signal: controller.signal, log: io.out });
  const heartbeat = heartbeatFile({ path: config.workerHeartbeatFile, onError: (message) => io.out(`warning: ${message}`) });
  const worker = new Worker({
    api,
    controller,
    sync: googleSyncer({
      api,
      signal: controller.signal,
      apiBaseUrl: config.googleApiBaseUrl,
      timeoutMs: config.googleTimeoutMs,
      gmailWindowDays: config.gmailWindowDays,
      gmailMaxMessages: config.gmailMaxMessages,
      deferRetriesOverMs: LANE_RETRY_WAIT_MS,
      gmailQuota: { units: splitGmailQuota(config.gmailQuotaUnitsPerMin).worker, windowMs: GMAIL_QUOTA_WINDOW_MS },
      log: (event) => {
        if (event.type === 'retry') io.out(`google: retrying ${event.operation} for user ${event.userId} in ${event.delayMs} ms`);
        // Short waits are the budget working as meant; a long one is worth a line.
        if (event.type === 'quota_wait' && event.waitedMs >= QUOTA_WAIT_WORTH_LOGGING_MS) {
          io.out(`google: ${event.operation} for user ${event.userId} waited ${event.waitedMs} ms for the user's Gmail quota`);
        }
      },
    }),
    breakers: new UserBreakers(DEFAULT_BREAKER_TIMINGS, (line) => io.out(`warning: ${line}`)),
    pollIntervalMs: config.pollIntervalMs,
    concurrency: config.workerConcurrency,
    log: io.out,
    onAlive: () => heartbeat.beat(),
  });
  // The handlers go in before the lines a supervisor or test waits for, so a stop right after them is clean.
  const stopped = new Promise<number>((resolve) => {
    const shutdown = (signal: string) => {
      io.out(`worker stopping (${signal}): no new polls; in-flight ones are abandoned without moving a cursor`);
      heartbeat.remove();
      const started = Date.now();
      // Whatever is still open (a retry wait, a socket) must not hold the process past 10 s.
      const exit = () => setTimeout(() => process.exit(0), EXIT_GRACE_MS).unref();
      const deadline = setTimeout(() => {
        io.out(`worker stopped after ${STOP_DEADLINE_MS} ms with work still in flight`);
        exit();
        resolve(0);
      }, STOP_DEADLINE_MS);
      deadline.unref();
      void worker.stop().then(() => {
        clearTimeout(deadline);
        io.out(`worker stopped in ${Date.now() - started} ms`);
        exit();
        resolve(0);
      });
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
  io.out(
    `worker polling ${config.apiUrl} every ${config.pollIntervalMs} ms (${config.workerConcurrency} users at a time;` +
      ` Gmail paced to ${splitGmailQuota(config.gmailQuotaUnitsPerMin).worker} quota units a minute per user)`,
  );
  io.out(`worker ${worker.workerId} shares the users with other workers through poll leases of ${worker.leaseMs} ms`);
  worker.start();
  return stopped;
}

/** The API writes its token on first start; under the supervisor the worker may start first. */
async function waitForApiToken(dataDir: string, signal: AbortSignal): Promise<string | null> {
  const path = join(dataDir, 'api-token');
  const until = Date.now() + TOKEN_WAIT_MS;
  while (!signal.aborted && Date.now() < until) {
    if (existsSync(path)) {
      const token = readFileSync(path, 'utf8').trim();
      if (token) return token;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return null;
}
