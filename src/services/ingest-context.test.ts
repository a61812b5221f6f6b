import { describe, expect, it } from 'vitest';
import { backends, openTestDatabase } from '../../test/support/database.js';
import { ManualClock, uuids } from '../../test/support/clock.js';
import { newsletter } from '../../test/support/signals.js';
import { defaultSettings } from '../domain/index.js';
import { loadIngestContext, saveSettings } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { ingestSignals } from './ingest.js';
import { createUser } from './users.js';

describe.each(backends())('ingest context (%s)', (backend) => {
  it('counts executed actions per domain up to the ramp the user set, and no further', async () => {
    const database = await openTestDatabase(backend);
    try {
      const clock = new ManualClock();
      const deps: ServiceDeps = { db: database.db, clock, ids: uuids, onActionsQueued: () => undefined };
      const user = await createUser(deps, { email: 'ramp@example.com', name: null });
      const suggest = { ...defaultSettings(), trustTiers: { ...defaultSettings().trustTiers, email: 'suggest' as const } };
      await saveSettings(database.db, user.id, suggest, clock.now());
      await ingestSignals(deps, Array.from({ length: 15 }, () => newsletter(user.id)));
      const selected = await database.db.selectFrom('approval_requests').select(['decision_id', 'candidate_id']).execute();
      expect(selected).toHaveLength(15);
      await database.db
        .insertInto('actions')
        .values(
          selected.map((row, index) => ({
            id: crypto.randomUUID(),
            user_id: user.id,
            decision_id: row.decision_id,
            candidate_id: row.candidate_id,
            kind: 'execute',
            undo_of: null,
            action_type: 'archive',
            domain: 'email',
            parameters: '{}',
            reversibility: 'reversible',
            estimated_cost_cents: 0,
            authorized_by: 'user',
            idempotency_key: `ramp-${index}`,
            state: index === 0 ? 'failed' : 'succeeded',
            attempts: 1,
            lease_until: null,
            not_before: null,
            result: null,
            error: null,
            created_at: clock.now(),
            updated_at: clock.now(),
          })),
        )
        .execute();
      const read = (ramp: number) =>
        saveSettings(database.db, user.id, { ...suggest, trustProgression: { ...suggest.trustProgression, newDomainApprovals: ramp } }, clock.now()).then(() =>
          loadIngestContext(database.db, { userId: user.id, keys: [], counterparts: [], calendar: null, now: clock.now() }),
        );
      expect((await read(10))?.executedInDomain).toEqual({ email: 10, calendar: 0, finance: 0 });
      expect((await read(12))?.executedInDomain.email).toBe(12);
      expect((await read(100))?.executedInDomain.email).toBe(14);
    } finally {
      await database.close();
    }
  });
});
