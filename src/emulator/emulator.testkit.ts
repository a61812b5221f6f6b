import { EmulatorControl, startEmulator, type EmulatorOptions, type RunningEmulator } from './index.js';

/** A clock tests move by hand. */
export class ManualClock {
  constructor(private ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** A response with its parsed JSON body, typed as the test expects it to be. */
export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface TestEmulator {
  emulator: RunningEmulator;
  url: string;
  control: EmulatorControl;
  email: string;
  refreshToken: string;
  token: string;
  /** fetch with the account's bearer token; JSON in and out. */
  api<T = Record<string, unknown>>(path: string, init?: { method?: string; body?: unknown; token?: string | null; headers?: Record<string, string> }): Promise<Answer<T>>;
  close(): Promise<void>;
}

/** An emulator with one account (ann@example.com) and an access token for it. */
export async function startTestEmulator(options: EmulatorOptions & { timeZone?: string } = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ seed: 42, ...options });
  const control = new EmulatorControl(emulator.url);
  const email = 'ann@example.com';
  const { refreshToken } = await control.createAccount({ email, ...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}) });
  const { accessToken } = await control.issueAccessToken(email);
  const api = async <T,>(path: string, init: { method?: string; body?: unknown; token?: string | null; headers?: Record<string, string> } = {}): Promise<Answer<T>> => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    const token = init.token === undefined ? accessToken : init.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${emulator.url}${path}`, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await response.text();
    const body: unknown = text === '' ? null : JSON.parse(text);
    return { status: response.status, headers: response.headers, body: body as T, text };
  };
  return { emulator, url: emulator.url, control, email, refreshToken, token: accessToken, api: api as TestEmulator['api'], close: () => emulator.close() };
}

/** Asserts Google's error envelope and returns its single errors[] item. */
export function googleError(body: unknown): { code: number; message: string; status: string; reason: string; domain: string; errorMessage: string } {
  const error = (body as { error?: { code?: unknown; message?: unknown; status?: unknown; errors?: { reason?: unknown; domain?: unknown; message?: unknown }[] } }).error;
  if (!error || !Array.isArray(error.errors) || error.errors.length !== 1) throw new Error(`not a Google error body: ${JSON.stringify(body)}`);
  const [item] = error.errors;
  return {
    code: Number(error.code),
    message: String(error.message),
    status: String(error.status),
    reason: String(item?.reason),
    domain: String(item?.domain),
    errorMessage: String(item?.message),
  };
}
