/**
 * Why a model gave no usable answer. Each is a reason to fall back to the rules, never to fail a
 * decision: `timeout` (slower than the setting allows), `unavailable` (down, refused, an HTTP
 * error, or the breaker is open after several such), `nonsense` (an answer that is not JSON or not
 * what the schema allows).
 */
export type LlmFailure = 'timeout' | 'unavailable' | 'nonsense';

export class LlmError extends Error {
  readonly code = 'llm_failed';
  constructor(
    readonly failure: LlmFailure,
    message: string,
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LlmError';
  }
}

export function isLlmError(error: unknown): error is LlmError {
  return error instanceof LlmError;
}
