import { describe, expect, it } from 'vitest';
import { backends, openTestDatabase } from '../../test/support/database.js';
import { ManualClock, uuids } from '../../test/support/clock.js';
import { newsletter } from '../../test/support/signals.js';
import { ingestSignals } from './ingest.js';
import { createUser } from './users.js';
import type { ServiceDeps } from './deps.js';
import { defaultSettings } from '../domain/index.js';
import { findDecisionCore, saveSettings } from '../store/index.js';

describe.each(backends())('ingest (%s)', (backend) => {
  it('decides a signal posted many times at once exactly once', async () => {
    const database = await openTestDatabase(backend);
    try {
      const deps: ServiceDeps = { db: database.db, clock: new ManualClock(), ids: uuids, onActionsQueued: () => undefined };
      const user = await createUser(deps, { email: 'race@example.com', name: null });
      const signal = newsletter(user.id);
      const results = (await Promise.all(Array.from({ length: 6 }, () => ingestSignals(deps, [signal])))).flat();
      expect(new Set(results.map((r) => r.decisionId)).size).toBe(1);
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      const stored = await database.db.selectFrom('decisions').select('id').execute();
      expect(stored.map((row) => row.id)).toEqual([results[0]?.decisionId]);
    } finally {
      await database.close();
    }
  });

  it('stores every candidate in the decision\'s document and the selected one as the row approvals reference', async () => {
    const database = await openTestDatabase(backend);
    try {
      const deps: ServiceDeps = { db: database.db, clock: new ManualClock(), ids: uuids, onActionsQueued: () => undefined };
      const user = await createUser(deps, { email: 'shape@example.com', name: null });
      await saveSettings(database.db, user.id, { ...defaultSettings(), trustTiers: { ...defaultSettings().trustTiers, email: 'suggest' } }, deps.clock.now());
      const [result] = await ingestSignals(deps, [newsletter(user.id)]);
      const decision = await findDecisionCore(database.db, result?.decisionId ?? '');
      expect(decision?.outcome).toBe('needs_approval');
      expect(decision?.candidates.length).toBeGreaterThan(1);
      const selected = decision?.candidates[decision.selectedPosition ?? -1];
      const rows = await database.db
        .selectFrom('candidate_actions')
        .innerJoin('policy_verdicts', 'policy_verdicts.candidate_id', 'candidate_actions.id')
        .select(['candidate_actions.id', 'candidate_actions.action_type', 'policy_verdicts.verdict'])
        .execute();
      expect(rows).toEqual([{ id: selected?.id, action_type: selected?.action.type, verdict: selected?.verdict }]);
      const approval = await database.db.selectFrom('approval_requests').select('candidate_id').executeTakeFirst();
      expect(approval?.candidate_id).toBe(selected?.id);
    } finally {
      await database.close();
    }
  });

  it('writes nothing for any user of a request that names an unknown one', async () => {
    const database = await openTestDatabase(backend);
    try {
      const deps: ServiceDeps = { db: database.db, clock: new ManualClock(), ids: uuids, onActionsQueued: () => undefined };
      const user = await createUser(deps, { email: 'known@example.com', name: null });
      const unknown = crypto.randomUUID();
      await expect(ingestSignals(deps, [newsletter(user.id), newsletter(unknown)])).rejects.toMatchObject({ status: 404 });
      await expect(ingestSignals(deps, [newsletter(unknown)])).rejects.toMatchObject({ status: 404 });
      expect(await database.db.selectFrom('signals').select('id').execute()).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
