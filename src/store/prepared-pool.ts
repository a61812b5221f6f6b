import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/** Statements longer than this are one-off batch inserts: parsing them once each is cheaper than keeping them. */
const MAX_PREPARED_TEXT = 8_192;
/** Per connection; past this, new texts run unnamed, so a stream of distinct statements cannot grow memory. */
const MAX_PREPARED_PER_CONNECTION = 1_000;

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|start transaction|savepoint|release)\b/i;

/**
 * A pool whose connections run each statement as a named prepared statement, so the database
 * parses and plans a given SQL text once per connection instead of on every call. Kysely's
 * queries have stable texts with `$n` parameters, so the hot path hits the cache every time.
 */
export class PreparedStatementPool implements PostgresPool {
  private readonly prepared = new WeakMap<pg.PoolClient, Set<string>>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly maxPerConnection = MAX_PREPARED_PER_CONNECTION,
  ) {}

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.pool.connect();
    let names = this.prepared.get(client);
    if (!names) {
      names = new Set();
      this.prepared.set(client, names);
    }
    return new PreparedStatementClient(client, names, this.maxPerConnection);
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

class PreparedStatementClient implements PostgresPoolClient {
  constructor(
    private readonly client: pg.PoolClient,
    private readonly names: Set<string>,
    private readonly maxNames: number,
  ) {}

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(sqlOrCursor: string | PostgresCursor<R>, parameters?: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sqlOrCursor !== 'string') return this.client.query(sqlOrCursor as never) as PostgresCursor<R>;
    const values = [...(parameters ?? [])];
    const name = this.nameFor(sqlOrCursor);
    const config: pg.QueryConfig = name ? { name, text: sqlOrCursor, values } : { text: sqlOrCursor, values };
    return this.client.query(config) as unknown as Promise<PostgresQueryResult<R>>;
  }

  release(destroy?: boolean): void {
    this.client.release(destroy);
  }

  private nameFor(text: string): string | null {
    if (text.length > MAX_PREPARED_TEXT || TRANSACTION_CONTROL.test(text)) return null;
    const name = `skytwin_${createHash('sha1').update(text).digest('hex')}`;
    if (this.names.has(name)) return name;
    if (this.names.size >= this.maxNames) return null;
    this.names.add(name);
    return name;
  }
}
