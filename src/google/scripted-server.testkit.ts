import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer; `drop` closes the connection without answering, `delayMs` holds the answer back. */
export interface ScriptedResponse {
  status?: number;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  drop?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  pathname: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A real HTTP server on 127.0.0.1 that answers from a queue of scripted responses (or a handler
 * once the queue is empty) and records every request it receives.
 */
export class ScriptedServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: ScriptedResponse[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private handler: ((request: RecordedRequest) => ScriptedResponse) | null = null;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<ScriptedServer> {
    let scripted: ScriptedServer | null = null;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => scripted?.answer(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    scripted = new ScriptedServer(server, `http://127.0.0.1:${port}`);
    return scripted;
  }

  enqueue(...responses: ScriptedResponse[]): this {
    this.queue.push(...responses);
    return this;
  }

  /** Answers requests once the queue is empty. */
  otherwise(handler: (request: RecordedRequest) => ScriptedResponse): this {
    this.handler = handler;
    return this;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(method: string, url: string, headers: IncomingHttpHeaders, body: string, res: ServerResponse): void {
    const parsed = new URL(url, 'http://127.0.0.1');
    const request: RecordedRequest = { method, url, pathname: parsed.pathname, query: parsed.searchParams, headers, body };
    this.requests.push(request);
    const scripted = this.queue.shift() ?? this.handler?.(request) ?? {
      status: 418,
      body: { error: { code: 418, message: `no scripted response for ${method} ${url}` } },
    };
    const reply = () => {
      if (scripted.drop) {
        res.socket?.destroy();
        return;
      }
      const text = typeof scripted.body === 'string' ? scripted.body : scripted.body === undefined ? '' : JSON.stringify(scripted.body);
      const contentType = typeof scripted.body === 'string' ? 'text/plain' : 'application/json; charset=UTF-8';
      res.writeHead(scripted.status ?? 200, { 'content-type': contentType, ...scripted.headers });
      res.end(text);
    };
    if (!scripted.delayMs) return reply();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      reply();
    }, scripted.delayMs);
    this.timers.add(timer);
  }
}

/** A Google API error body, as Gmail and Calendar send it. */
export function googleError(code: number, reason: string, message: string, status = 'FAILED_PRECONDITION'): unknown {
  return { error: { code, message, errors: [{ domain: 'global', reason, message }], status } };
}
