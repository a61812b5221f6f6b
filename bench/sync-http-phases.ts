import { subscribe, unsubscribe } from 'node:diagnostics_channel';

/** Where one kind of outgoing fetch spent its time, summed over its requests (ms). */
export interface HttpPhases {
  requests: number;
  /** Created until its headers went out: waiting for a free connection or a new one. */
  connectMs: number;
  /** Headers out until the body was sent. */
  sendMs: number;
  /** Body sent until the answer's headers arrived: the server's part, loopback and both event loops. */
  answerMs: number;
  /** Answer headers until the last byte was read. */
  readMs: number;
}

interface Timeline {
  group: string;
  created: number;
  headersSent?: number;
  bodySent?: number;
  answered?: number;
}

interface UndiciRequest {
  origin?: unknown;
  method?: unknown;
  path?: unknown;
}

const CHANNELS = ['undici:request:create', 'undici:client:sendHeaders', 'undici:request:bodySent', 'undici:request:headers', 'undici:request:trailers'] as const;

/**
 * Times this thread's fetch calls phase by phase through undici's diagnostics channels, grouped
 * by `groupOf` (null: not timed). Tells a slow server from a client that waits to send or to read.
 */
export class HttpPhaseTimes {
  private readonly open = new WeakMap<object, Timeline>();
  private readonly totals = new Map<string, HttpPhases>();
  private readonly handlers = new Map<string, (message: unknown) => void>();

  constructor(private readonly groupOf: (request: { origin: string; method: string; path: string }) => string | null) {
    this.handlers.set('undici:request:create', (message) => {
      const request = (message as { request: UndiciRequest }).request;
      const group = this.groupOf({ origin: String(request.origin ?? ''), method: String(request.method ?? ''), path: String(request.path ?? '') });
      if (group !== null) this.open.set(request, { group, created: performance.now() });
    });
    this.handlers.set('undici:client:sendHeaders', (message) => this.mark(message, 'headersSent'));
    this.handlers.set('undici:request:bodySent', (message) => this.mark(message, 'bodySent'));
    this.handlers.set('undici:request:headers', (message) => this.mark(message, 'answered'));
    this.handlers.set('undici:request:trailers', (message) => {
      const request = (message as { request: object }).request;
      const timeline = this.open.get(request);
      if (!timeline) return;
      this.open.delete(request);
      const done = performance.now();
      const headersSent = timeline.headersSent ?? timeline.created;
      const bodySent = timeline.bodySent ?? headersSent;
      const answered = timeline.answered ?? done;
      const total = this.totals.get(timeline.group) ?? { requests: 0, connectMs: 0, sendMs: 0, answerMs: 0, readMs: 0 };
      total.requests += 1;
      total.connectMs += headersSent - timeline.created;
      total.sendMs += bodySent - headersSent;
      total.answerMs += answered - bodySent;
      total.readMs += done - answered;
      this.totals.set(timeline.group, total);
    });
  }

  start(): void {
    for (const name of CHANNELS) subscribe(name, this.handlers.get(name) as (message: unknown) => void);
  }

  stop(): Record<string, HttpPhases> {
    for (const name of CHANNELS) unsubscribe(name, this.handlers.get(name) as (message: unknown) => void);
    return Object.fromEntries(this.totals);
  }

  private mark(message: unknown, phase: 'headersSent' | 'bodySent' | 'answered'): void {
    const timeline = this.open.get((message as { request: object }).request);
    if (timeline) timeline[phase] = performance.now();
  }
}
