import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { beginEmbedded } from './embedded-start.js';

describe('the embedded database started before the store is loaded', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'skytwin-begin-'));
    dirs.push(dir);
    return dir;
  };

  it('holds the lock from the start, and openDatabase goes on from it to a working database', async () => {
    const dir = dataDir();
    const lock = join(dir, 'run', 'db.lock');
    const begun = beginEmbedded(dir);
    // The lock is taken at once, before the thread has opened PGlite.
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    const database = await openDatabase({ databaseUrl: null, dataDir: dir, begun });
    try {
      const result = await sql<{ n: number }>`SELECT 41 + 1 AS n`.execute(database.db);
      expect(result.rows[0]?.n).toBe(42);
    } finally {
      await database.close();
    }
    expect(existsSync(lock)).toBe(false);
  });

  it('hands a lock held by another live process to openDatabase as its failure, never as a throw', async () => {
    const dir = dataDir();
    mkdirSync(join(dir, 'run'), { recursive: true });
    // The process that started this test runner is alive and is not this one.
    writeFileSync(join(dir, 'run', 'db.lock'), String(process.ppid));
    let begun: Promise<unknown> | null = null;
    expect(() => {
      begun = beginEmbedded(dir);
    }).not.toThrow();
    await expect(begun).rejects.toMatchObject({ code: 'data_dir_locked' });
    await expect(openDatabase({ databaseUrl: null, dataDir: dir, begun: beginEmbedded(dir) })).rejects.toMatchObject({ code: 'data_dir_locked' });
    expect(existsSync(join(dir, 'db', 'PG_VERSION'))).toBe(false);
  });
});
