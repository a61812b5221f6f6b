import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Kysely, PostgresDialect, sql, type Kysely as KyselyType } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.js';
import { PgliteThreadConnection } from './pglite-connection.js';
import { EmbeddedDatabaseLostError, PgliteThread } from './pglite-thread.js';
import { PreparedStatementPool } from './prepared-pool.js';
import { inTransaction } from './transaction.js';
import type { Schema } from './schema.js';

// The embedded database on its worker thread, end to end: real thread, real PGlite, pg on top.
describe('embedded database on a worker thread', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ databaseUrl: null, dataDir: ':memory:' });
    await sql`CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)`.execute(database.db);
  });
  afterAll(() => database.close());

  it('answers queries with parameters, the same statement again (prepared), and rows in order', async () => {
    for (const n of [1, 2, 3]) {
      const result = await sql<{ n: number; label: string }>`SELECT ${n}::int AS n, ${'é ✓ ' + n}::text AS label`.execute(database.db);
      expect(result.rows).toEqual([{ n, label: `é ✓ ${n}` }]);
    }
    const series = await sql<{ i: number }>`SELECT i FROM generate_series(1, 5000) AS i`.execute(database.db);
    expect(series.rows.map((row) => row.i)).toEqual(Array.from({ length: 5000 }, (_, index) => index + 1));
  });

  it('turns a failed statement into pg\'s own error, with code, message and detail, and keeps going', async () => {
    await sql`INSERT INTO notes (id, body) VALUES (1, 'first')`.execute(database.db);
    const failed = await sql`INSERT INTO notes (id, body) VALUES (1, 'again')`.execute(database.db).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(pg.DatabaseError);
    expect(failed).toMatchObject({ code: '23505', detail: 'Key (id)=(1) already exists.' });
    expect((failed as Error).message).toMatch(/duplicate key value violates unique constraint/);
    const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notes`.execute(database.db);
    expect(count.rows[0]?.n).toBe(1);
  });

  it('commits a transaction whole, and rolls one back whole when its callback throws', async () => {
    await inTransaction(database.db, async (trx) => {
      await sql`INSERT INTO notes (id, body) VALUES (10, 'ten')`.execute(trx);
      await sql`INSERT INTO notes (id, body) VALUES (11, 'eleven')`.execute(trx);
    });
    const refused = inTransaction(database.db, async (trx) => {
      await sql`INSERT INTO notes (id, body) VALUES (12, 'twelve')`.execute(trx);
      throw new Error('changed my mind');
    });
    await expect(refused).rejects.toThrow('changed my mind');
    const ids = await sql<{ id: number }>`SELECT id FROM notes WHERE id >= 10 ORDER BY id`.execute(database.db);
    expect(ids.rows.map((row) => row.id)).toEqual([10, 11]);
  });

  it('keeps the event loop free while a long statement runs', async () => {
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const started = performance.now();
    await sql`SELECT count(DISTINCT md5(i::text)) FROM generate_series(1, 400000) AS i`.execute(database.db);
    const queryMs = performance.now() - started;
    delay.disable();
    const worstStallMs = delay.max / 1e6;
    // In process, the loop would stall for the whole statement; here it stays a small part of it.
    expect(queryMs).toBeGreaterThan(100);
    expect(worstStallMs).toBeLessThan(queryMs / 4);
  });
});

describe('a data directory on the thread', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'skytwin-thread-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('closes PGlite, ends the thread, releases the lock, and keeps what was written', async () => {
    const first = await openDatabase({ databaseUrl: null, dataDir: dir });
    await sql`CREATE TABLE kept (v text)`.execute(first.db);
    await sql`INSERT INTO kept VALUES ('still here')`.execute(first.db);
    await first.close();
    await first.close();
    expect(existsSync(join(dir, 'run', 'db.lock'))).toBe(false);
    const second = await openDatabase({ databaseUrl: null, dataDir: dir });
    try {
      expect((await sql<{ v: string }>`SELECT v FROM kept`.execute(second.db)).rows).toEqual([{ v: 'still here' }]);
    } finally {
      await second.close();
    }
  });
});

describe('a crashed database thread', () => {
  it('fails the running query and every later one with a clear error, never hangs', async () => {
    const thread = await PgliteThread.open(null);
    const pool = new pg.Pool({ connection: new PgliteThreadConnection(thread), max: 1 } as pg.PoolConfig);
    pool.on('error', () => undefined);
    const db: KyselyType<Schema> = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: new PreparedStatementPool(pool) }) });
    try {
      expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(db)).rows).toEqual([{ one: 1 }]);
      const running = sql`SELECT count(DISTINCT md5(i::text)) FROM generate_series(1, 5000000) AS i`.execute(db).catch((error: unknown) => error);
      await thread.terminate();
      const failed = await running;
      expect(failed).toBeInstanceOf(EmbeddedDatabaseLostError);
      expect((failed as Error).message).toMatch(/embedded database stopped .*restart SkyTwin/);
      expect(thread.failure()).toBeInstanceOf(EmbeddedDatabaseLostError);
      await expect(sql`SELECT 1`.execute(db)).rejects.toThrow(EmbeddedDatabaseLostError);
    } finally {
      await db.destroy();
      await thread.close();
    }
  });
});
