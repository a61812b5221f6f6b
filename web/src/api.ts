// The typed client for SkyTwin's HTTP API: same-origin requests carrying the session cookie, JSON
// in and out, every failure turned into one ApiError the views can show in the page.

/** An answer that was not a success, as the API's error body describes it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly unknown[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** True when the answer means the browser holds no valid session: the app shows how to sign in. */
export function isSignedOut(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}

/** Listeners told when any request finds the session gone, so the shell can say so once. */
const signedOutListeners = new Set<() => void>();
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's page, an empty body): the status says enough.
  }
  const error = typeof body === 'object' && body !== null ? (body as { error?: { code?: unknown; message?: unknown; details?: unknown } }).error : undefined;
  const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
  const message = typeof error?.message === 'string' ? error.message : fallbackMessage(response.status);
  const details = Array.isArray(error?.details) ? error.details : [];
  return new ApiError(response.status, code, message, details);
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'You are signed out.';
  if (status === 404) return 'That was not found.';
  if (status === 429) return 'Too many requests just now; try again in a moment.';
  if (status >= 500) return 'SkyTwin could not answer just now; try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}

/** One request. Bodies go as JSON; the answer is parsed as JSON (204 gives undefined). */
export async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', 'SkyTwin is not reachable: is it still running?');
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (error.status === 401) for (const listener of signedOutListeners) listener();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', withQuery(path, query), undefined, signal),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** A user id or other path segment, escaped. */
export const seg = (value: string) => encodeURIComponent(value);
