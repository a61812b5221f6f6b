import type { TestApp } from '../test/support/app.js';

/** Parsed JSON as the API answered it; the harness checks shapes as it reads them. */
export type Json = ReturnType<typeof JSON.parse>;

/** The API as the eval drives it: owner token, and any unexpected status is an error. */
export interface Api {
  get(url: string): Promise<Json>;
  post(url: string, payload: unknown, ok?: number[]): Promise<Json>;
  put(url: string, payload: unknown): Promise<Json>;
  delete(url: string): Promise<Json>;
  /** Runs the outbox once, as the executor would. */
  drain(): Promise<void>;
  now(): Date;
  setClock(iso: string): void;
}

export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${method} ${url} answered ${status}: ${JSON.stringify(body).slice(0, 400)}`);
  }
}

export function apiFor(t: TestApp): Api {
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload: unknown, ok: number[]) => {
    const response = await t.call({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
    if (!ok.includes(response.status)) throw new ApiError(method, url, response.status, response.body);
    return response.body;
  };
  return {
    get: (url) => call('GET', url, undefined, [200]),
    post: (url, payload, ok = [200, 201, 202]) => call('POST', url, payload, ok),
    put: (url, payload) => call('PUT', url, payload, [200]),
    delete: (url) => call('DELETE', url, undefined, [200]),
    drain: async () => {
      await t.runner.drain();
    },
    now: () => t.clock.now(),
    setClock: (iso) => t.clock.set(iso),
  };
}
