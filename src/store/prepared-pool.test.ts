import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { describe, expect, it } from 'vitest';
import { backends, type Backend } from '../../test/support/database.js';
import { PreparedStatementPool } from './prepared-pool.js';

async function withDatabase(maxPerConnection: number, run: (db: Kysely<Record<string, never>>) => Promise<void>, backend: Backend = 'embedded') {
  const pglite = backend === 'embedded' ? new PGlite() : null;
  const config = pglite ? createPgConfig(pglite) : { connectionString: process.env.DATABASE_URL };
  const db = new Kysely<Record<string, never>>({
    dialect: new PostgresDialect({ pool: new PreparedStatementPool(new pg.Pool({ ...config, max: 1 }), maxPerConnection) }),
  });
  try {
    await run(db);
  } finally {
    await db.destroy();
    await pglite?.close();
  }
}

const prepared = async (db: Kysely<Record<string, never>>) =>
  (await sql<{ name: string; statement: string }>`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'skytwin_%'`.execute(db)).rows;

describe('prepared statement pool', () => {
  it('prepares each statement text once per connection and answers correctly every time', async () => {
    await withDatabase(10, async (db) => {
      for (const n of [1, 2, 3]) {
        const { rows } = await sql<{ n: number }>`SELECT ${n}::int + 1 AS n`.execute(db);
        expect(rows).toEqual([{ n: n + 1 }]);
      }
      const statements = await prepared(db);
      expect(statements.filter((s) => s.statement.includes('+ 1 AS n'))).toHaveLength(1);
    });
  });

  it('leaves transaction control unnamed and stops naming past its cap, still answering', async () => {
    await withDatabase(2, async (db) => {
      await db.transaction().execute(async (trx) => {
        for (const n of [1, 2, 3, 4]) {
          const { rows } = await sql<{ n: number }>`SELECT ${n}::int * ${sql.lit(n)} AS n`.execute(trx);
          expect(rows).toEqual([{ n: n * n }]);
        }
      });
      const statements = await prepared(db);
      expect(statements).toHaveLength(2);
      expect(statements.some((s) => /begin|commit/i.test(s.statement))).toBe(false);
    });
  });

  it.each(backends())('names at most four lengths of one shape (lists of parameters), still answering the rest (%s)', async (backend) => {
    await withDatabase(100, async (db) => {
      for (const length of [1, 2, 3, 4, 5, 6, 7]) {
        const values = Array.from({ length }, (_, i) => i + 1);
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM generate_series(1, 10) AS g WHERE g IN (${sql.join(values)})`.execute(db);
        expect(rows).toEqual([{ n: length }]);
        // Two lists in one text: each pair of lengths is a text of its own, all of one shape.
        const pair = await sql<{ n: number }>`SELECT ${length}::int AS n WHERE 1 IN (${sql.join(values)}) AND 2 IN (${sql.join([2, ...values])})`.execute(db);
        expect(pair.rows).toEqual([{ n: length }]);
      }
      const statements = await prepared(db);
      expect(statements.filter((s) => s.statement.includes('generate_series'))).toHaveLength(4);
      expect(statements.filter((s) => s.statement.includes('AND 2 IN'))).toHaveLength(4);
      // A shape's own lengths keep their names: running one again adds none.
      await sql`SELECT count(*)::int AS n FROM generate_series(1, 10) AS g WHERE g IN (${sql.join([1, 2])})`.execute(db);
      expect(await prepared(db)).toHaveLength(statements.length);
    }, backend);
  });

  it('surfaces an error in a statement and keeps the connection usable', async () => {
    await withDatabase(10, async (db) => {
      await expect(sql`SELECT * FROM no_such_table WHERE id = ${1}`.execute(db)).rejects.toThrow(/no_such_table/);
      const { rows } = await sql<{ ok: boolean }>`SELECT ${true}::boolean AS ok`.execute(db);
      expect(rows).toEqual([{ ok: true }]);
    });
  });
});
