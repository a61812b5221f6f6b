import { describe, expect, it } from 'vitest';
import type { Urgency } from '../types.js';
import { approvalExpiresAt } from './expiry.js';

describe('approvalExpiresAt', () => {
  const now = new Date('2026-11-24T09:12:44.000Z');
  it.each<[Urgency, string]>([
    ['critical', '2026-11-24T09:27:44.000Z'],
    ['high', '2026-11-24T09:27:44.000Z'],
    ['normal', '2026-11-25T09:12:44.000Z'],
    ['low', '2026-11-27T09:12:44.000Z'],
  ])('%s → %s', (urgency, expires) => {
    expect(approvalExpiresAt(urgency, now)).toBe(expires);
  });

  it('falls back to the shortest window for an unknown urgency', () => {
    expect(approvalExpiresAt('whenever' as Urgency, now)).toBe('2026-11-24T09:27:44.000Z');
  });
});
