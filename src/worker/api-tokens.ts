import type { AccessTokenSource } from '../google/index.js';
import type { WorkerApi } from './api-client.js';

/** Ask for a new token this long before the one held expires. */
const EARLY_MS = 60_000;

/**
 * Access tokens for one user, from SkyTwin's API (the worker never sees a refresh token). One
 * request at a time; a token Google rejected is named to the API so it refreshes rather than
 * handing the same one back.
 */
export function apiTokenSource(api: WorkerApi, userId: string, now: () => number = Date.now): AccessTokenSource {
  let held: { token: string; expiresAt: Date } | null = null;
  let inflight: Promise<string> | null = null;
  const fetchToken = (rejected?: string): Promise<string> => {
    inflight ??= api
      .accessToken(userId, rejected)
      .then((issued) => {
        held = issued;
        return issued.token;
      })
      .finally(() => {
        inflight = null;
      });
    return inflight;
  };
  const usable = () => held !== null && held.expiresAt.getTime() - EARLY_MS > now();
  return {
    async current() {
      if (inflight) return inflight;
      return usable() && held ? held.token : fetchToken();
    },
    async refresh(rejected) {
      if (inflight) return inflight;
      if (usable() && held && held.token !== rejected) return held.token;
      return fetchToken(rejected);
    },
  };
}
