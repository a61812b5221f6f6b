import { describe, expect, it } from 'vitest';
import { parseRetryAfter, parseRetryAfterMessage } from './retry-after.js';

const now = new Date('2025-03-10T12:00:00.000Z');

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
  });

  it('reads an IMF-fixdate relative to now', () => {
    expect(parseRetryAfter('Mon, 10 Mar 2025 12:00:30 GMT', now)).toBe(30_000);
  });

  it('reads the obsolete RFC 850 and asctime forms as GMT', () => {
    expect(parseRetryAfter('Monday, 10-Mar-25 12:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Mon Mar 10 12:00:05 2025', now)).toBe(5000);
  });

  it('treats a date in the past as "retry now"', () => {
    expect(parseRetryAfter('Mon, 10 Mar 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('returns null for missing or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter('1.5', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('Mon, not a date', now)).toBeNull();
  });
});

describe('parseRetryAfterMessage', () => {
  it("reads Gmail's RFC 3339 hint with fractional seconds", () => {
    expect(parseRetryAfterMessage('User-rate limit exceeded.  Retry after 2025-03-10T12:00:42.500Z', now)).toBe(42_500);
  });

  it('reads an offset timestamp', () => {
    expect(parseRetryAfterMessage('Too many concurrent requests. Retry after 2025-03-10T13:00:10+01:00', now)).toBe(10_000);
  });

  it('returns 0 for a past hint and null when there is none', () => {
    expect(parseRetryAfterMessage('Retry after 2025-03-10T11:59:00Z', now)).toBe(0);
    expect(parseRetryAfterMessage('Rate Limit Exceeded', now)).toBeNull();
    expect(parseRetryAfterMessage(undefined, now)).toBeNull();
  });
});
