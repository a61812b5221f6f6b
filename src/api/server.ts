import type { Kysely } from 'kysely';
import type { Config } from '../config/index.js';
import { DEMO_ACCOUNT, isDemoMode } from '../config/index.js';
import { OutboxRunner, RecordingExecutor, type ActionExecutor } from '../executor/index.js';
import { createBriefingSummarizer, createLlmClient, createMailInterpreter, createReplyDrafter } from '../llm/index.js';
import { hostTimeZone, randomIds, systemClock, ensureApiToken } from '../runtime/index.js';
import { ACTIVE_USER_DAYS, BriefingDeliveries, ensureDemoUser, expireApprovalsNow, mintSignInLink, proposeDueFollowUps, TemporalProfiles, UserEventBus, type ServiceDeps } from '../services/index.js';
import { dropEndedSignIns, dropRateWindowsBefore, dropUserEventsBefore, isMigrated, migrate, openDatabase, type Database, type Schema } from '../store/index.js';
import { buildApp } from './app.js';
import { wireGoogle } from './google-wiring.js';
import type { ReadinessCheck } from './context.js';
import { STREAM_TIMING } from './event-stream.js';
import { StartUpTimeline } from './start-up-timeline.js';
import { lazySchemasOf } from './lazy-schemas.js';

export interface RunningApi {
  url: string;
  /** Settles once the database is connected and migrated; rejects if it never can be (e.g. locked). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface ApiOptions {
  executor?: ActionExecutor;
  log?: (line: string) => void;
  /**
   * The database, opening since `since` (performance.now()), before the caller loaded the API's
   * modules, so that the embedded database's start and crash recovery overlap them; the first
   * attempt to connect. Without it startApi begins opening before it builds the HTTP side.
   */
  opening?: { database: Promise<Database>; since: number };
}

/**
 * Begins opening the database, serves HTTP as soon as it is built (liveness), then waits for the
 * database and its migrations (readiness), then starts the outbox runner and, in the background,
 * the start-up work. The only module that listens.
 */
export async function startApi(config: Config, options: ApiOptions = {}): Promise<RunningApi> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const timeline = new StartUpTimeline();
  timeline.mark('node started', performance.nodeTiming.bootstrapComplete);
  timeline.mark('modules loaded');
  const apiToken = ensureApiToken(config.dataDir);
  if (options.opening) timeline.mark('database opening', options.opening.since);
  else timeline.mark('database opening');
  const firstOpening = options.opening?.database ?? openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  // Observed here so a failure is never an unhandled rejection; connect() sees it too.
  firstOpening.catch(() => undefined);
  let database: Database | null = null;
  let migrated = false;
  let dbError = 'connecting';
  let port = config.apiPort;
  // One client, so readings and drafts share one breaker: a model that is down is skipped for both.
  const llmClient = config.llm ? createLlmClient(config.llm) : null;
  const services: ServiceDeps = {
    get db(): Kysely<Schema> {
      if (!database) throw new Error('database not connected');
      return database.db;
    },
    get counters(): Kysely<Schema> {
      if (!database) throw new Error('database not connected');
      return database.counters;
    },
    clock: systemClock,
    ids: randomIds,
    temporal: new TemporalProfiles(hostTimeZone()),
    onActionsQueued: () => runner?.nudge(),
    events: new UserEventBus(),
    interpreter: llmClient && config.llm ? createMailInterpreter(llmClient, config.llm.concurrency) : undefined,
    drafter: llmClient && config.llm ? createReplyDrafter(llmClient, config.llm.concurrency) : undefined,
    summarizer: llmClient ? createBriefingSummarizer(llmClient) : undefined,
  };
  if (config.llm) log(`language model: ${config.llm.model} at ${config.llm.url} names mail the rules leave unknown, writes reply drafts and sums up the briefing (the rules do when it is slow, down or odd)`);
  let runner: OutboxRunner | null = null;
  const readiness = async (): Promise<ReadinessCheck[]> => [
    { name: 'database:connection', ok: database !== null && database.failure() === null, detail: database ? (database.failure() ?? `${database.kind} connected`) : dbError },
    {
      name: 'database:migrations',
      ok: migrated,
      detail: migrated ? 'up to date' : 'pending: run `bin/skytwin migrate` (npm start does this)',
    },
  ];
  const wired = wireGoogle(config, services);
  const serveHttp = async () => {
    const built = await buildApp({
      services,
      google: wired?.google ?? null,
      apiToken,
      port: () => port,
      allowedHosts: config.apiAllowedHosts,
      readiness,
      demoMode: isDemoMode(config),
      isServing: () => database !== null && migrated,
      rateLimit: config.rateLimit,
      logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel,
    });
    await built.listen({ host: config.apiHost, port: config.apiPort });
    return built;
  };
  let app: Awaited<ReturnType<typeof serveHttp>>;
  try {
    app = await serveHttp();
  } catch (error) {
    // Never serving, this process will not use the database it began to open: release its lock.
    void firstOpening.then((opened) => opened.close()).catch(() => undefined);
    throw error;
  }
  timeline.mark('listening');
  const address = app.server.address();
  if (address && typeof address === 'object') port = address.port;
  const url = `http://${clientHost(config.apiHost)}:${port}`;
  const mode = !isDemoMode(config) ? '' : wired ? ` (demo mode: Google is played by the emulator at ${config.googleApiBaseUrl})` : ' (demo mode: no Google credentials set, so nothing is synced)';
  const everywhere = config.apiHost === '0.0.0.0' || config.apiHost === '::';
  log(`api listening on ${url}${everywhere ? ` (bound to ${config.apiHost}: every interface)` : ''}${mode}`);

  let closing = false;
  let sweeper: NodeJS.Timeout | null = null;
  // The briefing sweep under way, if any: close waits for it before the database goes.
  let briefing: Promise<unknown> | null = null;
  let startUpWork: Promise<void> = Promise.resolve();
  const connect = async (): Promise<void> => {
    let attempt: Promise<Database> | null = firstOpening;
    while (!closing && database === null) {
      try {
        database = await (attempt ?? openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
      } catch (error) {
        attempt = null;
        dbError = error instanceof Error ? error.message : String(error);
        log(`database not available: ${dbError}`);
        if ((error as { code?: unknown }).code === 'data_dir_locked') throw error;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
    timeline.mark('database open');
    if (!closing && database) migrated = await isMigrated(database.db);
    // The embedded database has exactly one opener (this process, under its lock), so applying
    // pending steps here cannot race another migrator; a server database waits for `skytwin migrate`.
    if (!closing && database?.kind === 'embedded' && !migrated) {
      const ran = await migrate(database.db);
      log(`applied ${ran.length} pending migration steps to the embedded database`);
      migrated = await isMigrated(database.db);
    }
    while (!closing && database && !migrated) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      migrated = await isMigrated(database.db);
    }
    if (closing || !database) return;
    timeline.mark('ready');
    log('api ready: database connected and migrated');
    log(`api start-up: ${timeline.describe(new Date(performance.timeOrigin))}`);
    // Readiness never waited for this: each profile is derived on first use when not rebuilt yet.
    startUpWork = rebuildTemporalProfiles(database.db);
    // The route schemas no request has needed yet, compiled now rather than on a user's first request.
    void lazySchemasOf(app)?.compileRest(() => closing);
    await printSignInLink();
    const executor = options.executor ?? wired?.executor ?? new RecordingExecutor();
    runner = new OutboxRunner(database.db, executor, systemClock, {
      leaseMs: config.outboxLeaseMs,
      onError: (error) => log(`outbox: ${error instanceof Error ? error.message : String(error)}`),
      onFinished: (userId) => services.events?.wake([userId]),
    });
    runner.start();
    const db = database.db;
    // The daily briefing: delivered at the start of each user's active window, once a day per user.
    const briefings = new BriefingDeliveries(services, wired?.briefingDrafts ?? null, log);
    // One sweep at a time: a slow one (a Gmail draft) is not started again on top of itself.
    const sweepBriefings = () => {
      briefing ??= briefings
        .sweep()
        .catch((error: unknown) => log(`briefing: ${String(error)}`))
        .finally(() => {
          briefing = null;
        });
    };
    // At once too: an API started after the window opened delivers without waiting for the sweeper.
    sweepBriefings();
    sweeper = setInterval(() => {
      const now = systemClock.now();
      expireApprovalsNow(services).catch((error: unknown) => log(`approval expiry: ${String(error)}`));
      proposeDueFollowUps(services).catch((error: unknown) => log(`follow-ups: ${String(error)}`));
      // A window two lengths old no longer weighs in any user's limit.
      const windowMs = config.rateLimit?.windowMs;
      if (windowMs) dropRateWindowsBefore(db, new Date(now.getTime() - 2 * windowMs)).catch((error: unknown) => log(`rate limit cleanup: ${String(error)}`));
      dropUserEventsBefore(db, new Date(now.getTime() - STREAM_TIMING.retentionMs)).catch((error: unknown) => log(`live event cleanup: ${String(error)}`));
      dropEndedSignIns(db, now).catch((error: unknown) => log(`sign-in cleanup: ${String(error)}`));
      sweepBriefings();
    }, 30_000);
    sweeper.unref();
    if (isDemoMode(config) && wired) void connectDemoUser();
  };

  // As Jupyter does: a one-time link that signs this machine's browser in to the dashboard.
  const printSignInLink = async (): Promise<void> => {
    try {
      const link = await mintSignInLink(services, url, null);
      log(`dashboard: open ${link.url} (a one-time sign-in link, valid 12 hours; \`npx skytwin dashboard\` prints a new one)`);
    } catch (error) {
      log(`dashboard: no sign-in link (${error instanceof Error ? error.message : String(error)}); run \`npx skytwin dashboard\` once the API is up`);
    }
  };

  // Derived data: rebuilt from the answers on every start, never read from a table of its own.
  const rebuildTemporalProfiles = async (db: Kysely<Schema>): Promise<void> => {
    const started = performance.now();
    try {
      const users = await services.temporal?.rebuild(db, systemClock);
      log(`temporal profiles rebuilt for ${users ?? 0} users active in the last ${ACTIVE_USER_DAYS} days in ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      log(`temporal profiles not rebuilt (${error instanceof Error ? error.message : String(error)}); each is derived when first needed`);
    }
  };

  // The emulator may start after the API: keep trying until the demo account answers.
  const connectDemoUser = async (): Promise<void> => {
    if (!wired) return;
    for (let attempt = 1; !closing; attempt++) {
      try {
        const demo = await ensureDemoUser(services, wired.google, DEMO_ACCOUNT);
        log(`demo mode: user ${DEMO_ACCOUNT.email} (${demo.userId}) is connected to the Google emulator at ${config.googleApiBaseUrl}; decisions appear as the worker syncs`);
        return;
      } catch (error) {
        if (attempt === 1 || attempt % 15 === 0) log(`demo mode: waiting for the Google emulator (${error instanceof Error ? error.message : String(error)})`);
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
  };
  const connected = connect();
  // Observed here so a failure is never an unhandled rejection; callers still see it through `ready`.
  connected.catch(() => undefined);

  return {
    url,
    ready: connected,
    async close() {
      closing = true;
      if (sweeper) clearInterval(sweeper);
      await app.close();
      await connected.catch(() => undefined);
      await startUpWork;
      await briefing;
      await runner?.stop();
      await database?.close();
    },
  };
}

/** How a client on this machine reaches an API bound to `host`. */
function clientHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === 'localhost') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
