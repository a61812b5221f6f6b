import type { EventLoopUtilization } from 'node:perf_hooks';
import type { Cleanup } from './cleanup.js';
import { BenchThread } from './thread.js';

export interface SeedPlan {
  runId: string;
  users: number;
  messages: number;
  events: number;
  /** ISO time the mail and events are placed around. */
  now: string;
}

export interface SeededAccount {
  email: string;
  refreshToken: string;
}

export interface CallCount {
  endpoint: string;
  status: string;
  count: number;
}

/** The Google emulator on its own thread: seeded in process there, reached over loopback HTTP. */
export class GoogleThread {
  private constructor(
    private readonly thread: BenchThread,
    readonly url: string,
  ) {}

  /** Starts the emulator; the cleanup closes its server and ends the thread. */
  static async start(seed: number, cleanup: Cleanup): Promise<GoogleThread> {
    const thread = new BenchThread(new URL('./sync-google-thread.ts', import.meta.url), { seed });
    cleanup.add('stop the Google emulator', () => thread.close('close'));
    const { url } = await thread.call<{ url: string }>('start');
    return new GoogleThread(thread, url);
  }

  seed(plan: SeedPlan): Promise<SeededAccount[]> {
    return this.thread.call('seed', plan);
  }

  calls(): Promise<CallCount[]> {
    return this.thread.call('calls');
  }

  eventLoopUtilization(since?: EventLoopUtilization): EventLoopUtilization {
    return this.thread.eventLoopUtilization(since);
  }
}
