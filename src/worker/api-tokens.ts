import { singleFlightTokens, type AccessTokenSource } from '../google/index.js';
import type { WorkerApi } from './api-client.js';

/**
 * Access tokens for one user, from SkyTwin's API (the worker never sees a refresh token). One
 * request at a time; a token Google rejected is named to the API so it refreshes rather than
 * handing the same one back.
 */
export function apiTokenSource(api: WorkerApi, userId: string): AccessTokenSource {
  return singleFlightTokens(async (rejected) => {
    const issued = await api.accessToken(userId, rejected);
    return { token: issued.token, expiresAt: issued.expiresAt };
  });
}
