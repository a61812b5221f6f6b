import { startApi } from '../api/index.js';
import type { Config } from '../config/index.js';
import { randomIds, systemClock } from '../runtime/index.js';
import { createUser } from '../services/index.js';
import { migrate, openDatabase } from '../store/index.js';
import { isProcessAlive, readPidFile, supervisorPaths } from '../supervisor/index.js';

type Out = { out: (line: string) => void; err: (line: string) => void };

export async function migrateCommand(config: Config, io: Out): Promise<number> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const ran = await migrate(database.db);
    io.out(ran.length === 0 ? 'migrations: up to date' : `migrations: applied ${ran.length} (${ran.at(-1) ?? ''})`);
    return 0;
  } finally {
    await database.close();
  }
}

export async function userAddCommand(config: Config, input: { email: string; name: string | null }, io: Out): Promise<number> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database.db);
    const user = await createUser(
      { db: database.db, clock: systemClock, ids: randomIds, onActionsQueued: () => undefined },
      input,
    );
    io.out(user.id);
    io.err(`user token (shown once): ${user.token}`);
    return 0;
  } finally {
    await database.close();
  }
}

export async function apiCommand(config: Config, io: Out): Promise<number> {
  const api = await startApi(config, { log: io.out });
  const stop = new Promise<number>((resolve) => {
    const shutdown = (signal: string) => {
      io.out(`api stopping (${signal})`);
      const started = Date.now();
      api.close().then(
        () => {
          io.out(`api stopped in ${Date.now() - started} ms`);
          resolve(0);
        },
        () => resolve(1),
      );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
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

/** Asks each supervised process's health endpoint; exits 1 when one is not ready. */
export async function statusCommand(config: Config, io: Out): Promise<number> {
  const paths = supervisorPaths(config.dataDir);
  const pid = (file: string): string => {
    const value = readPidFile(file);
    if (value === null) return 'pid -';
    return isProcessAlive(value) ? `pid ${value}` : `pid ${value} (not running)`;
  };
  io.out(`supervisor  ${pid(paths.supervisorPidFile)}`);
  let healthy = true;
  for (const probe of ['live', 'ready'] as const) {
    try {
      const response = await fetch(`${config.apiUrl}/api/health/${probe}`, { signal: AbortSignal.timeout(3000) });
      if (!response.ok) healthy = false;
      io.out(`api         ${pid(paths.pidFile('api'))}  ${probe}: ${response.status === 200 ? 'ok' : `HTTP ${response.status}`}`);
    } catch (error) {
      healthy = false;
      io.out(`api         ${pid(paths.pidFile('api'))}  ${probe}: down (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return healthy ? 0 : 1;
}
