import type { Config } from '../config/index.js';

type Out = { out: (line: string) => void; err: (line: string) => void };

/**
 * `skytwin api`: the database begins to open (on the embedded database: its thread, WASM start and
 * any crash recovery) before the store's and the HTTP side's modules load, so a restart waits for
 * the slower of the two rather than for both in turn.
 */
export async function apiCommand(config: Config, io: Out): Promise<number> {
  // Caught from the start: a stop that comes while the API starts (right after "api listening",
  // say) waits for it and closes it cleanly instead of ending the process mid-write.
  const signalled = new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  // The embedded database's thread starts first: its module loads only the lock and the thread.
  const { beginEmbedded } = await import('../store/embedded-start.js');
  const since = performance.now();
  const begun = config.databaseUrl === null ? beginEmbedded(config.dataDir) : undefined;
  begun?.catch(() => undefined);
  const { openDatabase } = await import('../store/index.js');
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, ...(begun ? { begun } : {}) });
  // startApi takes the failure over; until it does, it must not count as unhandled.
  database.catch(() => undefined);
  const { startApi } = await import('../api/index.js');
  const api = await startApi(config, { log: io.out, opening: { database, since } });
  const stop = signalled.then(async (signal) => {
    io.out(`api stopping (${signal})`);
    const started = Date.now();
    try {
      await api.close();
      io.out(`api stopped in ${Date.now() - started} ms`);
      return 0;
    } catch {
      return 1;
    }
  });
  const failed = api.ready.then(
    () => new Promise<number>(() => undefined),
    async (error: unknown) => {
      io.err(`skytwin api: ${error instanceof Error ? error.message : String(error)}`);
      await api.close();
      return 1;
    },
  );
  return Promise.race([stop, failed]);
}
