import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { tightenTree } from '../private-files/index.js';
import { beginEmbedded, lockDataDir, type EmbeddedStart } from './embedded-start.js';
import { PgliteThreadConnection } from './pglite-connection.js';
import type { PgliteThread } from './pglite-thread.js';
import { PreparedStatementPool } from './prepared-pool.js';
import type { Schema } from './schema.js';

export type DatabaseKind = 'embedded' | 'server';

export interface Database {
  readonly db: Kysely<Schema>;
  /**
   * For counters (the per-user rate limit) that may lose their last moments when the database
   * server itself crashes: on PostgreSQL its commits do not wait for the disk, which is most of
   * a counted request's cost there. Elsewhere it is `db`.
   */
  readonly counters: Kysely<Schema>;
  readonly kind: DatabaseKind;
  /** Why the database can no longer answer (the embedded database's thread died), or null while it can. */
  failure(): string | null;
  /** Closes the pool (and the embedded database, releasing its lock). Safe to call twice. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL, or null for the embedded database. */
  databaseUrl: string | null;
  /** Embedded: the directory holding `db/` and `run/db.lock`; ':memory:' for a throwaway in-memory database. */
  dataDir: string;
  /** Server: search_path for the session (tests isolate themselves in a schema). */
  schema?: string;
  poolSize?: number;
  /**
   * Embedded: run PGlite on a worker thread (the default), so its WASM never holds the caller's
   * event loop; false runs it in process (benchmarks compare the two).
   */
  embeddedThread?: boolean;
  /** Embedded, on its thread: the start `beginEmbedded(dataDir)` already made, to go on from. */
  begun?: Promise<EmbeddedStart>;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl === null ? openEmbedded(options.dataDir, options.embeddedThread ?? true, options.begun) : openServer(options);
}

/** PGlite as the pool's one connection reaches it: on its thread, or in process. */
interface EmbeddedEngine {
  connection: pg.ClientConfig;
  failure(): string | null;
  close(): Promise<void>;
}

async function openEmbedded(dataDir: string, onThread: boolean, begun: Promise<EmbeddedStart> | undefined): Promise<Database> {
  let engine: EmbeddedEngine;
  let dir: string | null;
  let releaseLock: () => void;
  if (onThread) {
    const started = await (begun ?? beginEmbedded(dataDir));
    ({ dir, releaseLock } = started);
    engine = threadEngine(started.thread);
  } else {
    ({ dir, releaseLock } = lockDataDir(dataDir));
    try {
      engine = await inProcessEngine(dir);
    } catch (error) {
      releaseLock();
      throw error;
    }
  }
  if (dir !== null) {
    // PGlite writes the files of a new database 0666, and installs made before SkyTwin kept db/
    // private have them so too: take group and other access away once it is open.
    try {
      tightenTree(dir);
    } catch (error) {
      await engine.close();
      releaseLock();
      throw error;
    }
  }
  const pool = new pg.Pool({ ...engine.connection, max: 1 });
  // A lost thread fails the queries it was running; the pool must not turn it into a crash.
  pool.on('error', () => undefined);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: new PreparedStatementPool(pool) }) });
  let closed = false;
  return {
    db,
    counters: db,
    kind: 'embedded',
    failure: () => engine.failure(),
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      try {
        await engine.close();
        // Files made while it was open follow the process umask, which a library caller may have left loose.
        if (dir !== null) tightenTree(dir);
      } finally {
        releaseLock();
      }
    },
  };
}

function threadEngine(thread: PgliteThread): EmbeddedEngine {
  return {
    connection: { connection: new PgliteThreadConnection(thread) } as pg.ClientConfig,
    failure: () => thread.failure()?.message ?? null,
    close: () => thread.close(),
  };
}

async function inProcessEngine(dir: string | null): Promise<EmbeddedEngine> {
  // Loaded here, not with the store: PGlite's JavaScript takes 0.1 s to load and the API's own
  // thread never runs it (its thread does), so a restart no longer loads it twice.
  const [{ PGlite }, { createPgConfig }, { pgliteOptions }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/node-postgres'),
    import('./pglite-options.js'),
  ]);
  const pglite = dir === null ? new PGlite(pgliteOptions()) : new PGlite(dir, pgliteOptions());
  await pglite.waitReady;
  return { connection: createPgConfig(pglite) as pg.ClientConfig, failure: () => null, close: () => pglite.close() };
}

async function openServer(options: OpenOptions): Promise<Database> {
  const pool = serverPool(options, options.poolSize ?? 10);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: new PreparedStatementPool(pool) }) });
  const counterPool = serverPool(options, 2);
  // The session setting is PostgreSQL's; CockroachDB (whose version() says so) keeps its defaults.
  counterPool.on('connect', (client) => {
    client.query("SELECT set_config('synchronous_commit', 'off', false) WHERE version() LIKE 'PostgreSQL%'").catch(() => undefined);
  });
  const counters = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: new PreparedStatementPool(counterPool) }) });
  let closed = false;
  return {
    db,
    counters,
    kind: 'server',
    failure: () => null,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([db.destroy(), counters.destroy()]);
    },
  };
}

function serverPool(options: OpenOptions, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.databaseUrl ?? undefined,
    max,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // A broken idle connection must not crash the process; the next query gets a fresh one.
  pool.on('error', () => undefined);
  return pool;
}
