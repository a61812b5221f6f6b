import { randomUUID } from 'node:crypto';
import type { Clock, IdGenerator } from '../domain/index.js';

export const systemClock: Clock = { now: () => new Date() };
export const randomIds: IdGenerator = { next: () => randomUUID() };

/** The zone of the machine SkyTwin runs on (TZ, else the system's), or null when Intl names none. */
export function hostTimeZone(): string | null {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return typeof zone === 'string' && zone !== '' ? zone : null;
}
