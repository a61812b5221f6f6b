import type { Config } from '../config/index.js';
import { migrate } from '../store/index.js';
import { findRunningApi } from './api-link.js';
import { openDirect } from './open-direct.js';

type Out = { out: (line: string) => void; err: (line: string) => void };

/**
 * `skytwin migrate`. A server database (DATABASE_URL) is migrated from here: its APIs wait for it.
 * The embedded database belongs to the running API while there is one, and that API applied
 * every pending step before it served; so there is nothing to do, and nothing is opened.
 */
export async function migrateCommand(config: Config, io: Out): Promise<number> {
  let whyNotApi = 'no API was asked';
  if (config.databaseUrl === null) {
    const presence = await findRunningApi(config, { onWaiting: io.err });
    if (presence.kind === 'running') {
      const ready = await fetch(`${presence.api.url}/api/health/ready`, { signal: AbortSignal.timeout(10_000) });
      await ready.arrayBuffer();
      if (ready.status !== 200) {
        io.err(`skytwin: the API at ${presence.api.url} holds the embedded database but is not ready (health: HTTP ${ready.status}); see its log`);
        return 1;
      }
      io.out(`migrations: up to date (the running API at ${presence.api.url} migrated the embedded database when it started)`);
      return 0;
    }
    whyNotApi = presence.reason;
  }
  const database = await openDirect(config, whyNotApi);
  try {
    const ran = await migrate(database.db);
    io.out(ran.length === 0 ? 'migrations: up to date' : `migrations: applied ${ran.length} (${ran.at(-1) ?? ''})`);
    return 0;
  } finally {
    await database.close();
  }
}
