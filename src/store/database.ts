import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { ensurePrivateDir, tightenTree } from '../private-files/index.js';
import { acquirePidLock } from './lock-file.js';
import { pgliteOptions } from './pglite-options.js';
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
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl === null ? openEmbedded(options.dataDir) : openServer(options);
}

async function openEmbedded(dataDir: string): Promise<Database> {
  const inMemory = dataDir === ':memory:';
  let releaseLock: () => void = () => undefined;
  let pglite: PGlite;
  let dir: string | null = null;
  if (inMemory) {
    pglite = new PGlite(pgliteOptions());
  } else {
    ensurePrivateDir(dataDir);
    releaseLock = acquirePidLock(join(dataDir, 'run', 'db.lock'));
    dir = join(dataDir, 'db');
    ensurePrivateDir(dir);
    try {
      pglite = new PGlite(dir, pgliteOptions());
      await pglite.waitReady;
    } catch (error) {
      releaseLock();
      throw error;
    }
    // PGlite writes the files of a new database 0666, and installs made before SkyTwin kept db/
    // private have them so too: take group and other access away once it is open.
    try {
      tightenTree(dir);
    } catch (error) {
      await pglite.close();
      releaseLock();
      throw error;
    }
  }
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: new PreparedStatementPool(pool) }) });
  let closed = false;
  return {
    db,
    counters: db,
    kind: 'embedded',
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      try {
        await pglite.close();
        // Files made while it was open follow the process umask, which a library caller may have left loose.
        if (dir !== null) tightenTree(dir);
      } finally {
        releaseLock();
      }
    },
  };
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
