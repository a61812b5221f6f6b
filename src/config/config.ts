import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isIP } from 'node:net';
import { parseEnv } from 'node:util';
import { isLoopbackUrl } from '../llm/loopback.js';
import { ConfigError } from './errors.js';

/** An OpenAI-compatible model that may propose interpretations (SKYTWIN_LLM_*); null: rules only. */
export interface LlmSettings {
  /** Base URL of the chat-completions API, without a trailing slash, e.g. http://127.0.0.1:11434/v1. */
  url: string;
  model: string;
  apiKey: string | null;
  /** True (the default): the URL must be this machine, so mail never leaves it. */
  localOnly: boolean;
  /** A call is abandoned after this long and the rules decide (SKYTWIN_LLM_TIMEOUT_MS). */
  timeoutMs: number;
  /** Calls one ingest request makes at the same time (SKYTWIN_LLM_CONCURRENCY). */
  concurrency: number;
}

export interface RateLimitSetting {
  limit: number;
  windowMs: number;
}

export interface Config {
  databaseUrl: string | null;
  dataDir: string;
  apiPort: number;
  /** The address the API listens on: loopback unless a container needs it reachable (SKYTWIN_API_HOST). */
  apiHost: string;
  /**
   * `host:port` names the API answers to besides 127.0.0.1, localhost and [::1] on its own port, such
   * as `api:3100` inside docker compose (SKYTWIN_API_ALLOWED_HOSTS); empty keeps it loopback-only.
   */
  apiAllowedHosts: string[];
  apiUrl: string;
  googleClientId: string | null;
  googleClientSecret: string | null;
  googleApiBaseUrl: string;
  googleOAuthTokenUrl: string;
  googleOAuthAuthUrl: string;
  pollIntervalMs: number;
  /** Where `npm start` runs the Google emulator in demo mode. */
  emulatorPort: number;
  /**
   * The refresh token `skytwin emulator --demo-user` gives the demo account. An environment
   * variable rather than an argument, because any local user can read a process's arguments.
   */
  emulatorDemoRefreshToken: string | null;
  /**
   * A Google refresh token for `skytwin connect google` (SKYTWIN_GOOGLE_REFRESH_TOKEN), so it need
   * not go on the command line; `--refresh-token -` reads it from standard input instead.
   */
  googleRefreshToken: string | null;
  /** Users the worker polls at the same time. */
  workerConcurrency: number;
  /** The file the worker touches while its poll loop runs; `skytwin worker health` checks its age. */
  workerHeartbeatFile: string;
  /** Gmail's first sync: how far back, and at most how many messages. */
  gmailWindowDays: number;
  gmailMaxMessages: number;
  /** Gmail quota units one user's calls may spend per minute; the worker and the executor split it. */
  gmailQuotaUnitsPerMin: number;
  /** Every Google call is abandoned (and retried if transient) after this long. */
  googleTimeoutMs: number;
  /**
   * How long an outbox action's run is held before another run may take it over: what a crash
   * mid-action costs in waiting. It must outlast the longest run (Google calls with their retries).
   */
  outboxLeaseMs: number;
  /** Null: SKYTWIN_RATE_LIMIT=off. */
  rateLimit: RateLimitSetting | null;
  demo: 'auto' | 'on' | 'off';
  llm: LlmSettings | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads `.env` in `cwd` (process variables win), then parses every setting once. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const file = join(cwd, '.env');
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
  return parseConfig({ ...fromFile, ...env }, cwd);
}

export function parseConfig(env: Env, cwd: string): Config {
  const apiPort = port(env, 'SKYTWIN_API_PORT', 3100);
  const dataDir = resolve(cwd, nonEmpty(env, 'SKYTWIN_DATA_DIR') ?? './.skytwin');
  return withDemoEmulator(env, {
    databaseUrl: databaseUrl(env),
    dataDir,
    apiPort,
    apiHost: listenHost(env, 'SKYTWIN_API_HOST', '127.0.0.1'),
    apiAllowedHosts: allowedHosts(env, 'SKYTWIN_API_ALLOWED_HOSTS'),
    apiUrl: httpUrl(env, 'SKYTWIN_API_URL', `http://127.0.0.1:${apiPort}`),
    googleClientId: nonEmpty(env, 'GOOGLE_CLIENT_ID'),
    googleClientSecret: nonEmpty(env, 'GOOGLE_CLIENT_SECRET'),
    googleApiBaseUrl: httpUrl(env, 'GOOGLE_API_BASE_URL', 'https://www.googleapis.com'),
    googleOAuthTokenUrl: httpUrl(env, 'GOOGLE_OAUTH_TOKEN_URL', 'https://oauth2.googleapis.com/token'),
    googleOAuthAuthUrl: httpUrl(env, 'GOOGLE_OAUTH_AUTH_URL', 'https://accounts.google.com/o/oauth2/v2/auth'),
    pollIntervalMs: integer(env, 'SKYTWIN_POLL_INTERVAL_MS', 30_000, 100, 86_400_000),
    emulatorPort: port(env, 'SKYTWIN_EMULATOR_PORT', apiPort === 0 ? 0 : Math.min(65_535, apiPort + 1)),
    emulatorDemoRefreshToken: secret(env, 'SKYTWIN_EMULATOR_DEMO_REFRESH_TOKEN', 10),
    googleRefreshToken: secret(env, 'SKYTWIN_GOOGLE_REFRESH_TOKEN', 10),
    workerConcurrency: integer(env, 'SKYTWIN_WORKER_CONCURRENCY', 8, 1, 256),
    workerHeartbeatFile: resolve(cwd, nonEmpty(env, 'SKYTWIN_WORKER_HEARTBEAT_FILE') ?? join(dataDir, 'run', 'worker.heartbeat')),
    gmailWindowDays: integer(env, 'SKYTWIN_GMAIL_WINDOW_DAYS', 7, 1, 365),
    gmailMaxMessages: integer(env, 'SKYTWIN_GMAIL_MAX_MESSAGES', 500, 1, 10_000),
    // At 100 the executor's tenth still fits its dearest call (drafts.create, 10 units).
    gmailQuotaUnitsPerMin: integer(env, 'SKYTWIN_GMAIL_QUOTA_UNITS_PER_MIN', 6_000, 100, 10_000_000),
    googleTimeoutMs: integer(env, 'SKYTWIN_GOOGLE_TIMEOUT_MS', 30_000, 100, 600_000),
    outboxLeaseMs: integer(env, 'SKYTWIN_OUTBOX_LEASE_MS', 60_000, 1_000, 3_600_000),
    rateLimit: rateLimit(env),
    demo: demo(env),
    llm: llmSettings(env),
    logLevel: logLevel(env),
  });
}

/**
 * SKYTWIN_EMULATOR_URL: where demo mode finds the Google emulator (docker-compose.yml sets it). In
 * demo mode with no OAuth client of its own, the demo client and every Google URL point there, as
 * `npm start` arranges for its own emulator; with a real client configured it changes nothing.
 */
function withDemoEmulator(env: Env, config: Config): Config {
  const url = nonEmpty(env, 'SKYTWIN_EMULATOR_URL') === null ? null : httpUrl(env, 'SKYTWIN_EMULATOR_URL', '');
  if (url === null || !isDemoMode(config) || config.googleClientId !== null) return config;
  return {
    ...config,
    demo: 'on',
    googleClientId: DEMO_ACCOUNT.clientId,
    googleClientSecret: DEMO_ACCOUNT.clientSecret,
    googleApiBaseUrl: url,
    googleOAuthTokenUrl: `${url}/token`,
    googleOAuthAuthUrl: `${url}/o/oauth2/v2/auth`,
  };
}

function nonEmpty(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

/** A token or key: never echoed back in the error, since the error is printed. */
function secret(env: Env, name: string, minLength: number): string | null {
  const value = nonEmpty(env, name);
  if (value !== null && value.length < minLength) throw new ConfigError(name, `at least ${minLength} characters, or unset`, `${value.length} characters`);
  return value;
}

function databaseUrl(env: Env): string | null {
  const value = nonEmpty(env, 'DATABASE_URL');
  if (value === null) return null;
  if (!/^postgres(ql)?:\/\//.test(value)) {
    throw new ConfigError('DATABASE_URL', 'a postgres:// or postgresql:// URL, or unset for the embedded database', value);
  }
  return value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env, name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `a whole number from ${min} to ${max}`, raw);
  }
  return value;
}

function port(env: Env, name: string, fallback: number): number {
  return integer(env, name, fallback, 0, 65_535);
}

function httpUrl(env: Env, name: string, fallback: string): string {
  const raw = nonEmpty(env, name);
  if (raw === null) return fallback;
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return raw.replace(/\/+$/, '');
  } catch {
    // fall through to the error below
  }
  throw new ConfigError(name, 'an http:// or https:// URL', raw);
}

/** An address to listen on: an IP address (0.0.0.0 or :: for every interface) or localhost. */
function listenHost(env: Env, name: string, fallback: string): string {
  const raw = nonEmpty(env, name);
  if (raw === null) return fallback;
  if (raw === 'localhost' || isIP(raw) !== 0) return raw;
  throw new ConfigError(name, 'an IP address to listen on, such as 127.0.0.1 or 0.0.0.0 (every interface)', raw);
}

/** Comma-separated `host:port` names, lower-cased as Host headers are compared. */
function allowedHosts(env: Env, name: string): string[] {
  const raw = nonEmpty(env, name);
  if (raw === null) return [];
  const hosts = raw.split(',').map((entry) => entry.trim().toLowerCase());
  for (const host of hosts) {
    const match = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\]):(\d{1,5})$/.exec(host);
    if (!match || Number(match[1]) < 1 || Number(match[1]) > 65_535) {
      throw new ConfigError(name, 'comma-separated host:port names, such as api:3100', raw);
    }
  }
  return hosts;
}

function rateLimit(env: Env): RateLimitSetting | null {
  const raw = nonEmpty(env, 'SKYTWIN_RATE_LIMIT') ?? '60/60s';
  if (raw === 'off') return null;
  const match = /^(\d+)\/(\d+)(ms|s|m|h)$/.exec(raw);
  const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
  if (match) {
    const limit = Number(match[1]);
    const windowMs = Number(match[2]) * unitMs[match[3] as keyof typeof unitMs];
    if (limit > 0 && windowMs > 0) return { limit, windowMs };
  }
  throw new ConfigError('SKYTWIN_RATE_LIMIT', 'requests/window such as 60/60s (units ms, s, m, h; both above 0), or off', raw);
}

function demo(env: Env): Config['demo'] {
  const raw = nonEmpty(env, 'SKYTWIN_DEMO');
  if (raw === null || raw === 'auto') return 'auto';
  if (raw === '1') return 'on';
  if (raw === '0') return 'off';
  throw new ConfigError('SKYTWIN_DEMO', '1, 0 or auto', raw);
}

function llmSettings(env: Env): LlmSettings | null {
  const localRaw = nonEmpty(env, 'SKYTWIN_LLM_LOCAL_ONLY') ?? '1';
  if (localRaw !== '1' && localRaw !== '0') throw new ConfigError('SKYTWIN_LLM_LOCAL_ONLY', '1 (only a model on this machine) or 0', localRaw);
  if (nonEmpty(env, 'SKYTWIN_LLM_URL') === null) return null;
  const url = httpUrl(env, 'SKYTWIN_LLM_URL', '');
  const localOnly = localRaw === '1';
  if (localOnly && !isLoopbackUrl(url)) {
    throw new ConfigError('SKYTWIN_LLM_URL', 'a URL on this machine (127.0.0.0/8, ::1 or localhost) while SKYTWIN_LLM_LOCAL_ONLY=1, so mail never leaves it; set SKYTWIN_LLM_LOCAL_ONLY=0 to allow a remote model', url);
  }
  const model = nonEmpty(env, 'SKYTWIN_LLM_MODEL');
  if (model === null) throw new ConfigError('SKYTWIN_LLM_MODEL', 'the model name the server knows (e.g. llama3.2) when SKYTWIN_LLM_URL is set', '');
  return {
    url,
    model,
    apiKey: nonEmpty(env, 'SKYTWIN_LLM_API_KEY'),
    localOnly,
    timeoutMs: integer(env, 'SKYTWIN_LLM_TIMEOUT_MS', 8_000, 100, 600_000),
    concurrency: integer(env, 'SKYTWIN_LLM_CONCURRENCY', 2, 1, 64),
  };
}

function logLevel(env: Env): Config['logLevel'] {
  const raw = nonEmpty(env, 'LOG_LEVEL') ?? 'info';
  const found = LOG_LEVELS.find((level) => level === raw);
  if (!found) throw new ConfigError('LOG_LEVEL', LOG_LEVELS.join('|'), raw);
  return found;
}

/** The account `npm start` seeds in the emulator in demo mode, and the SkyTwin user connected to it. */
export const DEMO_ACCOUNT = {
  email: 'demo@skytwin.example',
  name: 'Demo User',
  /** Only the local emulator accepts it. */
  refreshToken: 'skytwin-demo-refresh-token',
  clientId: 'skytwin-demo',
  clientSecret: 'skytwin-demo-secret',
} as const;

/** Demo mode: forced on or off, or on when no Google OAuth client is configured. */
export function isDemoMode(config: Config): boolean {
  if (config.demo !== 'auto') return config.demo === 'on';
  return config.googleClientId === null || config.googleClientSecret === null;
}
