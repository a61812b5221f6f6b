/** What the embedded database's thread is started with: its data directory, or null for an in-memory database. */
export interface PgliteThreadStart {
  dataDir: string | null;
}

/** From the API's thread: frontend protocol bytes to run in order, or a request to close PGlite. */
export type ToPgliteThread = { type: 'exec'; bytes: Uint8Array } | { type: 'close' };

/**
 * From the database's thread: `ready` once PGlite is open (or `failed` with why it could not be),
 * one `result` (the backend protocol bytes) per `exec` in the order they came, `closed` after close.
 */
export type FromPgliteThread =
  | { type: 'ready' }
  | { type: 'failed'; message: string; code: string | null }
  | { type: 'result'; bytes: Uint8Array }
  | { type: 'closed' };
