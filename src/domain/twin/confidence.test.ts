import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Evidence } from '../types.js';
import { confidenceOf, decayFactor } from './confidence.js';
import { evidence, hoursAfter, T0 } from './fixtures.testkit.js';

const approvals = (n: number): Evidence[] => Array.from({ length: n }, (_, i) => evidence(1, hoursAfter(T0, i)));
const NOW = hoursAfter(T0, 100);

const arbEvidence: fc.Arbitrary<Evidence> = fc.record({
  kind: fc.constantFrom('approve', 'reject', 'edit', 'undo', 'confirm', 'correct', 'restate', 'seed' as const),
  weight: fc.oneof(fc.constantFrom(1, -1, -2, 2, 3), fc.double({ min: -5, max: 5, noNaN: true })),
  decisionId: fc.option(fc.uuid(), { nil: null }),
  at: fc.integer({ min: -2 * 365 * 24, max: 24 * 10 }).map((h) => hoursAfter(NOW, h).toISOString()),
  note: fc.constant(''),
});
const arbList = fc.array(arbEvidence, { maxLength: 30 });
// Float sums in another order may differ by an ulp; monotonicity is checked up to that.
const EPS = 1e-12;

describe('confidenceOf calibration', () => {
  it('is 0 without supporting evidence', () => {
    expect(confidenceOf([], NOW)).toBe(0);
    expect(confidenceOf([evidence(-1, T0), evidence(-2, T0)], NOW)).toBe(0);
  });

  it('one approval stays below 0.6, three consistent approvals reach it', () => {
    expect(confidenceOf(approvals(1), NOW)).toBeLessThan(0.6);
    expect(confidenceOf(approvals(2), NOW)).toBeLessThan(0.6);
    expect(confidenceOf(approvals(3), NOW)).toBeGreaterThanOrEqual(0.6);
  });

  it.each([5, 6, 10, 20, 50])('after %i approvals one undo (weight −2) falls below 0.6', (n) => {
    const list = approvals(n);
    expect(confidenceOf(list, NOW)).toBeGreaterThan(0.6);
    expect(confidenceOf([...list, evidence(-2, hoursAfter(T0, n))], NOW)).toBeLessThan(0.6);
  });

  it('later approvals forgive an earlier undo', () => {
    const list = [...approvals(5), evidence(-2, hoursAfter(T0, 5))];
    const after = [...list, evidence(1, hoursAfter(T0, 6)), evidence(1, hoursAfter(T0, 7)), evidence(1, hoursAfter(T0, 8))];
    expect(confidenceOf(after, NOW)).toBeGreaterThanOrEqual(0.6);
    // The same approvals before the undo do not: recency matters, not just the count.
    const before = [...approvals(8), evidence(-2, hoursAfter(T0, 9))];
    expect(confidenceOf(before, NOW)).toBeLessThan(0.6);
  });

  it('decays with a 90-day half-life, except stated rules', () => {
    const old = evidence(1, T0);
    expect(decayFactor(old, new Date(T0.getTime() + 90 * 86_400_000))).toBeCloseTo(0.5, 10);
    expect(decayFactor({ ...old, kind: 'restate' }, new Date(T0.getTime() + 900 * 86_400_000))).toBe(1);
    const fresh = confidenceOf(approvals(3), NOW);
    const stale = confidenceOf(approvals(3), new Date(NOW.getTime() + 180 * 86_400_000));
    expect(stale).toBeLessThan(fresh);
  });

  it('explicit statements count more than approvals', () => {
    const restate = evidence(3, T0, { kind: 'restate' });
    expect(confidenceOf([restate], NOW)).toBeGreaterThan(confidenceOf(approvals(2), NOW));
    expect(confidenceOf([restate], NOW)).toBeGreaterThanOrEqual(0.6);
  });

  it('ignores entries with an unreadable date or weight', () => {
    const list = approvals(3);
    const noisy = [...list, { ...evidence(-2, T0), at: 'not a date' }, { ...evidence(1, T0), weight: Number.NaN }];
    expect(confidenceOf(noisy, NOW)).toBe(confidenceOf(list, NOW));
  });
});

describe('confidenceOf properties', () => {
  it('stays within [0, 0.99]', () => {
    fc.assert(
      fc.property(arbList, (list) => {
        const c = confidenceOf(list, NOW);
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(0.99);
      }),
    );
  });

  it('one more supporting evidence, anywhere in the list, never lowers it', () => {
    fc.assert(
      fc.property(arbList, arbEvidence, fc.nat(), (list, extra, pos) => {
        const e = { ...extra, weight: Math.abs(extra.weight) || 1 };
        const i = pos % (list.length + 1);
        const more = [...list.slice(0, i), e, ...list.slice(i)];
        expect(confidenceOf(more, NOW)).toBeGreaterThanOrEqual(confidenceOf(list, NOW) - EPS);
      }),
    );
  });

  it('one more contradicting evidence, anywhere in the list, never raises it', () => {
    fc.assert(
      fc.property(arbList, arbEvidence, fc.nat(), (list, extra, pos) => {
        const e = { ...extra, weight: -(Math.abs(extra.weight) || 1) };
        const i = pos % (list.length + 1);
        const more = [...list.slice(0, i), e, ...list.slice(i)];
        expect(confidenceOf(more, NOW)).toBeLessThanOrEqual(confidenceOf(list, NOW) + EPS);
      }),
    );
  });

  it('a fresh undo after any run of approvals brings it below 0.6', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), (n) => {
        const list = [...approvals(n), evidence(-2, hoursAfter(T0, n))];
        expect(confidenceOf(list, NOW)).toBeLessThan(0.6);
      }),
    );
  });
});
