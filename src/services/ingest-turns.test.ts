import { describe, expect, it } from 'vitest';
import { backends, openTestDatabase } from '../../test/support/database.js';
import { ManualClock, uuids } from '../../test/support/clock.js';
import { emailSignal, newsletter } from '../../test/support/signals.js';
import { ingestSignals } from './ingest.js';
import { createUser } from './users.js';
import type { ServiceDeps } from './deps.js';
import { defaultSettings, type IdGenerator, type Signal } from '../domain/index.js';
import { saveSettings } from '../store/index.js';

/** Mail from a few senders, some of it newsletters (approvals when email is on `suggest`). */
function mail(userId: string, count: number): Signal[] {
  return Array.from({ length: count }, (_, i) =>
    i % 3 === 0 ? newsletter(userId) : emailSignal(userId, { from: `Friend ${i % 4} <friend${i % 4}@example.com>`, subject: `Question ${i}` }),
  );
}

describe.each(backends())('ingest of a large batch (%s)', (backend) => {
  it('lets the event loop turn while it decides: an immediate scheduled at the first decision runs before the last', async () => {
    const database = await openTestDatabase(backend);
    try {
      const deps: ServiceDeps = { db: database.db, clock: new ManualClock(), ids: uuids, onActionsQueued: () => undefined };
      const user = await createUser(deps, { email: 'turns@example.com', name: null });
      const signals = mail(user.id, 120);

      // Every id ingest draws is numbered. The first (drawn by the first decision) schedules an
      // immediate; the number it runs at is compared with the id of the last signal's decision.
      // Each id also costs 50 µs of work, so deciding the batch takes tens of milliseconds on any
      // machine: without turns of the loop between decisions the immediate could only run after
      // the last one, at the first wait for the database.
      const drawn = new Map<string, number>();
      let ranAt: number | null = null;
      const ids: IdGenerator = {
        next: () => {
          if (drawn.size === 0) setImmediate(() => (ranAt = drawn.size));
          const until = performance.now() + 0.05;
          while (performance.now() < until);
          const id = uuids.next();
          drawn.set(id, drawn.size);
          return id;
        },
      };
      const results = await ingestSignals({ ...deps, ids }, signals);

      const last = results.at(-1);
      expect(results).toHaveLength(120);
      expect(last?.duplicate).toBe(false);
      const lastDecision = drawn.get(last?.decisionId ?? '');
      expect(lastDecision).toBeDefined();
      expect(ranAt).not.toBeNull();
      expect(ranAt ?? Infinity).toBeLessThan(lastDecision ?? 0);
    } finally {
      await database.close();
    }
  });

  it('writes a batch larger than one statement in order, with its approvals and one live event, as one transaction', async () => {
    const database = await openTestDatabase(backend);
    try {
      const deps: ServiceDeps = { db: database.db, clock: new ManualClock(), ids: uuids, onActionsQueued: () => undefined };
      const user = await createUser(deps, { email: 'many@example.com', name: null });
      await saveSettings(database.db, user.id, { ...defaultSettings(), trustTiers: { ...defaultSettings().trustTiers, email: 'suggest' } }, deps.clock.now());
      const signals = mail(user.id, 80);
      // A signal repeated later in the same batch is decided once and answered as a duplicate.
      const batch = [...signals, signals[3] as Signal];
      const results = await ingestSignals(deps, batch);

      expect(results.map((r) => r.externalId)).toEqual(batch.map((s) => s.externalId));
      expect(results.at(-1)).toMatchObject({ duplicate: true, decisionId: results[3]?.decisionId });
      const decided = results.slice(0, 80).map((r) => r.decisionId);
      const stored = await database.db
        .selectFrom('decisions')
        .innerJoin('signals', 'signals.id', 'decisions.signal_id')
        .select(['decisions.id', 'signals.external_id'])
        .execute();
      expect(new Map(stored.map((row) => [row.id, row.external_id]))).toEqual(new Map(results.slice(0, 80).map((r) => [r.decisionId, r.externalId])));

      const approvals = await database.db.selectFrom('approval_requests').select('decision_id').execute();
      const needing = results.filter((r) => r.outcome === 'needs_approval').map((r) => r.decisionId);
      expect(needing.length).toBeGreaterThan(25);
      expect(approvals.map((row) => row.decision_id).sort()).toEqual([...needing].sort());

      const events = await database.db.selectFrom('user_events').select(['kind', 'payload']).where('user_id', '=', user.id).execute();
      expect(events).toHaveLength(1);
      expect(events[0]?.kind).toBe('decisions.created');
      expect((events[0]?.payload as { decisionIds: string[] }).decisionIds).toEqual(decided);

      // A value the database refuses near the end fails the whole request: nothing of it stays.
      const more = mail(user.id, 80);
      more[70] = emailSignal(user.id, { subject: 'nul \u0000 byte' });
      await expect(ingestSignals(deps, more)).rejects.toThrow();
      const after = await database.db.selectFrom('signals').select('external_id').execute();
      expect(after).toHaveLength(80);
    } finally {
      await database.close();
    }
  });
});
