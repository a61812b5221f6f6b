import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { BrokenCircuitError, circuitBreaker, ConsecutiveBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import type { LlmSettings } from '../config/config.js';
import { LlmError, isLlmError } from './errors.js';
import type { ChatMessage } from './prompt.js';

export interface LlmClientOptions {
  /** Consecutive failures (timeouts, errors, nonsense) that open the breaker; default 3. */
  breakerThreshold?: number;
  /** How long an open breaker skips the model before one call may try again; default 30 s. */
  halfOpenAfterMs?: number;
}

export interface LlmClient {
  readonly model: string;
  /** One chat completion whose answer must match `schema`; anything else is an LlmError. */
  complete<T extends TSchema>(messages: ChatMessage[], schema: T, name: string): Promise<Static<T>>;
}

/**
 * The one way SkyTwin talks to a language model: OpenAI-compatible chat completions with a strict
 * JSON-schema answer, a timeout per call and a breaker, so a model that is down is skipped at once
 * instead of costing every message its timeout. No retries: the rules are the fallback.
 */
export function createLlmClient(settings: LlmSettings, options: LlmClientOptions = {}): LlmClient {
  const breaker: CircuitBreakerPolicy = circuitBreaker(handleWhen(isLlmError), {
    breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 3),
    halfOpenAfter: options.halfOpenAfterMs ?? 30_000,
  });
  const endpoint = `${settings.url}/chat/completions`;

  async function call<T extends TSchema>(messages: ChatMessage[], schema: T, name: string): Promise<Static<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (settings.apiKey !== null) headers['authorization'] = `Bearer ${settings.apiKey}`;
    const body = {
      model: settings.model,
      messages,
      temperature: 0,
      stream: false,
      response_format: { type: 'json_schema', json_schema: { name, strict: true, schema } },
    };
    let response: Response;
    let text: string;
    try {
      response = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(settings.timeoutMs) });
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw timedOut
        ? new LlmError('timeout', `the model did not answer within ${settings.timeoutMs} ms`, null, { cause: error })
        : new LlmError('unavailable', `the model server could not be reached (${error instanceof Error ? error.message : String(error)})`, null, { cause: error });
    }
    if (!response.ok) throw new LlmError('unavailable', `the model server answered HTTP ${response.status}`, response.status);
    return answerOf(text, schema);
  }

  return {
    model: settings.model,
    async complete(messages, schema, name) {
      try {
        return await breaker.execute(() => call(messages, schema, name));
      } catch (error) {
        if (error instanceof BrokenCircuitError) throw new LlmError('unavailable', 'the model failed several times in a row and is skipped for now', null, { cause: error });
        throw error;
      }
    },
  };
}

/** The first choice's content, parsed and checked against the schema. */
function answerOf<T extends TSchema>(text: string, schema: T): Static<T> {
  let content: unknown;
  try {
    const envelope: unknown = JSON.parse(text);
    const choices = (envelope as { choices?: unknown }).choices;
    content = Array.isArray(choices) ? (choices[0] as { message?: { content?: unknown } } | undefined)?.message?.content : undefined;
  } catch {
    throw new LlmError('nonsense', 'the model server answered something that is not JSON');
  }
  if (typeof content !== 'string') throw new LlmError('nonsense', 'the model server answered without a message');
  let value: unknown;
  try {
    value = JSON.parse(stripFence(content));
  } catch {
    throw new LlmError('nonsense', 'the model answered text that is not JSON');
  }
  if (!Value.Check(schema, value)) throw new LlmError('nonsense', "the model's answer does not match the schema");
  return value;
}

/** Some servers wrap JSON in a Markdown fence even when asked for a schema. */
function stripFence(content: string): string {
  const match = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/.exec(content);
  return match?.[1] ?? content;
}
