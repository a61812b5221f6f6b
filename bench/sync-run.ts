import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';
import { startApi } from '../src/api/index.js';
import { parseConfig, type Config } from '../src/config/index.js';
import { EmulatorControl } from '../src/emulator/index.js';
import type { BenchBackend } from './backends.js';
import type { Cleanup } from './cleanup.js';
import { ApiRequestTimes, type ApiRouteTime } from './sync-api-probe.js';
import { ApiClient } from './http.js';
import { GoogleThread, type CallCount, type SeededAccount } from './sync-google.js';
import { SyncWorkerThread, type CycleFigures } from './sync-worker.js';

export interface SyncPlan {
  users: number;
  messages: number;
  events: number;
  /** Revoke user 0's refresh token and make user 1's Gmail answer 503 to every call. */
  faulty: boolean;
}

export interface FaultyUsers {
  revoked: string;
  failing: string;
  /** 1-based places of the two in the worker's queue (it polls in connection order). */
  places: [number, number];
}

/** Signals of a set of users and the time until the last of them was synced. */
export interface Throughput {
  users: number;
  signals: number;
  /** From the start of the cycle until the last of these users' polls ended. */
  ms: number;
}

export interface SyncRunResult {
  plan: SyncPlan;
  setupMs: number;
  load: [number, number];
  cycle: CycleFigures;
  faulty: FaultyUsers | null;
  /** Every user, faulty ones included: the first full sync. */
  all: Throughput;
  /** Users without a fault (all of them in a clean run). */
  healthy: Throughput;
  /** Decisions stored per user after the cycle, counted through the API. */
  stored: Map<string, number>;
  /** CPU time of this process (API, worker and emulator threads) during the cycle. */
  cpuMs: number;
  /** The API thread's event-loop delay during the cycle (ms): how long ready work waited for the loop. */
  apiLoopDelay: { p50: number; p99: number; max: number };
  /** Share of wall time each thread's event loop was busy during the cycle. */
  busy: { api: number; worker: number; google: number };
  googleCalls: CallCount[];
  /** The API's own time per kind of request during the cycle. */
  apiTimes: ApiRouteTime[];
}

const READY_TIMEOUT_MS = 60_000;
/** The worker waits out an unreachable API for as long as it runs: a broken run must still end. */
const CYCLE_TIMEOUT_MS = 5 * 60_000;

/**
 * One run from nothing: a fresh emulator seeded with the plan, a fresh database, the API, users
 * connected with their refresh tokens, faults if asked, then one timed poll cycle of the worker.
 */
export async function syncRun(plan: SyncPlan, makeBackend: (cleanup: Cleanup) => Promise<BenchBackend>, cleanup: Cleanup, log: (line: string) => void): Promise<SyncRunResult> {
  const setupStarted = performance.now();
  const runId = randomBytes(3).toString('hex');
  const google = await GoogleThread.start(7, cleanup);
  const accounts = await google.seed({ runId, users: plan.users, messages: plan.messages, events: plan.events, now: new Date().toISOString() });

  const config = withGoogle((await makeBackend(cleanup)).config, google.url);
  const api = await startApi(config, { log: (line) => log(`[api] ${line}`) });
  cleanup.add('stop the API', () => api.close());
  await withTimeout(api.ready, READY_TIMEOUT_MS, 'the API did not become ready');
  const token = readFileSync(join(config.dataDir, 'api-token'), 'utf8').trim();
  const client = new ApiClient(api.url, token);
  const userIds = await connectUsers(client, accounts);

  const faulty = plan.faulty ? await injectFaults(new EmulatorControl(google.url), client, accounts, userIds) : null;
  const worker = await SyncWorkerThread.start(
    {
      apiUrl: api.url,
      token,
      googleApiBaseUrl: config.googleApiBaseUrl,
      googleTimeoutMs: config.googleTimeoutMs,
      gmailWindowDays: config.gmailWindowDays,
      gmailMaxMessages: config.gmailMaxMessages,
      pollIntervalMs: config.pollIntervalMs,
      concurrency: config.workerConcurrency,
    },
    cleanup,
  );
  const setupMs = performance.now() - setupStarted;

  const loadBefore = loadavg()[0] ?? NaN;
  const busyAt = { api: performance.eventLoopUtilization(), worker: worker.eventLoopUtilization(), google: google.eventLoopUtilization() };
  const probe = new ApiRequestTimes();
  probe.start();
  const cpuAt = process.cpuUsage();
  // How long a request that reached the API's socket can wait before its event loop reads it.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let cycle: CycleFigures;
  let apiTimes: ApiRouteTime[];
  try {
    cycle = await withTimeout(worker.cycle(), CYCLE_TIMEOUT_MS, 'the poll cycle did not end');
  } finally {
    apiTimes = probe.stop();
    delay.disable();
  }
  const cpu = process.cpuUsage(cpuAt);
  const busy = {
    api: share(performance.eventLoopUtilization(busyAt.api)),
    worker: share(worker.eventLoopUtilization(busyAt.worker)),
    google: share(google.eventLoopUtilization(busyAt.google)),
  };
  const load: [number, number] = [loadBefore, loadavg()[0] ?? NaN];

  const stored = await storedDecisions(client, userIds);
  const faultyIds = new Set(faulty ? [faulty.revoked, faulty.failing] : []);
  checkHealthy(cycle, stored, userIds, faultyIds, plan);
  return {
    plan,
    setupMs,
    load,
    cycle,
    faulty,
    all: throughput(cycle, stored, userIds),
    healthy: throughput(cycle, stored, userIds.filter((id) => !faultyIds.has(id))),
    stored,
    cpuMs: (cpu.user + cpu.system) / 1000,
    apiLoopDelay: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
    busy,
    googleCalls: await google.calls(),
    apiTimes,
  };
}

/** The settings `skytwin api` and `skytwin worker` would parse, with Google pointing at the emulator. */
function withGoogle(base: Config, googleUrl: string): Config {
  return parseConfig(
    {
      SKYTWIN_DATA_DIR: base.dataDir,
      SKYTWIN_API_PORT: '0',
      LOG_LEVEL: 'warn',
      SKYTWIN_DEMO: '0',
      GOOGLE_CLIENT_ID: 'skytwin-bench',
      GOOGLE_CLIENT_SECRET: 'bench-secret',
      GOOGLE_API_BASE_URL: googleUrl,
      GOOGLE_OAUTH_TOKEN_URL: `${googleUrl}/token`,
      GOOGLE_OAUTH_AUTH_URL: `${googleUrl}/o/oauth2/v2/auth`,
      ...(base.databaseUrl ? { DATABASE_URL: base.databaseUrl } : {}),
    },
    base.dataDir,
  );
}

/** Users as the owner creates them, each connected with a refresh token (headless set-up), in order. */
async function connectUsers(client: ApiClient, accounts: SeededAccount[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, account] of accounts.entries()) {
    const created = await client.call('POST', '/api/users', { email: account.email, name: `Bench User ${index}` });
    const id = (created.body as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') throw new Error(`POST /api/users answered ${JSON.stringify(created.body).slice(0, 200)}`);
    await client.call('POST', `/api/users/${id}/connections/google`, { refreshToken: account.refreshToken, accountEmail: account.email });
    ids.push(id);
  }
  return ids;
}

/**
 * User 0: refresh token revoked after connecting (the API learns it at the first token request).
 * User 1: every Gmail call answers 503, so each of its Gmail calls is retried after 1 s, 2 s, 4 s.
 * Both are connected first, so the worker polls them first, while healthy users still wait.
 */
async function injectFaults(control: EmulatorControl, client: ApiClient, accounts: SeededAccount[], userIds: string[]): Promise<FaultyUsers> {
  const [revokedAccount, failingAccount] = accounts;
  const [revoked, failing] = userIds;
  if (!revokedAccount || !failingAccount || !revoked || !failing) throw new Error('a faulty run needs at least two users');
  await control.revokeRefreshTokens(revokedAccount.email);
  await control.expireAccessTokens(revokedAccount.email);
  await control.addFault({ endpoint: 'gmail.*', account: failingAccount.email, status: 503, probability: 1 });
  const targets = ((await client.call('GET', '/api/internal/sync-targets')).body as { targets: { userId: string }[] }).targets;
  const place = (id: string) => targets.findIndex((target) => target.userId === id) + 1;
  return { revoked, failing, places: [place(revoked), place(failing)] };
}

async function storedDecisions(client: ApiClient, userIds: string[]): Promise<Map<string, number>> {
  const stored = new Map<string, number>();
  for (const id of userIds) {
    let count = 0;
    let cursor: string | null = null;
    do {
      const page = (await client.call('GET', `/api/users/${id}/decisions?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).body as {
        decisions: unknown[];
        nextCursor: string | null;
      };
      count += page.decisions.length;
      cursor = page.nextCursor;
    } while (cursor);
    stored.set(id, count);
  }
  return stored;
}

/**
 * Every healthy user must have been synced in full, with one stored decision per signal the API
 * acknowledged: otherwise there is no "time until all healthy users are synced" to report.
 */
function checkHealthy(cycle: CycleFigures, stored: Map<string, number>, userIds: string[], faulty: Set<string>, plan: SyncPlan): void {
  const outcomes = new Map(cycle.users.map((user) => [user.userId, user]));
  const expected = plan.messages + plan.events;
  const problems: string[] = [];
  for (const id of userIds.filter((userId) => !faulty.has(userId))) {
    const outcome = outcomes.get(id);
    const decisions = stored.get(id) ?? 0;
    if (!outcome?.ok) problems.push(`user ${id} was not synced`);
    else if (outcome.signals !== decisions) problems.push(`user ${id}: ${outcome.signals} signals acknowledged but ${decisions} decisions stored`);
    else if (decisions !== expected) problems.push(`user ${id}: ${decisions} decisions, expected ${expected}`);
  }
  if (problems.length > 0) {
    throw new Error(`${problems.length} healthy user(s) not synced in full: ${problems.slice(0, 5).join('; ')}; worker log: ${cycle.log.slice(0, 5).join(' | ')}`);
  }
}

function throughput(cycle: CycleFigures, stored: Map<string, number>, ids: string[]): Throughput {
  const done = new Map(cycle.users.map((user) => [user.userId, user.doneMs]));
  return {
    users: ids.length,
    signals: ids.reduce((sum, id) => sum + (stored.get(id) ?? 0), 0),
    ms: Math.max(...ids.map((id) => done.get(id) ?? NaN)),
  };
}

const share = (elu: EventLoopUtilization) => elu.utilization;

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
