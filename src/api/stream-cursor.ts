/**
 * Where a live stream stands, small enough to travel as an SSE event id: the newest event time
 * delivered (ms) and short tags of the events delivered within the overlap window before it.
 *
 * Events are ordered by the time they were written, but a transaction that wrote earlier may
 * commit later. So a stream always re-reads the last `overlapMs` and skips what it already sent;
 * the tags in the id let a resumed stream (Last-Event-ID) do the same, so a reconnect replays
 * exactly what was missed.
 */
export class StreamCursor {
  /** tag → event time (ms). */
  private readonly seen = new Map<string, number>();

  private constructor(
    private newestMs: number,
    private readonly overlapMs: number,
  ) {}

  static startingAt(ms: number, overlapMs: number): StreamCursor {
    return new StreamCursor(ms, overlapMs);
  }

  /** Null when the id is not one this stream wrote. */
  static parse(id: string, overlapMs: number): StreamCursor | null {
    const [head, ...tags] = id.trim().split('.');
    if (head === undefined || !/^\d{1,15}$/.test(head) || !tags.every((tag) => TAG.test(tag))) return null;
    const cursor = new StreamCursor(Number(head), overlapMs);
    for (const tag of tags) cursor.seen.set(tag, cursor.newestMs);
    return cursor;
  }

  get newest(): number {
    return this.newestMs;
  }

  /** The earliest time an event not yet seen may carry. */
  get readFrom(): number {
    return this.newestMs - this.overlapMs;
  }

  has(id: string): boolean {
    return this.seen.has(tagOf(id));
  }

  /** Marks an event delivered (or known to the client) and forgets tags that left the window. */
  add(id: string, atMs: number): void {
    this.seen.set(tagOf(id), atMs);
    if (atMs > this.newestMs) this.newestMs = atMs;
    for (const [tag, at] of this.seen) if (at < this.readFrom) this.seen.delete(tag);
    // A burst larger than this within the window: the oldest tags go (a resume may repeat them).
    while (this.seen.size > MAX_TAGS) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
  }

  toString(): string {
    return [String(this.newestMs), ...this.seen.keys()].join('.');
  }
}

const TAG = /^[0-9a-f]{12}$/;
const MAX_TAGS = 300;

/** 48 bits of the event's uuid: enough to tell apart the events of one user within seconds. */
function tagOf(id: string): string {
  return id.replace(/-/g, '').slice(-12).toLowerCase();
}
