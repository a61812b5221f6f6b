import type { ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import type { UserEventBus } from '../services/index.js';
import { databaseNow, userEventsSince, type Schema, type UserEventRecord } from '../store/index.js';
import { StreamCursor } from './stream-cursor.js';

export interface StreamTiming {
  /** How often a stream reads the table for events other API processes wrote. */
  pollMs: number;
  heartbeatMs: number;
  /** How far back each read looks again, for transactions that committed out of order. */
  overlapMs: number;
  /** The reconnect delay suggested to the browser. */
  retryMs: number;
  /** Events older than this are pruned; a Last-Event-ID older than this gets a reset. */
  retentionMs: number;
}

export const STREAM_TIMING: StreamTiming = { pollMs: 2_000, heartbeatMs: 15_000, overlapMs: 10_000, retryMs: 3_000, retentionMs: 24 * 60 * 60 * 1000 };

const PAGE = 500;

export interface LiveStreamOptions {
  db: () => Kysely<Schema>;
  userId: string;
  lastEventId: string | null;
  timing: StreamTiming;
  bus: UserEventBus | undefined;
  out: ServerResponse;
  onError: (error: unknown) => void;
}

/**
 * One open text/event-stream for one user: replays what a resuming client missed, then sends each
 * new event once, woken by this process's commits and by a poll for other processes' ones.
 */
export class LiveStream {
  private cursor: StreamCursor | null = null;
  private closed = false;
  private pumping = false;
  private again = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private unsubscribe: () => void = () => undefined;

  constructor(private readonly options: LiveStreamOptions) {}

  async start(): Promise<void> {
    const { out, timing } = this.options;
    out.write(`retry: ${timing.retryMs}\n\n`);
    const now = (await databaseNow(this.options.db())).getTime();
    const resumed = this.options.lastEventId === null ? null : StreamCursor.parse(this.options.lastEventId, timing.overlapMs);
    if (resumed !== null && resumed.newest >= now - timing.retentionMs) {
      this.cursor = resumed;
    } else {
      this.cursor = this.freshCursor(now);
      if (this.options.lastEventId !== null) {
        const reason = resumed === null ? 'the last event id is not one this stream knows' : 'the last event id is older than the events SkyTwin keeps';
        this.send('reset', this.cursor.toString(), { kind: 'reset', userId: this.options.userId, at: new Date(now).toISOString(), reason });
      }
    }
    if (this.closed) return;
    this.unsubscribe = this.options.bus?.subscribe(this.options.userId, () => void this.pump()) ?? (() => undefined);
    this.timers.push(setInterval(() => void this.pump(), timing.pollMs), setInterval(() => this.write(': heartbeat\n\n'), timing.heartbeatMs));
    for (const timer of this.timers) timer.unref();
    await this.pump();
  }

  /** Frees everything; ends the response unless the client already went away. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.unsubscribe();
    if (!this.options.out.writableEnded) this.options.out.end();
  }

  /**
   * A new stream starts from the last overlap window: the page loaded its lists just before it
   * connected, and an event that committed in between (or committed late with an earlier time) must
   * not be lost. Events the lists already showed arrive again; the page's refetch is harmless.
   */
  private freshCursor(nowMs: number): StreamCursor {
    return StreamCursor.startingAt(nowMs, this.options.timing.overlapMs);
  }

  private async pump(): Promise<void> {
    if (this.closed || this.cursor === null) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        await this.readNew(this.cursor);
      } while (this.again && !this.closed);
    } catch (error) {
      if (!this.closed) this.options.onError(error);
    } finally {
      this.pumping = false;
    }
  }

  private async readNew(cursor: StreamCursor): Promise<void> {
    let from = cursor.readFrom;
    for (;;) {
      const page = await userEventsSince(this.options.db(), this.options.userId, new Date(from), PAGE);
      for (const event of page) {
        if (this.closed) return;
        if (cursor.has(event.id)) continue;
        cursor.add(event.id, event.createdAt.getTime());
        this.send(event.kind, cursor.toString(), dataOf(event));
      }
      const last = page.at(-1);
      if (page.length < PAGE || last === undefined) return;
      from = last.createdAt.getTime();
    }
  }

  private send(kind: string, id: string, data: Record<string, unknown>): void {
    this.write(`id: ${id}\nevent: ${kind}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private write(chunk: string): void {
    if (!this.closed && !this.options.out.writableEnded) this.options.out.write(chunk);
  }
}

function dataOf(event: UserEventRecord): Record<string, unknown> {
  return { ...event.payload, kind: event.kind, userId: event.userId, at: event.createdAt.toISOString() };
}
