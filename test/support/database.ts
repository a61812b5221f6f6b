import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, openDatabase, type Database } from '../../src/store/index.js';

export type Backend = 'embedded' | 'postgres';

/** The embedded database always; PostgreSQL too when DATABASE_URL is set. */
export function backends(): Backend[] {
  return process.env.DATABASE_URL ? ['embedded', 'postgres'] : ['embedded'];
}

/** The backend a higher-level test runs on: PostgreSQL when DATABASE_URL is set, else embedded. */
export function primaryBackend(): Backend {
  return process.env.DATABASE_URL ? 'postgres' : 'embedded';
}

export interface TestDatabase extends Database {
  backend: Backend;
}

/**
 * A migrated, empty database of its own: in-memory PGlite, or a fresh schema on the
 * PostgreSQL server (dropped on close), so test files never see each other's rows.
 */
export async function openTestDatabase(backend: Backend = primaryBackend()): Promise<TestDatabase> {
  if (backend === 'embedded') {
    const database = await openDatabase({ databaseUrl: null, dataDir: ':memory:' });
    await migrate(database.db);
    return { ...database, backend, close: () => database.close() };
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const database = await openDatabase({ databaseUrl: url, dataDir: ':memory:', schema, poolSize: 5 });
  await migrate(database.db);
  return {
    ...database,
    backend,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.end();
    },
  };
}

/**
 * A database of its own on the PostgreSQL server of `adminUrl` (for tests whose processes each
 * open it, so a schema of the test's own will not do), named `<prefix>_<random>`; `drop` removes it.
 */
export async function scratchServerDatabase(adminUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
