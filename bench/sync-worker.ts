import type { EventLoopUtilization } from 'node:perf_hooks';
import type { Cleanup } from './cleanup.js';
import type { Summary } from './stats.js';
import type { HttpPhases } from './sync-http-phases.js';
import { BenchThread } from './thread.js';

/** What the sync worker's thread needs: the same settings `skytwin worker` reads from the config. */
export interface SyncWorkerSettings {
  apiUrl: string;
  token: string;
  googleApiBaseUrl: string;
  googleTimeoutMs: number;
  gmailWindowDays: number;
  gmailMaxMessages: number;
  pollIntervalMs: number;
  concurrency: number;
}

export interface UserOutcome {
  userId: string;
  /** When the worker first called Google for this user, from the start of the cycle. */
  startMs: number;
  /** When the worker's poll of this user ended (its report stored), from the start of the cycle. */
  doneMs: number;
  ok: boolean;
  /** Signals the API acknowledged for this user. */
  signals: number;
}

/** Lane time: summed over the worker's lanes, each doing one thing at a time. */
export interface LaneTime {
  /** Google calls and turning their answers into signals (token requests excluded). */
  googleMs: number;
  /** Asking the API for an access token (the API refreshes it with Google). */
  tokenMs: number;
  /** POST /api/events/ingest until the decisions are stored. */
  ingestMs: number;
  /** PUT of the cursors and breaker state. */
  reportMs: number;
}

export interface CycleFigures {
  wallMs: number;
  concurrency: number;
  targetsMs: number;
  users: UserOutcome[];
  lanes: LaneTime;
  ingestPosts: number;
  tokenRequests: number;
  /** Round trip of each answered Google call, by operation, as the worker's Google client logged it. */
  googleCalls: { operation: string; latency: Summary }[];
  retries: { count: number; waitMs: number };
  /** The worker's HTTP requests phase by phase, by destination (see INGEST_GROUP). */
  http: Record<string, HttpPhases>;
  /** The worker thread's event-loop delay during the cycle (ms). */
  loopDelay: { p50: number; p99: number; max: number };
  /** The worker's own log lines (failed polls), the first few. */
  log: string[];
}

/** The group of the worker's ingest POSTs in `CycleFigures.http`. */
export const INGEST_GROUP = 'API: POST ingest';

/** SkyTwin's sync worker on its own thread, as `skytwin worker` runs in its own process. */
export class SyncWorkerThread {
  private constructor(private readonly thread: BenchThread) {}

  /** Resolves once the thread has loaded the worker; the cleanup stops it and ends the thread. */
  static async start(settings: SyncWorkerSettings, cleanup: Cleanup): Promise<SyncWorkerThread> {
    const thread = new BenchThread(new URL('./sync-worker-thread.ts', import.meta.url), settings);
    cleanup.add('stop the sync worker', () => thread.close('stop'));
    await thread.call('ready');
    return new SyncWorkerThread(thread);
  }

  /** One poll cycle over every connected user: for fresh users, their first full sync. */
  cycle(): Promise<CycleFigures> {
    return this.thread.call('cycle');
  }

  eventLoopUtilization(since?: EventLoopUtilization): EventLoopUtilization {
    return this.thread.eventLoopUtilization(since);
  }
}
