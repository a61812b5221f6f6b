import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Config } from '../src/config/index.js';
import { migrate, openDatabase, type Schema } from '../src/store/index.js';

/** What a decision writes, table by table, and how to find a batch's rows in each. */
const TABLES: readonly { table: string; key: 'signal' | 'decision' | 'action' }[] = [
  { table: 'signals', key: 'signal' },
  { table: 'decisions', key: 'decision' },
  { table: 'candidate_actions', key: 'decision' },
  { table: 'policy_verdicts', key: 'decision' },
  { table: 'explanations', key: 'decision' },
  { table: 'approval_requests', key: 'decision' },
  { table: 'actions', key: 'decision' },
  { table: 'spend_tracking', key: 'action' },
];

type Row = Record<string, unknown>;

export interface RawWrites {
  signals: number;
  seconds: number;
  /** Per table: rows and JSON bytes per signal, and its share of the insert time. */
  tables: { table: string; rowsPerSignal: number; jsonBytesPerSignal: number; share: number }[];
}

/**
 * The floor under batched ingest: the rows the timed batches stored (decisions made in
 * [from, to]), inserted again into a fresh embedded database with the same schema, one
 * transaction per batch of `batchSize` signals of one user and one multi-row INSERT per table,
 * through Kysely and node-postgres as the API sends them, with no pipeline around them.
 */
export async function rawWrites(config: Config, from: Date, to: Date, batchSize: number): Promise<RawWrites> {
  const source = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let batches: Map<string, Row[]>[];
  let users: Row[];
  let jsonColumns: Map<string, Set<string>>;
  try {
    jsonColumns = await jsonColumnsOf(source.db);
    const decisions = await sql<{ id: string; user_id: string; signal_id: string }>`
      SELECT id, user_id, signal_id FROM decisions WHERE created_at >= ${from} AND created_at <= ${to} ORDER BY user_id, created_at, id`.execute(source.db);
    users = (await sql<Row>`SELECT * FROM users WHERE id IN (SELECT user_id FROM decisions WHERE created_at >= ${from} AND created_at <= ${to})`.execute(source.db)).rows;
    batches = [];
    for (const chunk of chunksByUser(decisions.rows, batchSize)) batches.push(await rowsOf(source.db, chunk));
  } finally {
    await source.close();
  }
  const dir = mkdtempSync(join(tmpdir(), 'skytwin-raw-'));
  const target = await openDatabase({ databaseUrl: null, dataDir: dir });
  try {
    await migrate(target.db);
    await insertRows(target.db, 'users', users, jsonColumns);
    const ms = new Map<string, number>();
    let signals = 0;
    const started = performance.now();
    for (const batch of batches) {
      await target.db.transaction().execute(async (trx) => {
        for (const [table, rows] of batch) {
          const before = performance.now();
          await insertRows(trx, table, rows, jsonColumns);
          ms.set(table, (ms.get(table) ?? 0) + performance.now() - before);
        }
      });
      signals += batch.get('signals')?.length ?? 0;
    }
    const seconds = (performance.now() - started) / 1000;
    const totalMs = [...ms.values()].reduce((a, b) => a + b, 0);
    const tables = TABLES.map(({ table }) => {
      const rows = batches.flatMap((batch) => batch.get(table) ?? []);
      const columns = jsonColumns.get(table) ?? new Set<string>();
      const jsonBytes = rows.reduce((sum, row) => sum + [...columns].reduce((s, c) => s + (row[c] == null ? 0 : JSON.stringify(row[c]).length), 0), 0);
      return { table, rowsPerSignal: rows.length / signals, jsonBytesPerSignal: jsonBytes / signals, share: (ms.get(table) ?? 0) / totalMs };
    }).filter((t) => t.rowsPerSignal > 0);
    return { signals, seconds, tables };
  } finally {
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function chunksByUser<T extends { user_id: string }>(rows: T[], size: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  for (const row of rows) {
    if (current.length === size || (current.length > 0 && current[0]?.user_id !== row.user_id)) {
      chunks.push(current);
      current = [];
    }
    current.push(row);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

async function rowsOf(db: Kysely<Schema>, decisions: { id: string; signal_id: string }[]): Promise<Map<string, Row[]>> {
  const present = new Set((await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`.execute(db)).rows.map((r) => r.name));
  const ids = { signal: decisions.map((d) => d.signal_id), decision: decisions.map((d) => d.id), action: [] as string[] };
  const out = new Map<string, Row[]>();
  for (const { table, key } of TABLES) {
    if (!present.has(table)) continue;
    const column = key === 'signal' || (key === 'decision' && table === 'decisions') ? 'id' : key === 'decision' ? 'decision_id' : 'action_id';
    const wanted = ids[key];
    const rows = wanted.length === 0 ? [] : (await sql<Row>`SELECT * FROM ${sql.table(table)} WHERE ${sql.ref(column)} IN (${sql.join(wanted)})`.execute(db)).rows;
    if (table === 'actions') ids.action = rows.map((r) => String(r.id));
    if (rows.length > 0) out.set(table, rows);
  }
  return out;
}

async function jsonColumnsOf(db: Kysely<Schema>): Promise<Map<string, Set<string>>> {
  const rows = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND data_type IN ('jsonb', 'json')`.execute(db);
  const out = new Map<string, Set<string>>();
  for (const row of rows.rows) out.set(row.table_name, (out.get(row.table_name) ?? new Set()).add(row.column_name));
  return out;
}

async function insertRows(db: Kysely<Schema>, table: string, rows: Row[], jsonColumns: Map<string, Set<string>>): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const json = jsonColumns.get(table) ?? new Set<string>();
  const values = rows.map((row) => sql`(${sql.join(columns.map((c) => (json.has(c) && row[c] !== null ? JSON.stringify(row[c]) : row[c])))})`);
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) VALUES ${sql.join(values)}`.execute(db);
}
