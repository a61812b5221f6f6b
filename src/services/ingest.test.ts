import { describe, expect, it } from 'vitest';
import { backends, openTestDatabase } from '../../test/support/database.js';
import { ManualClock, uuids } from '../../test/support/clock.js';
import { newsletter } from '../../test/support/signals.js';
import { ingestSignals } from './ingest.js';
import { createUser } from './users.js';
import type { ServiceDeps } from './deps.js';

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
