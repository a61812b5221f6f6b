import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Signal } from '../src/domain/index.js';
import { DEFAULT_BREAKER_TIMINGS, UserBreakers, type BreakerReport } from '../src/resilience/index.js';
import { Worker, WorkerApi, googleSyncer, type SourceReport, type SourceSyncer, type SyncTarget } from '../src/worker/index.js';
import { INGEST_GROUP, type CycleFigures, type LaneTime, type SyncWorkerSettings, type UserOutcome } from './sync-worker.js';
import { summarize } from './stats.js';
import { HttpPhaseTimes, type HttpPhases } from './sync-http-phases.js';
import { serveThread, threadData } from './thread.js';

// The sync worker with production settings (1 s, 2 s, 4 s retries, default breakers), timed
// from outside: a WorkerApi that clocks its calls and a syncer wrapped to clock Google's part.
const settings = threadData<SyncWorkerSettings>();
const LOG_LINES = 20;

const lanes: LaneTime = { googleMs: 0, tokenMs: 0, ingestMs: 0, reportMs: 0 };
const outcomes = new Map<string, UserOutcome>();
const latencies = new Map<string, number[]>();
const retries = { count: 0, waitMs: 0 };
const log: string[] = [];
let syncMs = 0;
let targetsMs = 0;
let ingestPosts = 0;
let tokenRequests = 0;
let cycleStart = 0;

const note = (line: string) => {
  if (log.length < LOG_LINES) log.push(line);
};
const outcomeOf = (userId: string): UserOutcome => {
  let outcome = outcomes.get(userId);
  if (!outcome) {
    outcome = { userId, startMs: NaN, doneMs: NaN, ok: false, signals: 0 };
    outcomes.set(userId, outcome);
  }
  return outcome;
};

async function timed<T>(work: () => Promise<T>, add: (ms: number) => void): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    add(performance.now() - started);
  }
}

class TimedWorkerApi extends WorkerApi {
  override targets(): Promise<SyncTarget[]> {
    return timed(() => super.targets(), (ms) => (targetsMs += ms));
  }

  override accessToken(userId: string, rejected?: string): Promise<{ token: string; expiresAt: Date }> {
    tokenRequests += 1;
    return timed(() => super.accessToken(userId, rejected), (ms) => (lanes.tokenMs += ms));
  }

  override async ingest(signals: Signal[]): Promise<number> {
    const stored = await timed(() => super.ingest(signals), (ms) => (lanes.ingestMs += ms));
    ingestPosts += 1;
    for (const signal of signals) outcomeOf(signal.userId).signals += 1;
    return stored;
  }

  override async report(userId: string, report: { sources: SourceReport[]; breaker?: BreakerReport }): Promise<void> {
    await timed(() => super.report(userId, report), (ms) => (lanes.reportMs += ms));
    const outcome = outcomeOf(userId);
    outcome.doneMs = performance.now() - cycleStart;
    outcome.ok = report.sources.length > 0 && report.sources.every((source) => source.ok);
  }
}

const controller = new AbortController();
const api = new TimedWorkerApi({ baseUrl: settings.apiUrl, token: settings.token, signal: controller.signal, log: note });
const sync = googleSyncer({
  api,
  apiBaseUrl: settings.googleApiBaseUrl,
  timeoutMs: settings.googleTimeoutMs,
  gmailWindowDays: settings.gmailWindowDays,
  gmailMaxMessages: settings.gmailMaxMessages,
  log: (event) => {
    if (event.type === 'response') {
      const list = latencies.get(event.operation) ?? [];
      list.push(event.durationMs);
      latencies.set(event.operation, list);
    } else if (event.type === 'retry') {
      retries.count += 1;
      retries.waitMs += event.delayMs;
    }
  },
});
const timedSync: SourceSyncer = (input) => {
  const outcome = outcomeOf(input.target.userId);
  if (Number.isNaN(outcome.startMs)) outcome.startMs = performance.now() - cycleStart;
  return timed(() => sync(input), (ms) => (syncMs += ms));
};
const worker = new Worker({
  api,
  controller,
  sync: timedSync,
  breakers: new UserBreakers(DEFAULT_BREAKER_TIMINGS, (line) => note(`warning: ${line}`)),
  pollIntervalMs: settings.pollIntervalMs,
  concurrency: settings.concurrency,
  log: note,
});

const apiOrigin = new URL(settings.apiUrl).origin;
const googleOrigin = new URL(settings.googleApiBaseUrl).origin;
const phases = new HttpPhaseTimes((request) => {
  if (request.origin !== apiOrigin) return request.origin === googleOrigin ? 'Google (emulator)' : null;
  return request.path === '/api/events/ingest' ? INGEST_GROUP : 'API: token, report, targets';
});

serveThread({
  /** Answers once this module has loaded, so its start-up stays out of the timed cycle. */
  ready: () => true,

  async cycle(): Promise<CycleFigures> {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    phases.start();
    cycleStart = performance.now();
    let wallMs: number;
    let http: Record<string, HttpPhases>;
    try {
      await worker.cycle();
      wallMs = performance.now() - cycleStart;
    } finally {
      http = phases.stop();
      delay.disable();
    }
    return {
      wallMs,
      concurrency: settings.concurrency,
      targetsMs,
      users: [...outcomes.values()],
      // Token requests happen inside the syncer, on the lane's own path: Google's part is the rest.
      lanes: { ...lanes, googleMs: syncMs - lanes.tokenMs },
      ingestPosts,
      tokenRequests,
      googleCalls: [...latencies.entries()].map(([operation, ms]) => ({ operation, latency: summarize(ms) })),
      retries,
      http,
      loopDelay: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
      log,
    };
  },

  async stop() {
    await worker.stop();
  },
});
