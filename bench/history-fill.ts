import { sql, type Kysely } from 'kysely';
import { MIGRATIONS, type Schema } from '../src/store/index.js';

/** One column of a table copied from its template rows, and how a copy rewrites it. */
interface CopiedColumn {
  name: string;
  expression: string;
}

interface CopiedTable {
  name: string;
  columns: CopiedColumn[];
}

const DAY_SECONDS = 86_400;

/**
 * The tables that grow with a user's history: signals, everything that hangs off a signal or a
 * decision by foreign key (found in the catalog, so a table or column added later is copied
 * too), the live-event log and the calendar. Parents come before children.
 */
export async function historyTables(db: Kysely<Schema>): Promise<CopiedTable[]> {
  const fks = await sql<{ child: string; parent: string; column: string }>`
    SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent, a.attname AS column
    FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`.execute(db);
  const tables = new Set(['signals']);
  for (let grew = true; grew; ) {
    grew = false;
    for (const fk of fks.rows) {
      if (tables.has(fk.parent) && !tables.has(fk.child) && fk.child !== fk.parent) {
        tables.add(fk.child);
        grew = true;
      }
    }
  }
  tables.add('user_events');
  tables.add('calendar_events');
  const ordered = topological([...tables], fks.rows);
  const userColumns = new Set(fks.rows.filter((fk) => fk.parent === 'users').map((fk) => `${fk.child}.${fk.column}`));
  const uniqueTails = await uniqueTextTails(db);
  const described: CopiedTable[] = [];
  for (const name of ordered) {
    const columns = await sql<{ name: string; type: string }>`
      SELECT column_name AS name, data_type AS type FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${name} ORDER BY ordinal_position`.execute(db);
    described.push({
      name,
      columns: columns.rows.map((column) => ({ name: column.name, expression: copyExpression(name, column, userColumns, uniqueTails) })),
    });
  }
  return described;
}

/**
 * Copy `g` of a row: ids (other than the user's) are replaced by a hash of the id and `g`, the
 * same in every table, so references stay intact; times move back `g` steps; the last text
 * column of a unique key gets a suffix so the copy is a different signal, event or action.
 */
function copyExpression(table: string, column: { name: string; type: string }, userColumns: Set<string>, uniqueTails: Set<string>): string {
  const ref = `r."${column.name}"`;
  if (column.type === 'uuid' && !userColumns.has(`${table}.${column.name}`)) return `md5(${ref}::text || '/' || g::text)::uuid`;
  if (column.type === 'timestamp with time zone') return `${ref} - (g * $step) * interval '1 second'`;
  if (uniqueTails.has(`${table}.${column.name}`)) return `${ref} || '~' || g::text`;
  return ref;
}

async function uniqueTextTails(db: Kysely<Schema>): Promise<Set<string>> {
  const rows = await sql<{ table: string; column: string; type: string }>`
    SELECT c.conrelid::regclass::text AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type
    FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[array_length(c.conkey, 1)]
    WHERE c.contype IN ('u', 'p') AND c.connamespace = current_schema()::regnamespace`.execute(db);
  return new Set(rows.rows.filter((row) => row.type === 'text').map((row) => `${row.table}.${row.column}`));
}

function topological(tables: string[], fks: { child: string; parent: string }[]): string[] {
  const done: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (done.includes(table) || path.has(table)) return;
    path.add(table);
    for (const fk of fks) if (fk.child === table && fk.parent !== table && tables.includes(fk.parent)) visit(fk.parent, path);
    done.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return done;
}

export interface FillPlan {
  /** Copies of the template to add: copy g's times lie g steps before the template's. */
  copies: number;
  /** How far back the oldest copy lies. */
  spanDays: number;
  /** Copies per statement. */
  chunk: number;
  /** Statements run on the template tables (`bench_template_<table>`) before copying: history is older than the template. */
  aging: string[];
}

/**
 * Adds `copies` copies of every history row the template holds, set-based (one INSERT … SELECT
 * over generate_series per table and chunk). Foreign keys are not re-checked row by row: every
 * copied reference points at a copy made by the same chunk. Answers the seconds it took.
 */
export async function fillHistory(db: Kysely<Schema>, plan: FillPlan, progress: (line: string) => void): Promise<number> {
  const started = performance.now();
  const tables = await historyTables(db);
  const step = Math.max(1, Math.floor((plan.spanDays * DAY_SECONDS) / plan.copies));
  for (const table of tables) {
    await sql.raw(`DROP TABLE IF EXISTS "bench_template_${table.name}"`).execute(db);
    await sql.raw(`CREATE TABLE "bench_template_${table.name}" AS SELECT * FROM "${table.name}"`).execute(db);
  }
  for (const statement of plan.aging) await sql.raw(statement).execute(db);
  // Building an index once at the end is far cheaper than keeping it current row by row; the
  // keys behind constraints stay (they are what keeps the copies distinct).
  const indexes = await sql<{ name: string; definition: string }>`
    SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename IN (${sql.join(tables.map((t) => t.name))})
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`.execute(db);
  for (const index of indexes.rows) await sql.raw(`DROP INDEX "${index.name}"`).execute(db);
  const spent = new Map<string, number>();
  for (let from = 1; from <= plan.copies; from += plan.chunk) {
    const to = Math.min(plan.copies, from + plan.chunk - 1);
    await db.transaction().execute(async (trx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      for (const table of tables) {
        const names = table.columns.map((column) => `"${column.name}"`).join(', ');
        const values = table.columns.map((column) => column.expression.replaceAll('$step', String(step))).join(', ');
        const tableStarted = performance.now();
        await sql
          .raw(`INSERT INTO "${table.name}" (${names}) SELECT ${values} FROM "bench_template_${table.name}" AS r CROSS JOIN generate_series(${from}, ${to}) AS g`)
          .execute(trx);
        spent.set(table.name, (spent.get(table.name) ?? 0) + performance.now() - tableStarted);
      }
    });
    const seconds = (performance.now() - started) / 1000;
    const slowest = [...spent.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
    progress(`copies ${to}/${plan.copies} in ${seconds.toFixed(0)} s (most time: ${slowest.map(([name, ms]) => `${name} ${(ms / 1000).toFixed(0)} s`).join(', ')})`);
  }
  for (const table of tables) await sql.raw(`DROP TABLE "bench_template_${table.name}"`).execute(db);
  for (const index of indexes.rows) await sql.raw(index.definition).execute(db);
  progress(`indexes built again in ${((performance.now() - started) / 1000).toFixed(0)} s since the start`);
  await countAgain(db, progress);
  return (performance.now() - started) / 1000;
}

/**
 * Counters kept beside the history (sender_history) hold only the template's counts after the
 * copy: they are counted again over every row, by the statement of the migration that fills them
 * for a database made before they existed.
 */
async function countAgain(db: Kysely<Schema>, progress: (line: string) => void): Promise<void> {
  const exists = await sql<{ found: string | null }>`SELECT to_regclass('sender_history')::text AS found`.execute(db);
  if (!exists.rows[0]?.found) return;
  const fill = MIGRATIONS.find((migration) => migration.id === '0081_sender_history_filled');
  if (!fill) throw new Error('the migration that fills sender_history is missing');
  const started = performance.now();
  await sql.raw(fill.sql).execute(db);
  progress(`sender_history counted again in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
