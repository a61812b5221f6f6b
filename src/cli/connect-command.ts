import type { Config } from '../config/index.js';
import { ConnectionBody, ConsentStartBody, type StoreRefreshToken, type WatchCalendars } from '../contract/index.js';
import { answerOf } from '../worker/index.js';
import { findRunningApi } from './api-link.js';

type Out = { out: (line: string) => void; err: (line: string) => void };

export interface ConnectInput {
  userId: string;
  refreshToken: string | null;
  calendars: string[];
  /** How long to wait for the browser sign-in to finish. */
  waitMs: number;
}

/**
 * `skytwin connect google`: through the running API, which owns the credentials. With a refresh
 * token it stores it (checked with Google first); without, it prints the consent URL and waits
 * until the browser sign-in has landed on the API's loopback callback.
 */
export async function connectGoogleCommand(config: Config, input: ConnectInput, io: Out): Promise<number> {
  const presence = await findRunningApi(config, { onWaiting: io.err });
  if (presence.kind !== 'running') {
    io.err(`skytwin connect: ${presence.reason}; connecting needs the running API: start SkyTwin first (npm start)`);
    return 1;
  }
  const api = presence.api;
  const call = (method: string, path: string, body?: unknown) => api.call(method, path, body);
  const base = `/api/users/${encodeURIComponent(input.userId)}/connections/google`;
  try {
    if (input.refreshToken !== null) {
      const request: StoreRefreshToken = { refreshToken: input.refreshToken, ...(input.calendars.length > 0 ? { calendars: input.calendars } : {}) };
      const stored = await call('POST', base, request);
      if (stored.status !== 201) {
        io.err(`skytwin connect: ${stored.message}`);
        return 1;
      }
      io.out(`connected Google for user ${input.userId}; the worker starts polling it on its next cycle`);
      return 0;
    }
    const before = await call('GET', base);
    const previous = before.status === 200 ? answerOf(ConnectionBody, before.body, 'the connection').connectedAt : null;
    const started = await call('POST', `${base}/consent`);
    if (started.status !== 200) {
      io.err(`skytwin connect: ${started.message}`);
      return 1;
    }
    const { consentUrl } = answerOf(ConsentStartBody, started.body, 'the consent request');
    io.out(`Open this address in a browser on this computer and allow access:\n\n  ${consentUrl}\n`);
    io.out('waiting for the sign-in to finish (Ctrl-C to stop)…');
    const until = Date.now() + input.waitMs;
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const now = await call('GET', base);
      const connection = now.status === 200 ? answerOf(ConnectionBody, now.body, 'the connection') : null;
      if (connection?.status === 'connected' && connection.connectedAt !== previous) {
        if (input.calendars.length > 0) await call('PUT', `${base}/calendars`, { calendars: input.calendars } satisfies WatchCalendars);
        io.out(`connected Google for user ${input.userId}`);
        return 0;
      }
    }
    io.err('skytwin connect: the sign-in did not finish in time; run the command again');
    return 1;
  } catch (error) {
    io.err(`skytwin connect: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
