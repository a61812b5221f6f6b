import type { LogEvent } from 'kysely';
import { parseConfig } from '../src/config/index.js';
import type { Signal } from '../src/domain/index.js';
import { randomIds, systemClock } from '../src/runtime/index.js';
import { ingestSignals, TemporalProfiles, type ServiceDeps } from '../src/services/index.js';
import { openInstrumented } from './instrumented.js';
import { signalStream, type BenchUser } from './signals.js';

/**
 * Prints the plan and timing (EXPLAIN ANALYZE) of every read one ingest sends, on an embedded
 * database that is not in use, e.g. the one `npm run bench:history` keeps:
 *   node --import tsx bench/explain-ingest.ts <data dir> [signals] [--analyze]
 * The signals are real ingests: they stay in the database. `--analyze` first runs ANALYZE (which
 * the embedded database otherwise never does) and prints what it cost; its statistics stay too.
 */
const args = process.argv.slice(2);
const analyzeFirst = args.includes('--analyze');
const [dataDir, count] = args.filter((arg) => arg !== '--analyze');
if (!dataDir) {
  process.stderr.write('usage: node --import tsx bench/explain-ingest.ts <SKYTWIN_DATA_DIR> [number of signals, default 4] [--analyze]\n');
  process.exit(2);
}
const config = parseConfig({ SKYTWIN_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, dataDir);
const database = await openInstrumented(config);
const pglite = database.pglite;
if (!pglite) throw new Error('an embedded database was expected');
const captured: LogEvent[] = [];
if (analyzeFirst) {
  const started = performance.now();
  await pglite.query('ANALYZE');
  process.stdout.write(`ANALYZE of the whole database: ${(performance.now() - started).toFixed(0)} ms\n`);
}
database.sql.record = (event) => captured.push(event);

const busiest = await pglite.query<{ id: string; email: string; n: number }>(
  `SELECT u.id, u.email, count(*)::int AS n FROM users u JOIN decisions d ON d.user_id = u.id GROUP BY u.id, u.email ORDER BY n DESC LIMIT 1`,
);
const user = busiest.rows[0];
if (!user) throw new Error('no user has decisions');
process.stdout.write(`user ${user.id} with ${user.n} decisions\n`);
const benchUser: BenchUser = { id: user.id, email: user.email, name: 'Bench User', org: user.email.split('@')[1] ?? 'example.com' };
const next = signalStream([benchUser], `explain${Date.now().toString(36)}`, 3, new Date());
const services: ServiceDeps = { db: database.db, clock: systemClock, ids: randomIds, temporal: new TemporalProfiles(null), onActionsQueued: () => undefined };
const sources = new Set<string>();
const total = Number(count ?? 4);
for (let sent = 0; sent < total || !sources.has('calendar'); sent++) {
  const signal: Signal = next();
  sources.add(signal.source);
  captured.length = 0;
  await ingestSignals(services, [signal]);
  process.stdout.write(`\n=== ${signal.source} signal: ${captured.length} statements\n`);
  for (const event of captured) {
    const text = event.query.sql;
    process.stdout.write(`\n-- ${event.queryDurationMillis.toFixed(2)} ms: ${text.replace(/\s+/g, ' ').slice(0, 160)}\n`);
    if (!/^\s*select/i.test(text)) continue;
    const plan = await pglite.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, [...event.query.parameters]);
    for (const row of plan.rows) process.stdout.write(`   ${row['QUERY PLAN']}\n`);
  }
  if (sent > 20) break;
}
await database.close();
