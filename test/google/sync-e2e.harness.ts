import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { EmulatorControl, type EventInput, type MailInput, type RequestLogEntry } from '../../src/emulator/index.js';
import { CLI, childEnv, LiveProcess, tempDataDir } from '../support/processes.js';

export { freePort } from '../support/processes.js';

/**
 * Real `skytwin emulator`, `skytwin api` and `skytwin worker` processes for the Google sync
 * end-to-end tests, plus the probes those tests share. Every process started here is registered
 * with a `Processes` set so a failing test still kills it.
 */

export class Processes {
  private readonly running: LiveProcess[] = [];
  private readonly dirs: (() => void)[] = [];

  spawn(args: string[], env: NodeJS.ProcessEnv): LiveProcess {
    const child = new LiveProcess([CLI, ...args], env);
    this.running.push(child);
    return child;
  }

  dataDir(): string {
    const temp = tempDataDir('skytwin-sync-e2e-');
    this.dirs.push(temp.remove);
    return temp.dir;
  }

  /** SIGKILL whatever still runs (a clean stop is each test's own business), then remove data dirs. */
  async killAll(): Promise<void> {
    await Promise.all(this.running.splice(0).map((child) => child.stop('SIGKILL', 5_000)));
    for (const remove of this.dirs.splice(0)) remove();
  }
}


export interface Emulator {
  process: LiveProcess;
  url: string;
  control: EmulatorControl;
}

export async function startEmulator(processes: Processes, seed: number, extraArgs: string[] = []): Promise<Emulator> {
  const child = processes.spawn(['emulator', '--port', '0', '--seed', String(seed), ...extraArgs], childEnv({}));
  const [, url = ''] = await child.waitFor(/emulator listening on (http:\/\/\S+)/, 20_000);
  return { process: child, url, control: new EmulatorControl(url) };
}

/** Settings shared by `skytwin api` and `skytwin worker`: both point Google at the emulator. */
export function skytwinEnv(dataDir: string, apiPort: number, emulatorUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return childEnv({
    SKYTWIN_DATA_DIR: dataDir,
    SKYTWIN_API_PORT: String(apiPort),
    SKYTWIN_API_URL: `http://127.0.0.1:${apiPort}`,
    GOOGLE_CLIENT_ID: 'skytwin-e2e',
    GOOGLE_CLIENT_SECRET: 'skytwin-e2e-secret',
    GOOGLE_API_BASE_URL: emulatorUrl,
    GOOGLE_OAUTH_TOKEN_URL: `${emulatorUrl}/token`,
    GOOGLE_OAUTH_AUTH_URL: `${emulatorUrl}/o/oauth2/v2/auth`,
    LOG_LEVEL: 'warn',
    ...extra,
  });
}

export async function startApiProcess(processes: Processes, env: NodeJS.ProcessEnv): Promise<LiveProcess> {
  const child = processes.spawn(['api'], env);
  await child.waitFor(/api ready: database connected and migrated/, 45_000);
  return child;
}

export function startWorkerProcess(processes: Processes, env: NodeJS.ProcessEnv): LiveProcess {
  return processes.spawn(['worker'], env);
}

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** SkyTwin's HTTP API with the owner token from the data directory. */
export class SkyTwinApi {
  readonly token: string;

  constructor(
    readonly url: string,
    dataDir: string,
  ) {
    this.token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim();
  }

  async call(method: string, path: string, body?: unknown): Promise<ApiAnswer> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  async ok(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const answer = await this.call(method, path, body);
    if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** A user whose Google account lives in the emulator; tiers are set before the first poll. */
  async connectedUser(
    control: EmulatorControl,
    email: string,
    setup: { trustTiers?: Record<string, string>; beforeConnect?: () => Promise<void> } = {},
  ): Promise<{ userId: string; email: string }> {
    const created = await this.call('POST', '/api/users', { email, name: email.split('@')[0] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const userId = String(created.body.id);
    if (setup.trustTiers) await this.ok('PUT', `/api/users/${userId}/settings`, { trustTiers: setup.trustTiers });
    const account = await control.createAccount({ email });
    await setup.beforeConnect?.();
    const connected = await this.call('POST', `/api/users/${userId}/connections/google`, { refreshToken: account.refreshToken });
    expect(connected.status, JSON.stringify(connected.body)).toBe(201);
    return { userId, email };
  }

  /** Every decision of the user, following the pages. */
  async decisions(userId: string): Promise<{ id: string; outcome: string; situation: string }[]> {
    const all: { id: string; outcome: string; situation: string }[] = [];
    let cursor: string | null = null;
    do {
      const page = await this.ok('GET', `/api/users/${userId}/decisions?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      all.push(...(page.decisions as { id: string; outcome: string; situation: string }[]));
      cursor = (page.nextCursor as string | null) ?? null;
    } while (cursor !== null);
    return all;
  }

  async decisionCount(userId: string): Promise<number> {
    return (await this.decisions(userId)).length;
  }

  sync(userId: string): Promise<Record<string, unknown>> {
    return this.ok('GET', `/api/users/${userId}/sync`);
  }
}

/** Polls `probe` until it answers something other than undefined; the deadline failure names what was awaited. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 150): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Waits until the user has exactly `count` decisions (and fails at once if there are more). */
export async function untilDecisions(api: SkyTwinApi, userId: string, count: number, timeoutMs: number): Promise<void> {
  await eventually(
    `${count} decisions for user ${userId}`,
    async () => {
      const seen = await api.decisionCount(userId);
      if (seen > count) throw new Error(`user ${userId} has ${seen} decisions, more than the ${count} expected`);
      return seen === count ? true : undefined;
    },
    timeoutMs,
  );
}

/** Time between two calls' arrivals at the emulator (one clock: the machine's). */
export const elapsedMs = (from: RequestLogEntry, to: RequestLogEntry): number => Date.parse(to.time) - Date.parse(from.time);

export interface SignalKey {
  source: 'gmail' | 'calendar';
  externalId: string;
}

export const mailKey = (messageId: string): SignalKey => ({ source: 'gmail', externalId: messageId });

/** The calendar signal id of one version of an event, as the connector derives it from the Event resource. */
export function eventVersionKey(event: Record<string, unknown>, calendarId = 'primary'): SignalKey {
  return { source: 'calendar', externalId: `${calendarId}/${String(event.id)}@${Number(event.sequence ?? 0)}-${Date.parse(String(event.updated))}` };
}

/**
 * Checks through the API that the user's decisions are exactly one per expected signal: each
 * expected `(source, externalId)` is already stored (re-posting it is answered as a duplicate,
 * which by the ingest contract creates nothing) with a decision of its own, and the user has no
 * other decisions. A signal the sync lost would be answered `duplicate: false` here.
 */
export async function expectOneDecisionEach(api: SkyTwinApi, userId: string, expected: readonly SignalKey[]): Promise<void> {
  const decisions = await api.decisions(userId);
  const results: { externalId: string; decisionId: string; duplicate: boolean }[] = [];
  for (let start = 0; start < expected.length; start += 200) {
    const signals = expected.slice(start, start + 200).map((key) => placeholderSignal(userId, key));
    const answer = await api.ok('POST', '/api/events/ingest', { signals });
    results.push(...(answer.results as typeof results));
  }
  const lost = results.filter((result) => !result.duplicate).map((result) => result.externalId);
  expect(lost, 'signals the sync never stored').toEqual([]);
  const byDecision = new Set(results.map((result) => result.decisionId));
  expect(byDecision.size, 'distinct decisions for the expected signals').toBe(expected.length);
  expect(decisions.map((d) => d.id).sort(), 'the user has no decisions beyond one per expected signal').toEqual([...byDecision].sort());
}

function placeholderSignal(userId: string, key: SignalKey): Record<string, unknown> {
  const occurredAt = new Date().toISOString();
  if (key.source === 'gmail') {
    return {
      userId, source: 'gmail', externalId: key.externalId, type: 'email.received', occurredAt,
      data: { messageId: key.externalId, threadId: key.externalId, from: 'probe@example.org', to: [], cc: [], subject: 'probe', snippet: '', labels: [], listUnsubscribe: null, bodyText: '' },
    };
  }
  return {
    userId, source: 'calendar', externalId: key.externalId, type: 'calendar.event', occurredAt,
    data: { eventId: 'probe', calendarId: 'primary', status: 'confirmed', summary: 'probe', start: occurredAt, end: occurredAt, allDay: false, organizer: 'probe@example.org', recurringEventId: null, attendees: [] },
  };
}

/** Mail for `count` distinct senders; the default date (now) keeps them inside the first-sync window. */
export function receipts(count: number, tag: string): MailInput[] {
  return Array.from({ length: count }, (_, i) => ({
    from: `Shop ${tag} ${i} <orders${i}@shop-${tag}-${i}.example>`,
    subject: `Order ${tag}-${i} confirmed`,
    text: `Receipt ${tag}-${i}: total $${10 + (i % 90)}.00`,
  }));
}

export function upcomingEvent(summary: string, dayOffset: number, attendees: string[] = ['boss@example.org']): EventInput {
  const start = new Date(Date.now() + dayOffset * 86_400_000);
  start.setUTCMinutes(0, 0, 0);
  return {
    summary,
    start: start.toISOString(),
    end: new Date(start.getTime() + 3_600_000).toISOString(),
    organizer: attendees[0] ?? 'boss@example.org',
    attendees,
    selfResponse: 'needsAction',
  };
}
