import { sql } from 'kysely';
import type { TestApp } from './app.js';

/**
 * A fingerprint of every row in every table of the test's database: equal before and after a
 * request means the request changed nothing.
 */
export async function databaseDigest(t: TestApp): Promise<string> {
  const db = t.database.db;
  const tables = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  const parts: string[] = [];
  for (const { name } of tables.rows) {
    const digest = await sql<{ d: string | null }>`SELECT md5(string_agg(r::text, '|' ORDER BY r::text)) AS d FROM ${sql.table(name)} r`.execute(db);
    parts.push(`${name}:${digest.rows[0]?.d ?? 'empty'}`);
  }
  return parts.join(',');
}
