import { PGlite, type PGliteOptions } from '@electric-sql/pglite';

/**
 * Postgres settings for the embedded database, passed on its command line so they override the
 * data directory's postgresql.conf without rewriting it.
 *
 * shared_buffers: Postgres's default 128MB is touched in full when PGlite starts, and
 * WebAssembly memory is never given back, so it was a third of the API's resident memory. The
 * pages past the buffers stay in the operating system's file cache, which serves PGlite's reads
 * almost as fast; ingest keeps its speed at 16MB (bench/memory, bench/pipeline). wal_buffers
 * follows it (1/32 of it).
 */
export const EMBEDDED_SETTINGS: Readonly<Record<string, string>> = {
  shared_buffers: '16MB',
};

/** The options every embedded database is opened with, wherever it runs. */
export function pgliteOptions(): PGliteOptions {
  return {
    startParams: [...PGlite.defaultStartParams, ...Object.entries(EMBEDDED_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`])],
  };
}
