import type { ServiceDeps } from './deps.js';
import { temporalProfileOf } from './temporal.js';

/** The zone a user's day and clock times are told in: their quiet hours' zone, else the host's, else UTC. */
export async function userTimeZone(deps: ServiceDeps, userId: string): Promise<string> {
  const profile = await temporalProfileOf(deps, deps.db, userId);
  return profile?.activeWindow.timeZone ?? 'UTC';
}
