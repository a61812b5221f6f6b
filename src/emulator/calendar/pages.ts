import type { Random } from '../random.js';

export interface Snapshot {
  owner: string;
  calendarId: string;
  items: Record<string, unknown>[];
  offset: number;
  nextSyncToken: string;
}

const MAX_SNAPSHOTS = 200;

/**
 * Listings are taken once and served page by page from the copy, so a change between pages
 * never shifts or repeats an item; the change shows in the next sync instead.
 */
export class PageCache {
  private readonly snapshots = new Map<string, Snapshot>();

  constructor(private readonly random: Random) {}

  put(snapshot: Snapshot): string {
    const token = `EjwK${this.random.chars(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`;
    this.snapshots.set(token, snapshot);
    while (this.snapshots.size > MAX_SNAPSHOTS) {
      const oldest = this.snapshots.keys().next().value;
      if (oldest === undefined) break;
      this.snapshots.delete(oldest);
    }
    return token;
  }

  /** Kept after use: a client retrying a page after a dropped connection gets the same page. */
  get(token: string): Snapshot | undefined {
    return this.snapshots.get(token);
  }
}
