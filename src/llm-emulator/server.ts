import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatRequest, LlmReply, LlmScript } from './replies.js';
import { rulesLikeScript } from './rules-script.js';

export interface LlmEmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Answers requests when the queue is empty; default: the keyword script. */
  script?: LlmScript;
  /** Model names `GET /v1/models` lists (default ["skytwin-fake"]); any name is accepted in requests. */
  models?: string[];
  /** Receives one line per request. */
  log?: (line: string) => void;
}

export interface RunningLlmEmulator {
  /** The base URL to give SKYTWIN_LLM_URL, ending in /v1. */
  url: string;
  /** Every chat-completions request received, oldest first. */
  readonly requests: ChatRequest[];
  /** Replies used before the script, one per request, first in first out. */
  enqueue(...replies: LlmReply[]): void;
  setScript(script: LlmScript): void;
  close(): Promise<void>;
}

const MAX_BODY = 1_000_000;

/** A fake OpenAI-compatible server: scripted answers, delays, HTTP errors and nonsense on demand. */
export async function startLlmEmulator(options: LlmEmulatorOptions = {}): Promise<RunningLlmEmulator> {
  const requests: ChatRequest[] = [];
  const queue: LlmReply[] = [];
  let script: LlmScript = options.script ?? rulesLikeScript;
  const models = options.models ?? ['skytwin-fake'];
  const pending = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  const log = options.log ?? (() => undefined);

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`llm-emulator: internal error ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) send(res, 500, { error: { message: 'emulator error', type: 'server_error' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/v1/models') {
      send(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'skytwin' })) });
      return;
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      send(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' } });
      return;
    }
    const raw = await readBody(req);
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      send(res, 400, { error: { message: 'the body must be a JSON object', type: 'invalid_request_error' } });
      return;
    }
    const request = chatRequestOf(body, req.headers.authorization ?? null);
    requests.push(request);
    const reply = queue.shift() ?? (await script(request));
    log(`llm-emulator: ${request.model} -> ${reply.kind}`);
    if (reply.kind === 'hang') {
      pending.add(res);
      res.on('close', () => pending.delete(res));
      return;
    }
    if (reply.delayMs !== undefined && reply.delayMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, reply.delayMs);
        timers.add(timer);
      });
    }
    if (res.destroyed) return;
    respond(res, request, reply);
  }

  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/v1`,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    setScript: (next) => void (script = next),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const res of pending) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function respond(res: ServerResponse, request: ChatRequest, reply: Exclude<LlmReply, { kind: 'hang' }>): void {
  switch (reply.kind) {
    case 'error':
      send(res, reply.status, reply.body ?? { error: { message: `scripted HTTP ${reply.status}`, type: 'server_error' } }, reply.headers);
      return;
    case 'malformed':
      res.writeHead(200, { 'content-type': 'application/json' }).end(reply.body);
      return;
    case 'answer':
    case 'text': {
      const content = reply.kind === 'answer' ? JSON.stringify(reply.content) : reply.text;
      send(res, 200, {
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created: 0,
        model: request.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      });
    }
  }
}

function chatRequestOf(body: Record<string, unknown>, authorization: string | null): ChatRequest {
  const messages = Array.isArray(body['messages'])
    ? body['messages'].map((m: unknown) => {
        const record = typeof m === 'object' && m !== null ? (m as Record<string, unknown>) : {};
        return { role: String(record['role'] ?? ''), content: typeof record['content'] === 'string' ? record['content'] : JSON.stringify(record['content'] ?? '') };
      })
    : [];
  const format = body['response_format'] as { json_schema?: { schema?: unknown } } | undefined;
  const schema = format?.json_schema?.schema;
  return {
    model: String(body['model'] ?? ''),
    messages,
    schema: typeof schema === 'object' && schema !== null ? (schema as Record<string, unknown>) : null,
    authorization,
    body,
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
