import { describe, expect, it } from 'vitest';
import { candidate, evaluated, verdict } from '../policy/fixtures.testkit.js';
import { selectCandidate } from './select.js';

describe('selectCandidate', () => {
  it('picks the highest score among candidates not denied', () => {
    const list = [
      evaluated(candidate({ type: 'do_nothing' }), { score: 0.3, confidence: 0.8 }),
      evaluated(candidate({ type: 'archive' }), { score: 0.9, confidence: 0.8 }, verdict('denied')),
      evaluated(candidate({ type: 'label' }), { score: 0.7, confidence: 0.8 }, verdict('needs_approval')),
      evaluated(candidate({ type: 'mark_read' }), { score: 0.6, confidence: 0.8 }),
    ];
    expect(selectCandidate(list)).toBe(2);
  });

  it('breaks a tie by lower overall risk, then by position', () => {
    const tie = [
      evaluated(candidate({ type: 'do_nothing' }), { score: 0.2, confidence: 0.9 }),
      evaluated(candidate({ type: 'label', overall: 'moderate' }), { score: 0.8, confidence: 0.9 }),
      evaluated(candidate({ type: 'archive', overall: 'low' }), { score: 0.8, confidence: 0.9 }),
      evaluated(candidate({ type: 'mark_read', overall: 'low' }), { score: 0.8, confidence: 0.9 }),
    ];
    expect(selectCandidate(tie)).toBe(2);
  });

  it('takes the first (the default) when the twin is clueless about all of them', () => {
    const list = [
      evaluated(candidate({ type: 'archive' }), { score: 0.1, confidence: 0.2 }, verdict('denied')),
      evaluated(candidate({ type: 'flag_for_review' }), { score: 0.2, confidence: 0.29 }),
      evaluated(candidate({ type: 'label' }), { score: 0.95, confidence: 0.1 }),
    ];
    expect(selectCandidate(list)).toBe(1);
  });

  it('listens to the twin as soon as one candidate reaches 0.3 confidence', () => {
    const list = [
      evaluated(candidate({ type: 'flag_for_review' }), { score: 0.2, confidence: 0.1 }),
      evaluated(candidate({ type: 'label' }), { score: 0.95, confidence: 0.3 }),
    ];
    expect(selectCandidate(list)).toBe(1);
  });

  it('returns null when everything is denied or nothing is proposed', () => {
    expect(selectCandidate([])).toBeNull();
    expect(selectCandidate([evaluated(candidate(), { confidence: 0.9 }, verdict('denied'))])).toBeNull();
  });

  it('never prefers a NaN score', () => {
    const list = [
      evaluated(candidate({ type: 'label' }), { score: Number.NaN, confidence: 0.9 }),
      evaluated(candidate({ type: 'archive' }), { score: 0.1, confidence: 0.9 }),
    ];
    expect(selectCandidate(list)).toBe(1);
  });
});
