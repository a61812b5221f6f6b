import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parseConfig, type Config } from '../src/config/index.js';
import { migrate, openDatabase } from '../src/store/index.js';
import type { Cleanup } from './cleanup.js';

export interface BenchBackend {
  /** 'embedded' or 'postgresql': the heading of the report. */
  name: string;
  /** Where the data lives, for the report (no credentials). */
  where: string;
  config: Config;
}

/** A fresh data dir in the temp folder; removed by the cleanup. */
function tempDataDir(cleanup: Cleanup): string {
  const dir = mkdtempSync(join(tmpdir(), 'skytwin-bench-'));
  cleanup.add(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Settings as `skytwin api` would parse them, on port 0 so the OS picks a free one. */
function benchConfig(dataDir: string, databaseUrl: string | null): Config {
  return parseConfig(
    { SKYTWIN_DATA_DIR: dataDir, SKYTWIN_API_PORT: '0', LOG_LEVEL: 'warn', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    dataDir,
  );
}

/** Migrates first, as `npm start` does: the API only becomes ready on a migrated database. */
async function migrated(config: Config): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database.db);
  } finally {
    await database.close();
  }
}

/** PGlite on disk in a fresh SKYTWIN_DATA_DIR, as users run it. */
export async function embeddedBackend(cleanup: Cleanup): Promise<BenchBackend> {
  const dataDir = tempDataDir(cleanup);
  const config = benchConfig(dataDir, null);
  await migrated(config);
  return { name: 'embedded', where: `PGlite in ${join(dataDir, 'db')}`, config };
}

/** A database `<prefix>_<random>` of the run's own on the server of `adminUrl`, dropped by the cleanup. */
export async function scratchDatabase(adminUrl: string, prefix: string, cleanup: Cleanup): Promise<{ name: string; url: URL }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  cleanup.add(`drop database ${name}`, () => dropDatabase(adminUrl, name));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url };
}

/** A fresh, migrated database `skytwin_bench_<random>` on the server of `adminUrl`, dropped by the cleanup. */
export async function postgresBackend(adminUrl: string, cleanup: Cleanup): Promise<BenchBackend> {
  const { name, url } = await scratchDatabase(adminUrl, 'skytwin_bench', cleanup);
  const config = benchConfig(tempDataDir(cleanup), url.toString());
  await migrated(config);
  return { name: 'postgresql', where: `database ${name} on ${url.host}`, config };
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // FORCE ends connections a crashed run may have left; PostgreSQL before 13 lacks it, and
    // CockroachDB wants CASCADE instead.
    await admin
      .query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      .catch(() => admin.query(`DROP DATABASE IF EXISTS ${name} CASCADE`))
      .catch(() => admin.query(`DROP DATABASE IF EXISTS ${name}`));
  } finally {
    await admin.end();
  }
}
