import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';

export type ApiRoute = 'ingest' | 'token' | 'report' | 'targets' | 'other';

export interface ApiRouteTime {
  route: ApiRoute;
  requests: number;
  /** Summed from the request's headers arriving to its answer being written; overlapping requests add up. */
  totalMs: number;
  maxMs: number;
}

function routeOf(method: string | undefined, url: string | undefined): ApiRoute {
  const path = (url ?? '').split('?')[0] ?? '';
  if (path === '/api/events/ingest') return 'ingest';
  if (path.endsWith('/google-token')) return 'token';
  if (method === 'PUT' && path.startsWith('/api/internal/users/') && path.endsWith('/sync')) return 'report';
  if (path === '/api/internal/sync-targets') return 'targets';
  return 'other';
}

/**
 * Times the API's requests from the server's side through Node's HTTP diagnostics channels (the
 * only HTTP server on this thread is the API): what the API spent on each kind of request, apart
 * from the client and the loopback.
 */
export class ApiRequestTimes {
  private readonly started = new WeakMap<IncomingMessage, number>();
  private readonly times = new Map<ApiRoute, ApiRouteTime>();
  private readonly onStart = (message: unknown) => {
    this.started.set((message as { request: IncomingMessage }).request, performance.now());
  };
  private readonly onFinish = (message: unknown) => {
    const request = (message as { request: IncomingMessage }).request;
    const started = this.started.get(request);
    if (started === undefined) return;
    const route = routeOf(request.method, request.url);
    const time = this.times.get(route) ?? { route, requests: 0, totalMs: 0, maxMs: 0 };
    const elapsed = performance.now() - started;
    time.requests += 1;
    time.totalMs += elapsed;
    time.maxMs = Math.max(time.maxMs, elapsed);
    this.times.set(route, time);
  };

  start(): void {
    subscribe('http.server.request.start', this.onStart);
    subscribe('http.server.response.finish', this.onFinish);
  }

  stop(): ApiRouteTime[] {
    unsubscribe('http.server.request.start', this.onStart);
    unsubscribe('http.server.response.finish', this.onFinish);
    return [...this.times.values()];
  }
}
