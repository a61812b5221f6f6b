import type { PGliteOptions } from '@electric-sql/pglite';

/** The options every embedded database is opened with, wherever it runs. */
export function pgliteOptions(): PGliteOptions {
  return {};
}
