import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backends, openTestDatabase } from '../../test/support/database.js';
import { insertUser } from './repositories/users.js';
import { signalInsert } from './repositories/signals.js';
import { isUniqueViolation } from './sql-errors.js';
import { writeTogether } from './write-together.js';
import type { Signal } from '../domain/index.js';

const now = new Date('2026-11-24T12:00:00Z');

function signal(userId: string, externalId: string): Signal {
  return {
    userId,
    source: 'gmail',
    externalId,
    type: 'email.received',
    occurredAt: now.toISOString(),
    data: { messageId: externalId, threadId: externalId, from: 'a@b.example', to: [], cc: [], subject: '', snippet: '', labels: [], listUnsubscribe: null, bodyText: '' },
  };
}

describe.each(backends())('writing in one statement (%s)', (backend) => {
  it('inserts rows that reference each other and counts each step', async () => {
    const database = await openTestDatabase(backend);
    try {
      const { db } = database;
      const user = await insertUser(db, { id: randomUUID(), email: 'w@example.com', name: null, tokenHash: 'h', now });
      const userId = user?.id ?? '';
      const signalId = randomUUID();
      const decision = db
        .insertInto('decisions')
        .values({ id: randomUUID(), user_id: userId, signal_id: signalId, domain: 'email', situation_kind: 'x', situation: '{}', counterpart: null, tier: 'observer', outcome: 'shadow', selected_position: null, reasons: '[]', not_before: null, created_at: now })
        .returning('id');
      const counts = await writeTogether(db, [...signalInsert(db, [{ id: signalId, signal: signal(userId, 'm1') }], now), { name: 'decisions', query: decision }]);
      expect(Object.fromEntries(counts)).toEqual({ signals: 1, decisions: 1 });
      const stored = await db.selectFrom('decisions').select('signal_id').execute();
      expect(stored).toEqual([{ signal_id: signalId }]);
    } finally {
      await database.close();
    }
  });

  it('writes nothing when one step fails, and names a repeated signal as a unique violation', async () => {
    const database = await openTestDatabase(backend);
    try {
      const { db } = database;
      const user = await insertUser(db, { id: randomUUID(), email: 'w@example.com', name: null, tokenHash: 'h', now });
      const userId = user?.id ?? '';
      await writeTogether(db, signalInsert(db, [{ id: randomUUID(), signal: signal(userId, 'm1') }], now));
      const again = signalInsert(db, [
        { id: randomUUID(), signal: signal(userId, 'm2') },
        { id: randomUUID(), signal: signal(userId, 'm1') },
      ], now);
      const failure = await writeTogether(db, again).then(() => null, (error: unknown) => error);
      expect(isUniqueViolation(failure, 'signals')).toBe(true);
      expect(isUniqueViolation(failure, 'decisions')).toBe(false);
      const ids = await db.selectFrom('signals').select('external_id').execute();
      expect(ids).toEqual([{ external_id: 'm1' }]);
    } finally {
      await database.close();
    }
  });

  it('refuses steps it could not name safely', async () => {
    const database = await openTestDatabase(backend);
    try {
      const [step] = signalInsert(database.db, [{ id: randomUUID(), signal: signal(randomUUID(), 'm1') }], now);
      if (!step) throw new Error('no step');
      await expect(writeTogether(database.db, [step, step])).rejects.toThrow(/distinct/);
      await expect(writeTogether(database.db, [{ ...step, name: 'x"; drop' }])).rejects.toThrow(/distinct lower-case names/);
    } finally {
      await database.close();
    }
  });
});
