import type { Config } from '../config/index.js';
import { DataDirLockedError, openDatabase, type Database } from '../store/index.js';

/**
 * Opens the database in this process, for when no running API can do the work. If another
 * process holds the embedded database, the error also says why its API could not be used.
 */
export async function openDirect(config: Config, whyNotApi: string): Promise<Database> {
  try {
    return await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    throw new Error(
      `the embedded database is in use by process ${error.holderPid} (lock file ${error.path}), and ${whyNotApi}. ` +
        'If SkyTwin runs with another SKYTWIN_API_PORT or SKYTWIN_API_URL, set the same here; otherwise stop that process first.',
    );
  }
}
