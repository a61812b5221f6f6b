import { parseRetryAfter, parseRetryAfterMessage } from '../resilience/index.js';
import {
  GoogleUnauthorizedError,
  PermanentGoogleError,
  TransientGoogleError,
  type GoogleError,
  type GoogleFailure,
} from './errors.js';
import type { RawResponse } from './http.js';
import { redact } from './redact.js';

/** What Google said in an error body, whichever of its two shapes it used. */
export interface GoogleErrorBody {
  reason: string | null;
  message: string | null;
}

const RATE_LIMIT_REASONS = new Set(['ratelimitexceeded', 'userratelimitexceeded']);
const SERVER_ERRORS = new Set([500, 502, 503, 504]);

/**
 * Reads `{"error":{"message","errors":[{"reason"}]}}` (REST APIs) or
 * `{"error":"invalid_grant","error_description"}` (token endpoint); anything else yields nulls.
 */
export function readGoogleErrorBody(text: string): GoogleErrorBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { reason: null, message: null };
  }
  const error = isRecord(parsed) ? parsed['error'] : undefined;
  if (typeof error === 'string') {
    const description = isRecord(parsed) ? parsed['error_description'] : undefined;
    return { reason: error, message: typeof description === 'string' ? description : null };
  }
  if (!isRecord(error)) return { reason: null, message: null };
  const message = typeof error['message'] === 'string' ? error['message'] : null;
  return { reason: firstReason(error), message };
}

export interface ClassifyContext {
  operation: string;
  now: Date;
  /** Values that must not appear in the resulting message. */
  secrets: readonly string[];
}

/** Turns a non-2xx answer into the error its status and reason call for. */
export function errorFromResponse(response: RawResponse, context: ClassifyContext): GoogleError {
  const body = readGoogleErrorBody(response.text);
  const failure: GoogleFailure = { operation: context.operation, status: response.status, reason: body.reason };
  const said = describeAnswer(response.status, body, context.secrets);
  const retryAfterMs = () =>
    parseRetryAfter(response.headers.get('retry-after'), context.now) ?? parseRetryAfterMessage(body.message, context.now);

  if (isRateLimit(response.status, body.reason)) {
    return new TransientGoogleError(failure, 'rate_limited', retryAfterMs(), `${context.operation}: Google is rate limiting requests (${said})`);
  }
  if (SERVER_ERRORS.has(response.status)) {
    return new TransientGoogleError(failure, 'server_error', retryAfterMs(), `${context.operation}: Google had a server error (${said})`);
  }
  if (response.status === 401) {
    return new GoogleUnauthorizedError(
      failure,
      `${context.operation}: Google rejected the access token even after a refresh (${said}); reconnect the Google account if this persists`,
    );
  }
  return new PermanentGoogleError(failure, `${context.operation}: Google refused the request (${said})`);
}

/** "HTTP 403 insufficientPermissions: Request had insufficient authentication scopes." */
export function describeAnswer(status: number, body: GoogleErrorBody, secrets: readonly string[]): string {
  const head = `HTTP ${status}${body.reason ? ` ${body.reason}` : ''}`;
  return body.message ? `${head}: ${redact(body.message, secrets)}` : head;
}

function isRateLimit(status: number, reason: string | null): boolean {
  if (status === 429) return true;
  // Accepts both the classic `userRateLimitExceeded` and the newer `USER_RATE_LIMIT_EXCEEDED`.
  return status === 403 && reason !== null && RATE_LIMIT_REASONS.has(reason.replace(/_/g, '').toLowerCase());
}

function firstReason(error: Record<string, unknown>): string | null {
  const errors = error['errors'];
  if (Array.isArray(errors)) {
    for (const entry of errors) {
      if (isRecord(entry) && typeof entry['reason'] === 'string') return entry['reason'];
    }
  }
  const details = error['details'];
  if (Array.isArray(details)) {
    for (const entry of details) {
      if (isRecord(entry) && typeof entry['reason'] === 'string') return entry['reason'];
    }
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
