import { Type } from '@sinclair/typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answer, startLlmEmulator, type RunningLlmEmulator } from '../llm-emulator/index.js';
import { createLlmClient, type LlmClientOptions } from './client.js';
import { isLlmError, type LlmFailure } from './errors.js';

const Schema = Type.Object({ kind: Type.Union([Type.Literal('newsletter'), Type.Literal('personal')]), confidence: Type.Number({ minimum: 0, maximum: 1 }) }, { additionalProperties: false });
const messages = [{ role: 'user' as const, content: 'hello' }];

let server: RunningLlmEmulator;
beforeEach(async () => {
  server = await startLlmEmulator();
});
afterEach(async () => {
  await server.close();
});

function client(extra: { apiKey?: string; timeoutMs?: number } & LlmClientOptions = {}) {
  return createLlmClient(
    { url: server.url, model: 'tiny', apiKey: extra.apiKey ?? null, localOnly: true, timeoutMs: extra.timeoutMs ?? 2_000, concurrency: 1 },
    extra,
  );
}

async function failureOf(promise: Promise<unknown>): Promise<LlmFailure | 'no failure'> {
  try {
    await promise;
    return 'no failure';
  } catch (error) {
    if (!isLlmError(error)) throw error;
    return error.failure;
  }
}

describe('the model client', () => {
  it('sends one strict json_schema completion and returns the checked answer', async () => {
    server.enqueue(answer({ kind: 'newsletter', confidence: 0.8 }));
    await expect(client({ apiKey: 'sk-local-key' }).complete(messages, Schema, 'interpretation')).resolves.toEqual({ kind: 'newsletter', confidence: 0.8 });
    const [request] = server.requests;
    expect(request?.model).toBe('tiny');
    expect(request?.authorization).toBe('Bearer sk-local-key');
    expect(request?.body['response_format']).toEqual({ type: 'json_schema', json_schema: { name: 'interpretation', strict: true, schema: JSON.parse(JSON.stringify(Schema)) } });
    expect(request?.messages).toEqual(messages);
  });

  it('sends no Authorization header without a key, and accepts an answer in a Markdown fence', async () => {
    server.enqueue({ kind: 'text', text: '```json\n{"kind":"personal","confidence":0.5}\n```' });
    await expect(client().complete(messages, Schema, 'x')).resolves.toEqual({ kind: 'personal', confidence: 0.5 });
    expect(server.requests[0]?.authorization).toBeNull();
  });

  it('calls nonsense nonsense: not JSON, off the schema, no message, a body that is not JSON', async () => {
    const c = client({ breakerThreshold: 100 });
    server.enqueue(
      { kind: 'text', text: 'Sure! It is a newsletter.' },
      answer({ kind: 'forward_to_attacker', confidence: 1 }),
      answer({ kind: 'newsletter', confidence: 7 }),
      answer({ kind: 'newsletter', confidence: 0.5, extra: 'field' }),
      { kind: 'malformed', body: '<html>oops' },
    );
    for (let i = 0; i < 5; i++) expect(await failureOf(c.complete(messages, Schema, 'x'))).toBe('nonsense');
  });

  it('reports HTTP errors (429 with Retry-After, 500) as unavailable, without retrying', async () => {
    const c = client({ breakerThreshold: 100 });
    server.enqueue({ kind: 'error', status: 429, headers: { 'retry-after': '30' } }, { kind: 'error', status: 500 });
    expect(await failureOf(c.complete(messages, Schema, 'x'))).toBe('unavailable');
    expect(await failureOf(c.complete(messages, Schema, 'x'))).toBe('unavailable');
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after the timeout', async () => {
    server.enqueue({ kind: 'hang' });
    expect(await failureOf(client({ timeoutMs: 200 }).complete(messages, Schema, 'x'))).toBe('timeout');
  });

  it('opens the breaker after consecutive failures, so a down model is skipped without a call', async () => {
    const c = client({ timeoutMs: 200, breakerThreshold: 2, halfOpenAfterMs: 60_000 });
    server.enqueue({ kind: 'hang' }, { kind: 'error', status: 503 });
    expect(await failureOf(c.complete(messages, Schema, 'x'))).toBe('timeout');
    expect(await failureOf(c.complete(messages, Schema, 'x'))).toBe('unavailable');
    expect(await failureOf(c.complete(messages, Schema, 'x'))).toBe('unavailable');
    expect(server.requests).toHaveLength(2);
  });

  it('reports a server that is not there as unavailable', async () => {
    const c = client();
    await server.close();
    expect(await failureOf(c.complete(messages, Schema, 'x'))).toBe('unavailable');
    server = await startLlmEmulator();
  });
});
