import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/** Statements longer than this are one-off batch inserts: parsing them once each is cheaper than keeping them. */
const MAX_PREPARED_TEXT = 8_192;
/** Per connection; past this, new texts run unnamed, so a stream of distinct statements cannot grow memory. */
const MAX_PREPARED_PER_CONNECTION = 1_000;
/**
 * Per connection, texts of one shape that differ only in how many parameters a list holds
 * (`in ($4, $5)`, rows of `values`): past this many, further lengths run unnamed. A query with
 * several such lists (the ingest context read) has a new text on almost every call, and each
 * plan prepared for one stays in the database's memory; the embedded database's never shrinks:
 * after 100,000 signals over a hundred of them held 31 MB of it (bench/memory).
 */
const MAX_PREPARED_PER_SHAPE = 4;
/** A run of parameters separated by commas or by row boundaries: what varies within a shape. */
const PARAMETER_RUN = /\$\d+(?:(?:, |\), \()\$\d+)*/g;

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|start transaction|savepoint|release)\b/i;

/**
 * A pool whose connections run each statement as a named prepared statement, so the database
 * parses and plans a given SQL text once per connection instead of on every call. Kysely's
 * queries have stable texts with `$n` parameters, so the hot path hits the cache every time.
 */
export class PreparedStatementPool implements PostgresPool {
  private readonly prepared = new WeakMap<pg.PoolClient, Prepared>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly maxPerConnection = MAX_PREPARED_PER_CONNECTION,
    private readonly maxPerShape = MAX_PREPARED_PER_SHAPE,
  ) {}

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.pool.connect();
    let prepared = this.prepared.get(client);
    if (!prepared) {
      prepared = { names: new Set(), shapes: new Map() };
      this.prepared.set(client, prepared);
    }
    return new PreparedStatementClient(client, prepared, this.maxPerConnection, this.maxPerShape);
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

/** What one connection has prepared: the statement names, and how many of them each shape has. */
interface Prepared {
  names: Set<string>;
  shapes: Map<string, number>;
}

class PreparedStatementClient implements PostgresPoolClient {
  constructor(
    private readonly client: pg.PoolClient,
    private readonly prepared: Prepared,
    private readonly maxNames: number,
    private readonly maxPerShape: number,
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
    const { names, shapes } = this.prepared;
    const name = `skytwin_${createHash('sha1').update(text).digest('hex')}`;
    if (names.has(name)) return name;
    if (names.size >= this.maxNames) return null;
    const shape = createHash('sha1').update(text.replace(PARAMETER_RUN, '$')).digest('hex');
    const ofShape = shapes.get(shape) ?? 0;
    if (ofShape >= this.maxPerShape) return null;
    shapes.set(shape, ofShape + 1);
    names.add(name);
    return name;
  }
}
