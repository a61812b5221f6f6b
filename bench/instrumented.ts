import { join } from 'node:path';
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { Config } from '../src/config/index.js';
import { acquirePidLock, PreparedStatementPool, type Schema } from '../src/store/index.js';

/** Every statement Kysely sends (BEGIN and COMMIT included), with the time spent in the driver and database. */
export class SqlLog {
  count = 0;
  ms = 0;
  readonly byStatement = new Map<string, { count: number; ms: number }>();
  /** While true, statements are also tallied by kind in `byStatement`. */
  grouping = false;

  record(event: LogEvent): void {
    this.count += 1;
    this.ms += event.queryDurationMillis;
    if (!this.grouping) return;
    const key = statementKey(event.query.sql);
    const entry = this.byStatement.get(key) ?? { count: 0, ms: 0 };
    entry.count += 1;
    entry.ms += event.queryDurationMillis;
    this.byStatement.set(key, entry);
  }

  /** Count and time since `mark()`. */
  since(mark: { count: number; ms: number }): { count: number; ms: number } {
    return { count: this.count - mark.count, ms: this.ms - mark.ms };
  }

  mark(): { count: number; ms: number } {
    return { count: this.count, ms: this.ms };
  }
}

/** Enough of a statement to tell which repository call sent it: verb and tables, parameters elided. */
function statementKey(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (/^with /i.test(flat)) {
    const tables = [...flat.matchAll(/insert into "?(\w+)"?/gi)].map((m) => m[1]);
    return `one write: ${tables.join(', ')}`;
  }
  const insert = /^insert into "?(\w+)"?/i.exec(flat);
  if (insert) return `insert into ${insert[1]}${/on conflict/i.test(flat) ? ' on conflict' : ''}`;
  const update = /^update "?(\w+)"?/i.exec(flat);
  if (update) return `update ${update[1]}`;
  const select = topLevelSelect(flat);
  if (select) {
    const subqueries = (select.columns.match(/\(select /gi) ?? []).length;
    if (subqueries > 0) return `one read: ${select.table} and ${subqueries} subqueries`;
    const join = /inner join "?(\w+)"?/i.exec(select.rest);
    const what = /count\(\*\)|sum\(/i.test(select.columns) ? 'aggregate' : 'rows';
    return `select ${what} from ${select.table}${join ? ` join ${join[1]}` : ''}`;
  }
  return flat.slice(0, 60).toLowerCase();
}

/** Splits `select <columns> from <table> <rest>` at the FROM outside any parentheses. */
function topLevelSelect(flat: string): { columns: string; table: string; rest: string } | null {
  if (!/^select /i.test(flat)) return null;
  let depth = 0;
  for (let i = 0; i < flat.length; i++) {
    const char = flat[i];
    if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    else if (depth === 0 && /^ from "?(\w+)"?/i.test(flat.slice(i, i + 80))) {
      const match = /^ from "?(\w+)"?(.*)$/i.exec(flat.slice(i));
      return { columns: flat.slice(7, i), table: match?.[1] ?? '?', rest: match?.[2] ?? '' };
    }
  }
  return null;
}

export interface InstrumentedDatabase {
  db: Kysely<Schema>;
  sql: SqlLog;
  /** The embedded engine itself, to time a statement without the node-postgres adapter; null on a server. */
  pglite: PGlite | null;
  close(): Promise<void>;
}

/**
 * Opens the benchmark's database the way src/store does (same pool, same dialect) but with
 * Kysely's `log` option, which the store does not expose. Embedded: only once the API has
 * released the data dir.
 */
export async function openInstrumented(config: Config): Promise<InstrumentedDatabase> {
  const sqlLog = new SqlLog();
  const log = (event: LogEvent) => {
    if (event.level === 'query') sqlLog.record(event);
  };
  if (config.databaseUrl !== null) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
    pool.on('error', () => undefined);
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: new PreparedStatementPool(pool) }), log });
    return { db, sql: sqlLog, pglite: null, close: () => db.destroy() };
  }
  const releaseLock = acquirePidLock(join(config.dataDir, 'run', 'db.lock'));
  let pglite: PGlite;
  try {
    pglite = new PGlite(join(config.dataDir, 'db'));
    await pglite.waitReady;
  } catch (error) {
    releaseLock();
    throw error;
  }
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: new PreparedStatementPool(pool) }), log });
  return {
    db,
    sql: sqlLog,
    pglite,
    async close() {
      await db.destroy();
      await pglite.close();
      releaseLock();
    },
  };
}
