import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/index.js';

/** What the API answered: the status, the parsed JSON body, and a message fit for one line. */
export interface ApiAnswer {
  status: number;
  body: Record<string, unknown> | null;
  message: string;
}

/** The running API, reached with the owner token from `$SKYTWIN_DATA_DIR/api-token`. */
export class ApiLink {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  /** Throws only when the API stops answering; every HTTP status is an answer. */
  async call(method: string, path: string, body?: unknown, timeoutMs = 30_000): Promise<ApiAnswer> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new Error(`the API at ${this.url} stopped answering (${causeOf(error)})`);
    }
    const text = await response.text();
    const parsed = parseObject(text);
    const error = parsed?.['error'] as { message?: unknown } | undefined;
    const message = typeof error?.message === 'string' ? error.message : `${method} ${path} answered HTTP ${response.status}`;
    return { status: response.status, body: parsed, message };
  }
}

export type ApiPresence =
  | { kind: 'running'; api: ApiLink }
  /** No usable API: `reason` says why, for a message should the database turn out to be in use. */
  | { kind: 'absent'; reason: string };

export interface FindOptions {
  /** How long to wait for an API that answers but is still starting (connecting, migrating). */
  readyWaitMs?: number;
  /** One line when the wait for readiness starts. */
  onWaiting?: (line: string) => void;
}

/**
 * Is SkyTwin's API running for this data directory? Yes when `SKYTWIN_API_URL` answers
 * /api/health/live and accepts the owner token in `$SKYTWIN_DATA_DIR/api-token`; an API that is
 * still starting is waited for. Anything else (nothing listening, no token file, a token the API
 * refuses: another data directory's API) means commands open the database themselves.
 */
export async function findRunningApi(config: Config, options: FindOptions = {}): Promise<ApiPresence> {
  const url = config.apiUrl;
  try {
    const live = await fetch(`${url}/api/health/live`, { signal: AbortSignal.timeout(3_000) });
    await live.arrayBuffer();
    if (live.status !== 200) return { kind: 'absent', reason: `${url}/api/health/live answered HTTP ${live.status}` };
  } catch (error) {
    return { kind: 'absent', reason: `no SkyTwin API answers at ${url} (${causeOf(error)})` };
  }
  const token = readApiToken(config.dataDir);
  if (token === null) return { kind: 'absent', reason: `an API answers at ${url}, but there is no token in ${join(config.dataDir, 'api-token')}` };
  const api = new ApiLink(url, token);
  const until = Date.now() + (options.readyWaitMs ?? 60_000);
  let saidWaiting = false;
  for (;;) {
    let answer: ApiAnswer;
    try {
      answer = await api.call('GET', '/api/users', undefined, 10_000);
    } catch (error) {
      return { kind: 'absent', reason: error instanceof Error ? error.message : String(error) };
    }
    if (answer.status === 401 || answer.status === 403) {
      return { kind: 'absent', reason: `the API at ${url} refused the token in ${join(config.dataDir, 'api-token')} (it serves another data directory)` };
    }
    // 503: the API is connecting to or migrating its database; it serves once that is done.
    if (answer.status !== 503 || Date.now() > until) return { kind: 'running', api };
    if (!saidWaiting) options.onWaiting?.(`waiting for the API at ${url} to finish starting`);
    saidWaiting = true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function readApiToken(dataDir: string): string | null {
  const path = join(dataDir, 'api-token');
  if (!existsSync(path)) return null;
  const token = readFileSync(path, 'utf8').trim();
  return token === '' ? null : token;
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** ECONNREFUSED, a timeout: the short cause of a failed fetch. */
export function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (error.name === 'TimeoutError') return 'timed out';
  return typeof cause?.message === 'string' ? cause.message : error.message;
}
