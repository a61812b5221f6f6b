import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { backends, openTestDatabase } from '../../test/support/database.js';
import { DataDirLockedError, acquirePidLock } from './lock-file.js';
import { inTransaction, isDeadlock, isSerializationFailure } from './transaction.js';
import { migrate, isMigrated } from './migrations.js';
import { openDatabase } from './database.js';
import { insertUser, findUser } from './repositories/users.js';
import { recordSpend } from './repositories/history.js';
import { loadIngestContext } from './repositories/ingest-context.js';
import { enqueueAction } from './repositories/actions.js';
import { loadSettings, saveSettings } from './repositories/settings.js';
import { defaultSettings } from '../domain/index.js';

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'skytwin-store-'));
  tempDirs.push(dir);
  return dir;
};

describe('pid lock file', () => {
  it('lets one holder in, names the holder to the next, and replaces a stale lock', () => {
    const path = join(tempDir(), 'run', 'db.lock');
    const release = acquirePidLock(path);
    writeFileSync(path, String(process.ppid));
    expect(() => acquirePidLock(path)).toThrow(DataDirLockedError);
    expect(() => acquirePidLock(path)).toThrow(new RegExp(`process ${process.ppid}`));
    writeFileSync(path, '999999999');
    const again = acquirePidLock(path);
    again();
    release();
  });

  it('guards the embedded data directory: a second opener gets a clear error', async () => {
    const dir = tempDir();
    const first = await openDatabase({ databaseUrl: null, dataDir: dir });
    writeFileSync(join(dir, 'run', 'db.lock'), String(process.ppid));
    await expect(openDatabase({ databaseUrl: null, dataDir: dir })).rejects.toThrow(/in use by process/);
    writeFileSync(join(dir, 'run', 'db.lock'), String(process.pid));
    await migrate(first.db);
    await first.close();
    const reopened = await openDatabase({ databaseUrl: null, dataDir: dir });
    expect(await isMigrated(reopened.db)).toBe(true);
    await reopened.close();
  });
});

describe.each(backends())('store on %s', (backend) => {
  it('migrates idempotently', async () => {
    const database = await openTestDatabase(backend);
    try {
      expect(await migrate(database.db)).toEqual([]);
      expect(await isMigrated(database.db)).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('keeps money exact through int8 and sums a rolling 24 hours', async () => {
    const database = await openTestDatabase(backend);
    try {
      const now = new Date('2026-11-24T12:00:00Z');
      const user = await insertUser(database.db, { id: crypto.randomUUID(), email: 'm@example.com', name: null, tokenHash: 'h1', now });
      expect(user).not.toBeNull();
      const userId = user?.id ?? '';
      await saveSettings(database.db, userId, { ...defaultSettings(), spendLimits: { perActionCents: 9_007_199_254_740, dailyCents: 1 } }, now);
      expect((await loadSettings(database.db, userId)).spendLimits.perActionCents).toBe(9_007_199_254_740);
      const decisionFree = async (cents: number, at: Date) => {
        const signalId = crypto.randomUUID();
        const decisionId = crypto.randomUUID();
        const candidateId = crypto.randomUUID();
        await database.db.insertInto('signals').values({ id: signalId, user_id: userId, source: 'gmail', external_id: signalId, type: 'email.received', occurred_at: at, data: '{}', created_at: at }).execute();
        await database.db.insertInto('decisions').values({ id: decisionId, user_id: userId, signal_id: signalId, domain: 'finance', situation_kind: 'x', situation: '{}', counterpart: null, tier: 'high', outcome: 'auto_execute', selected_position: 0, reasons: '[]', not_before: null, created_at: at }).execute();
        await database.db.insertInto('candidate_actions').values({ id: candidateId, decision_id: decisionId, position: 0, action_type: 'approve_renewal', domain: 'finance', parameters: '{}', reversibility: 'none', estimated_cost_cents: cents, risk_overall: 'low', risk: '{}', rationale: '', prediction: '{}' }).execute();
        const actionId = crypto.randomUUID();
        await enqueueAction(database.db, { id: actionId, userId, decisionId, candidateId, kind: 'execute', undoOf: null, type: 'approve_renewal', domain: 'finance', parameters: {}, reversibility: 'none', estimatedCostCents: cents, authorizedBy: 'policy', notBefore: null, now: at });
        await recordSpend(database.db, { id: crypto.randomUUID(), userId, actionId, domain: 'finance', amountCents: cents, at });
      };
      await decisionFree(1999, new Date('2026-11-23T11:59:59Z'));
      await decisionFree(4501, new Date('2026-11-23T12:00:01Z'));
      await decisionFree(1, new Date('2026-11-24T11:00:00Z'));
      const context = await loadIngestContext(database.db, { userId, keys: [], counterparts: [], calendar: null, now });
      expect(context?.spentLast24hCents).toBe(4502);
      expect(context?.settings.spendLimits.perActionCents).toBe(9_007_199_254_740);
      expect(await findUser(database.db, userId)).toMatchObject({ email: 'm@example.com' });
    } finally {
      await database.close();
    }
  });

  it('rolls a failed transaction back completely', async () => {
    const database = await openTestDatabase(backend);
    try {
      const now = new Date();
      await expect(
        inTransaction(database.db, async (trx) => {
          await insertUser(trx, { id: crypto.randomUUID(), email: 'gone@example.com', name: null, tokenHash: 'h2', now });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const row = await database.db.selectFrom('users').select('id').where('email', '=', 'gone@example.com').executeTakeFirst();
      expect(row).toBeUndefined();
    } finally {
      await database.close();
    }
  });
});

describe('transaction helper retry on 40001', () => {
  it('retries the whole callback on a serialization failure and gives up after maxAttempts', async () => {
    const database = await openTestDatabase('embedded');
    try {
      let calls = 0;
      const result = await inTransaction(
        database.db,
        async () => {
          calls++;
          if (calls < 3) throw Object.assign(new Error('could not serialize access'), { code: '40001' });
          return 'done';
        },
        { sleep: async () => undefined },
      );
      expect(result).toBe('done');
      expect(calls).toBe(3);
      let attempts = 0;
      await expect(
        inTransaction(
          database.db,
          async () => {
            attempts++;
            throw Object.assign(new Error('could not serialize access'), { code: '40001' });
          },
          { sleep: async () => undefined, maxAttempts: 4 },
        ),
      ).rejects.toThrow('serialize');
      expect(attempts).toBe(4);
      let other = 0;
      await expect(
        inTransaction(database.db, async () => {
          other++;
          throw new Error('not retryable');
        }),
      ).rejects.toThrow('not retryable');
      expect(other).toBe(1);
      expect(isSerializationFailure({ code: '40001' })).toBe(true);
      expect(isSerializationFailure({ code: '23505' })).toBe(false);
    } finally {
      await database.close();
    }
  });

  it.runIf(Boolean(process.env.DATABASE_URL))('survives real serialization failures forced on PostgreSQL', async () => {
    const database = await openTestDatabase('postgres');
    try {
      const now = new Date();
      const user = await insertUser(database.db, { id: crypto.randomUUID(), email: 'race@example.com', name: null, tokenHash: 'h3', now });
      const userId = user?.id ?? '';
      await saveSettings(database.db, userId, defaultSettings(), now);
      let attempts = 0;
      // Each transaction reads the limit then writes it: concurrent ones conflict at SERIALIZABLE
      // and PostgreSQL aborts all but one with 40001. The helper must retry until every increment lands.
      const increment = () =>
        inTransaction(database.db, async (trx) => {
          attempts++;
          const row = await trx.selectFrom('user_settings').select('daily_cents').where('user_id', '=', userId).executeTakeFirstOrThrow();
          await sql`SELECT pg_sleep(0.02)`.execute(trx);
          await trx.updateTable('user_settings').set({ daily_cents: Number(row.daily_cents) + 1 }).where('user_id', '=', userId).execute();
        }, { maxAttempts: 50, baseDelayMs: 5 });
      await Promise.all(Array.from({ length: 5 }, increment));
      const final = await database.db.selectFrom('user_settings').select('daily_cents').where('user_id', '=', userId).executeTakeFirstOrThrow();
      expect(Number(final.daily_cents)).toBe(defaultSettings().spendLimits.dailyCents + 5);
      expect(attempts).toBeGreaterThan(5);
    } finally {
      await database.close();
    }
  });
});

describe('transaction helper retry on 40P01', () => {
  it('retries a deadlock like a serialization failure, and nothing else', async () => {
    const database = await openTestDatabase('embedded');
    try {
      let calls = 0;
      const result = await inTransaction(
        database.db,
        async () => {
          calls++;
          if (calls === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
          return 'done';
        },
        { sleep: async () => undefined },
      );
      expect(result).toBe('done');
      expect(calls).toBe(2);
      expect(isDeadlock({ code: '40P01' })).toBe(true);
      expect(isDeadlock({ code: '40001' })).toBe(false);
      expect(isDeadlock(null)).toBe(false);
    } finally {
      await database.close();
    }
  });

  it.runIf(Boolean(process.env.DATABASE_URL))('survives a real deadlock on PostgreSQL: the loser is retried and both commit', async () => {
    const database = await openTestDatabase('postgres');
    try {
      const now = new Date();
      const ids: string[] = [];
      for (const email of ['lock-a@example.com', 'lock-b@example.com']) {
        const user = await insertUser(database.db, { id: crypto.randomUUID(), email, name: null, tokenHash: `h-${email}`, now });
        ids.push(user?.id ?? '');
        await saveSettings(database.db, user?.id ?? '', defaultSettings(), now);
      }
      const [a, b] = ids as [string, string];
      // Each transaction locks its first row, waits until the other holds its own, then asks for
      // the other's: a lock cycle PostgreSQL breaks by aborting one of them with 40P01.
      const holding = () => {
        const held = { done: () => {}, promise: Promise.resolve() };
        held.promise = new Promise<void>((resolve) => (held.done = resolve));
        return held;
      };
      const holds = { [a]: holding(), [b]: holding() };
      const attempts: Record<string, number> = { [a]: 0, [b]: 0 };
      const codes: unknown[] = [];
      const bump = (trx: Parameters<Parameters<typeof inTransaction>[1]>[0], userId: string) =>
        sql`UPDATE user_settings SET daily_cents = daily_cents + 1 WHERE user_id = ${userId}`.execute(trx).catch((error: unknown) => {
          codes.push((error as { code?: unknown }).code);
          throw error;
        });
      const crosswise = (first: string, second: string) =>
        inTransaction(
          database.db,
          async (trx) => {
            attempts[first] = (attempts[first] ?? 0) + 1;
            await bump(trx, first);
            holds[first]?.done();
            await holds[second]?.promise;
            await bump(trx, second);
          },
          { baseDelayMs: 5 },
        );
      await Promise.all([crosswise(a, b), crosswise(b, a)]);

      expect(codes).toContain('40P01');
      expect((attempts[a] ?? 0) + (attempts[b] ?? 0)).toBeGreaterThan(2);
      const rows = await database.db.selectFrom('user_settings').select(['user_id', 'daily_cents']).where('user_id', 'in', ids).execute();
      const expected = defaultSettings().spendLimits.dailyCents + 2;
      expect(rows.map((row) => Number(row.daily_cents))).toEqual([expected, expected]);
    } finally {
      await database.close();
    }
  });
});

describe('the counters connection', () => {
  it.runIf(Boolean(process.env.DATABASE_URL))('on PostgreSQL commits without waiting for the disk, while every other write still does', async () => {
    const database = await openTestDatabase('postgres');
    try {
      const setting = async (db: typeof database.db) => (await sql<{ synchronous_commit: string }>`SHOW synchronous_commit`.execute(db)).rows[0]?.synchronous_commit;
      expect(await setting(database.counters)).toBe('off');
      expect(await setting(database.db)).toBe('on');
      // The search path (the test's own schema) still applies to it.
      const tables = await sql<{ n: string }>`SELECT count(*) AS n FROM rate_limit_windows`.execute(database.counters);
      expect(Number(tables.rows[0]?.n)).toBe(0);
    } finally {
      await database.close();
    }
  });

  it('is the one connection of the embedded database', async () => {
    const database = await openTestDatabase('embedded');
    try {
      expect(database.counters).toBe(database.db);
    } finally {
      await database.close();
    }
  });
});
