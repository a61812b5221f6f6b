import { randomUUID } from 'node:crypto';
import type { Clock, IdGenerator } from '../../src/domain/index.js';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: string | Date = '2026-11-24T09:00:00Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(to: string | Date): void {
    this.current = new Date(to).getTime();
  }
}

export const uuids: IdGenerator = { next: () => randomUUID() };
