// Persistence: the database (embedded PGlite or a PostgreSQL/CockroachDB server), migrations,
// the transaction helper, and one thin Kysely repository per aggregate.
export { openDatabase } from './database.js';
export type { Database, DatabaseKind, OpenOptions } from './database.js';
export { DataDirLockedError, acquirePidLock } from './lock-file.js';
export { migrate, isMigrated, MIGRATIONS } from './migrations.js';
export { inTransaction, isSerializationFailure } from './transaction.js';
export { PreparedStatementPool } from './prepared-pool.js';
export { isDataException, isUniqueViolation } from './sql-errors.js';
export { writeTogether, type WriteStep } from './write-together.js';
export type { Schema } from './schema.js';
export * from './repositories/users.js';
export * from './repositories/settings.js';
export * from './repositories/signals.js';
export * from './repositories/history.js';
export * from './repositories/decisions.js';
export * from './repositories/decision-views.js';
export * from './repositories/approvals.js';
export * from './repositories/actions.js';
export * from './repositories/twin.js';
export * from './repositories/twin-versions.js';
export * from './repositories/ingest-context.js';
export * from './repositories/connections.js';
export * from './repositories/sync-state.js';
export * from './repositories/rate-limits.js';
export * from './repositories/answers.js';
export * from './repositories/poll-leases.js';
export * from './repositories/sessions.js';
export * from './repositories/user-events.js';
