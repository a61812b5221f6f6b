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
  /** The caller is shutting down: abort at once, and do not call it a Google failure. */
  signal?: AbortSignal;
}

/**
 * Sends one request and reads the whole body under one deadline. A network failure, a dropped
 * connection or the deadline becomes a TransientGoogleError; any HTTP answer is returned as is.
 */
export async function sendOnce(url: string, init: RequestInit, options: SendOptions): Promise<RawResponse> {
  const started = performance.now();
  const stop = options.signal;
  const deadline = AbortSignal.timeout(options.timeoutMs);
  try {
    stop?.throwIfAborted();
    const response = await options.fetch(url, { ...init, signal: stop ? AbortSignal.any([stop, deadline]) : deadline });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, durationMs: performance.now() - started };
  } catch (error) {
    if (stop?.aborted) throw stopped(options.operation, stop);
    throw fetchFailure(options.operation, error, options.timeoutMs);
  }
}

/** Not a Google failure: nothing retries it. */
function stopped(operation: string, signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error && reason.name !== 'AbortError' ? reason : new Error(`${operation}: stopped before Google answered`, { cause: reason });
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
