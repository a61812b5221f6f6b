import { join } from 'node:path';
import { ensurePrivateDir } from '../private-files/index.js';
import { acquirePidLock } from './lock-file.js';
import { PgliteThread } from './pglite-thread.js';

/** The embedded database's data directory, locked for this process. */
export interface LockedDataDir {
  /** `db/` inside the data directory, or null for an in-memory database. */
  dir: string | null;
  releaseLock: () => void;
}

/** The embedded database opened on its thread, before anything talks to it. */
export interface EmbeddedStart extends LockedDataDir {
  thread: PgliteThread;
}

/** Takes the data directory's lock (throws DataDirLockedError when another process holds it) and makes `db/`. */
export function lockDataDir(dataDir: string): LockedDataDir {
  if (dataDir === ':memory:') return { dir: null, releaseLock: () => undefined };
  ensurePrivateDir(dataDir);
  const releaseLock = acquirePidLock(join(dataDir, 'run', 'db.lock'));
  try {
    const dir = join(dataDir, 'db');
    ensurePrivateDir(dir);
    return { dir, releaseLock };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/**
 * Locks the data directory and starts PGlite on its thread. This module loads only the lock and
 * the thread, not Kysely, pg or PGlite itself, so `skytwin api` can call it first and the
 * database's start (WASM and any crash recovery, on the thread) overlaps the loading of the rest.
 * Never throws: a failure is the promise's.
 */
export function beginEmbedded(dataDir: string): Promise<EmbeddedStart> {
  let locked: LockedDataDir;
  try {
    locked = lockDataDir(dataDir);
  } catch (error) {
    return Promise.reject(error);
  }
  return PgliteThread.open(locked.dir).then(
    (thread) => ({ ...locked, thread }),
    (error: unknown) => {
      locked.releaseLock();
      throw error;
    },
  );
}
