import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ACCOUNT } from '../../../src/config/index.js';
import { EmulatorControl } from '../../../src/emulator/control-client.js';
import { scratchServerDatabase } from '../../support/database.js';
import { childEnv, freePort, LiveProcess, poll, tempDataDir } from '../../support/processes.js';

/** The demo account `npm start` seeds in the emulator. */
export const DEMO_EMAIL = DEMO_ACCOUNT.email;

export interface DemoStack {
  /** `http://127.0.0.1:<port>`: the API and the dashboard. */
  origin: string;
  apiToken: string;
  userId: string;
  emulator: EmulatorControl;
  supervisor: LiveProcess;
  /** The sign-in URL `npm start` printed (one use only). */
  printedSignInUrl: string | null;
  /** A fresh one-time sign-in URL, minted with the owner's token. */
  signInUrl(): Promise<string>;
  /** An API call with the owner's bearer token; throws on a non-2xx answer. */
  api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
  /** The raw answer of an API call with the owner's bearer token. */
  request(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
  stop(): Promise<void>;
}

export interface DemoStackOptions {
  /** Keep the emulator's minute-by-minute mail arriving (off by default, so lists hold still). */
  arrivals?: boolean;
  /** Worker poll cycle; short so new mail shows up within a test. */
  pollIntervalMs?: number;
  env?: Record<string, string>;
}

const SIGN_IN_LINE = /dashboard: open (http:\/\/\S+\/signin\?code=\S+)/;

/**
 * `npm start` itself (bin/skytwin-dev) in demo mode on free ports with a scratch data directory:
 * the emulator with the seeded demo mailbox, the API and the worker. One per test file.
 */
export async function startDemoStack(options: DemoStackOptions = {}): Promise<DemoStack> {
  const temp = tempDataDir('skytwin-browser-');
  // On PostgreSQL a database of the stack's own: the demo user is made once per database, and
  // test files run side by side.
  const database = process.env.DATABASE_URL ? await scratchServerDatabase(process.env.DATABASE_URL, 'skytwin_browser') : null;
  const port = await freePort();
  const emulatorPort = await freePort();
  const env = childEnv({
    SKYTWIN_DATA_DIR: temp.dir,
    SKYTWIN_API_PORT: String(port),
    SKYTWIN_EMULATOR_PORT: String(emulatorPort),
    SKYTWIN_POLL_INTERVAL_MS: String(options.pollIntervalMs ?? 2000),
    // A browser test clicks faster than a person; the limit is not what these tests are about.
    SKYTWIN_RATE_LIMIT: '100000/60s',
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  });
  const supervisor = new LiveProcess([join(process.cwd(), 'bin', 'skytwin-dev')], env);
  const stop = async () => {
    await supervisor.stop('SIGTERM', 20_000);
    temp.remove();
    await database?.drop();
  };
  try {
    const [, userId] = await supervisor.waitFor(/demo mode: user \S+ \(([0-9a-f-]{36})\) is connected/, 90_000);
    await supervisor.waitFor(/SkyTwin is ready/, 60_000);
    const origin = `http://127.0.0.1:${port}`;
    const apiToken = readFileSync(join(temp.dir, 'api-token'), 'utf8').trim();
    const emulator = new EmulatorControl(`http://127.0.0.1:${emulatorPort}`);
    if (options.arrivals !== true) await emulator.stopArrivals(DEMO_EMAIL);
    const request = (path: string, init: { method?: string; body?: unknown } = {}) =>
      fetch(`${origin}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { authorization: `Bearer ${apiToken}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    const api = async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
      const response = await request(path, init);
      const text = await response.text();
      if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
      return (text === '' ? undefined : JSON.parse(text)) as T;
    };
    const printed = supervisor.output.match(SIGN_IN_LINE);
    return {
      origin,
      apiToken,
      userId: userId as string,
      emulator,
      supervisor,
      printedSignInUrl: printed ? (printed[1] as string) : null,
      async signInUrl() {
        const { url } = await api<{ url: string }>('/api/sessions', { method: 'POST', body: {} });
        return url;
      },
      api,
      request,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Waits until the demo user has at least `count` pending approvals (the first sync made them). */
export async function waitForApprovals(stack: DemoStack, count = 1, timeoutMs = 90_000): Promise<number> {
  return poll(async () => {
    const page = await stack.api<{ approvals: unknown[]; total?: number }>(`/api/users/${stack.userId}/approvals?status=pending&limit=200`);
    const total = page.total ?? page.approvals.length;
    return total >= count ? total : null;
  }, timeoutMs, 250);
}
