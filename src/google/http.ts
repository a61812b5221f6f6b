import { TransientGoogleError } from './errors.js';

export type FetchFunction = typeof fetch;

/** One HTTP exchange, read in full. */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  durationMs: number;
}

export interface SendOptions {
  operation: string;
  fetch: FetchFunction;
  timeoutMs: number;
}

/**
 * Sends one request and reads the whole body under one deadline. A network failure, a dropped
 * connection or the deadline becomes a TransientGoogleError; any HTTP answer is returned as is.
 */
export async function sendOnce(url: string, init: RequestInit, options: SendOptions): Promise<RawResponse> {
  const started = performance.now();
  try {
    const response = await options.fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, durationMs: performance.now() - started };
  } catch (error) {
    throw fetchFailure(options.operation, error, options.timeoutMs);
  }
}

function fetchFailure(operation: string, error: unknown, timeoutMs: number): TransientGoogleError {
  const failure = { operation, status: null, reason: null };
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new TransientGoogleError(failure, 'timeout', null, `${operation}: Google did not answer within ${timeoutMs} ms`, {
      cause: error,
    });
  }
  const detail = networkCode(error);
  return new TransientGoogleError(failure, 'network', null, `${operation}: the connection to Google failed${detail ? ` (${detail})` : ''}`, {
    cause: error,
  });
}

function networkCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return error instanceof Error && error.message !== 'fetch failed' ? error.message.slice(0, 80) : null;
}
