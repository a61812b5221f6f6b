import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { pgliteOptions } from './pglite-options.js';

describe('embedded database settings', () => {
  it('opens with small shared buffers and keeps PGlite own start-up settings', async () => {
    const pglite = new PGlite(pgliteOptions());
    try {
      const show = async (name: string) => (await pglite.query<{ value: string }>('SELECT current_setting($1) AS value', [name])).rows[0]?.value;
      expect(await show('shared_buffers')).toBe('16MB');
      expect(await show('wal_buffers')).toBe('512kB');
      // PGlite's own defaults: without them a single-process Postgres would plan for workers.
      expect(await show('max_worker_processes')).toBe('0');
      expect(await show('search_path')).toBe('public');
    } finally {
      await pglite.close();
    }
  });
});
