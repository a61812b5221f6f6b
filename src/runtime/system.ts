import { randomUUID } from 'node:crypto';
import type { Clock, IdGenerator } from '../domain/index.js';

export const systemClock: Clock = { now: () => new Date() };
export const randomIds: IdGenerator = { next: () => randomUUID() };
