import type { Kysely } from 'kysely';
import { insertUserEvents, inTransaction, type NewUserEvent, type Schema } from '../store/index.js';
import type { ServiceDeps } from './deps.js';

/**
 * This process's wake-up for live streams: a service that committed events for a user calls
 * `wake`, and that user's open streams read the table at once instead of at their next poll.
 * Streams of other API processes sharing the database find the rows on their own poll.
 */
export class UserEventBus {
  private readonly listeners = new Map<string, Set<() => void>>();

  subscribe(userId: string, listener: () => void): () => void {
    const set = this.listeners.get(userId) ?? new Set<() => void>();
    set.add(listener);
    this.listeners.set(userId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(userId) === set) this.listeners.delete(userId);
    };
  }

  /** Open streams of this user in this process (tests check that a closed one let go). */
  listenerCount(userId: string): number {
    return this.listeners.get(userId)?.size ?? 0;
  }

  wake(userIds: Iterable<string>): void {
    for (const userId of new Set(userIds)) for (const listener of this.listeners.get(userId) ?? []) listener();
  }
}

/** Records events in the caller's transaction; call `announceUserEvents` after it commits. */
export async function recordUserEvents(trx: Kysely<Schema>, events: readonly NewUserEvent[]): Promise<void> {
  await insertUserEvents(trx, events);
}

/** After the commit: this process's open streams of these users read their new events now. */
export function announceUserEvents(deps: ServiceDeps, userIds: Iterable<string>): void {
  deps.events?.wake(userIds);
}

/** A write that was one statement of its own, now in one transaction with its user's event, announced after the commit. */
export async function writeWithEvent<T>(deps: ServiceDeps, event: NewUserEvent, write: (trx: Kysely<Schema>) => Promise<T>): Promise<T> {
  const result = await inTransaction(deps.db, async (trx) => {
    const written = await write(trx);
    await insertUserEvents(trx, [event]);
    return written;
  });
  announceUserEvents(deps, [event.userId]);
  return result;
}
