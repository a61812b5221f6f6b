import type { TransientKind } from './errors.js';

/** What the Google client reports as it works; never a token, header, URL query or body. */
export type GoogleLogEvent =
  | { type: 'response'; operation: string; method: string; status: number; durationMs: number }
  | { type: 'no_response'; operation: string; method: string; kind: TransientKind }
  | { type: 'token_rejected'; operation: string }
  /** The call waited this long for the user's Gmail quota budget before it was sent. */
  | { type: 'quota_wait'; operation: string; units: number; waitedMs: number }
  | {
      type: 'retry';
      operation: string;
      attempt: number;
      delayMs: number;
      kind: TransientKind | null;
      status: number | null;
      reason: string | null;
    };
