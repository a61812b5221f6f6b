import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.js';

export interface TransactionOptions {
  /** Attempts in all, the first included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const SERIALIZATION_FAILURE = '40001';
const DEADLOCK_DETECTED = '40P01';

export function isSerializationFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (code === SERIALIZATION_FAILURE) return true;
  // CockroachDB sometimes wraps the retry error; its message still names the SQLSTATE.
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && message.includes('restart transaction');
}

/**
 * PostgreSQL found a lock cycle and aborted this transaction so the other could go on: nothing of
 * it was kept, and running it again is as safe as after a serialization failure.
 */
export function isDeadlock(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DEADLOCK_DETECTED;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one way to run an explicit transaction. It runs at SERIALIZABLE (CockroachDB's only level)
 * and retries the whole callback on SQLSTATE 40001 (serialization failure) and 40P01 (deadlock
 * detected) with jittered backoff, so the callback must have no effect outside the database.
 */
export async function inTransaction<T>(
  db: Kysely<Schema>,
  work: (trx: Transaction<Schema>) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 10;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().setIsolationLevel('serializable').execute(work);
    } catch (error) {
      if (!(isSerializationFailure(error) || isDeadlock(error)) || attempt >= maxAttempts) throw error;
      const ceiling = baseDelayMs * 2 ** (attempt - 1);
      await sleep(ceiling / 2 + Math.random() * (ceiling / 2));
    }
  }
}
