import { describe, expect, it } from 'vitest';
import type { EvaluatedCandidate, Verdict } from '../types.js';
import { candidate, evaluated, NOW, situation, verdict } from '../policy/fixtures.testkit.js';
import { chooseOutcome } from './chooseOutcome.js';

const normal = situation();
const deferred: Verdict = { verdict: 'allowed', reasons: [{ code: 'tier_allows', message: 'ok' }], notBefore: '2026-11-25T06:00:00.000Z' };
const blocked = verdict('denied', 'blocked_domain', 'acme.com is blocked');

function list(archiveScore: number, archiveConfidence: number, archiveVerdict: Verdict = verdict('allowed')): EvaluatedCandidate[] {
  return [
    evaluated(candidate({ type: 'do_nothing' }), { score: 0.3, confidence: 0.7, reason: 'you usually leave these' }),
    evaluated(candidate({ type: 'archive' }), { score: archiveScore, confidence: archiveConfidence, reason: 'you archived 12 like it' }, archiveVerdict),
    evaluated(candidate({ type: 'flag_for_review' }), { score: 0.2, confidence: 0.7 }),
  ];
}

describe('chooseOutcome', () => {
  it('runs an allowed action the twin is sure of', () => {
    const decision = chooseOutcome(list(0.9, 0.8), 'low', normal, NOW);
    expect(decision).toMatchObject({ outcome: 'auto_execute', selectedIndex: 1, approvalExpiresAt: null, notBefore: null });
    expect(decision.reasons.map((r) => r.code)).toEqual(['test_allowed', 'twin_confident']);
    expect(decision.reasons[1]?.message).toBe('the twin expects you want this (score 0.90, confidence 0.80): you archived 12 like it');
  });

  it('carries the quiet-hours deferral over from the verdict', () => {
    expect(chooseOutcome(list(0.9, 0.8, deferred), 'low', normal, NOW).notBefore).toBe('2026-11-25T06:00:00.000Z');
  });

  it.each([
    [0.7, 0.6, 'auto_execute'],
    [0.69, 0.9, 'needs_approval'],
    [0.9, 0.59, 'needs_approval'],
  ])('score %d, confidence %d → %s', (score, confidence, outcome) => {
    expect(chooseOutcome(list(score, confidence), 'high', normal, NOW).outcome).toBe(outcome);
  });

  it('asks with twin_unsure when the policy allows but the twin is not sure enough', () => {
    const decision = chooseOutcome(list(0.65, 0.9), 'moderate', normal, NOW);
    expect(decision.outcome).toBe('needs_approval');
    expect(decision.selectedIndex).toBe(1);
    expect(decision.reasons[0]?.code).toBe('twin_unsure');
    expect(decision.approvalExpiresAt).toBe('2026-11-25T09:12:44.000Z');
  });

  it('asks with the verdict reasons when the policy wants approval', () => {
    const decision = chooseOutcome(list(0.9, 0.9, verdict('needs_approval', 'spend_per_action', '$45.00 is over your $30.00 per-action limit')), 'high', normal, NOW);
    expect(decision).toMatchObject({ outcome: 'needs_approval', selectedIndex: 1, reasons: [{ code: 'spend_per_action' }] });
  });

  it('only records at observer, keeping the selection', () => {
    const decision = chooseOutcome(list(0.9, 0.9, verdict('needs_approval', 'tier_observer')), 'observer', normal, NOW);
    expect(decision).toMatchObject({ outcome: 'shadow', selectedIndex: 1, approvalExpiresAt: null, notBefore: null });
    expect(decision.reasons[0]?.code).toBe('tier_observer');
  });

  it('never runs alone at suggest, even an allowed flag_for_review', () => {
    const flagOnly = [evaluated(candidate({ type: 'flag_for_review' }), { score: 0.9, confidence: 0.9 })];
    expect(chooseOutcome(flagOnly, 'suggest', normal, NOW)).toMatchObject({ outcome: 'needs_approval', reasons: [{ code: 'tier_suggest' }] });
  });

  it('escalates an unknown situation with flag_for_review instead of guessing', () => {
    const unknown = situation({ kind: 'unknown', confidence: 0.2, urgency: 'high' });
    const decision = chooseOutcome(list(0.95, 0.95), 'high', unknown, NOW);
    expect(decision).toMatchObject({ outcome: 'needs_approval', selectedIndex: 2, approvalExpiresAt: '2026-11-24T09:27:44.000Z' });
    expect(decision.reasons[0]).toEqual({ code: 'unknown_situation', message: 'SkyTwin could not tell what this is (20% sure), so it asks you instead of guessing' });
  });

  it('records the escalation at observer too', () => {
    const unknown = situation({ kind: 'unknown' });
    expect(chooseOutcome(list(0.95, 0.95), 'observer', unknown, NOW)).toMatchObject({ outcome: 'shadow', selectedIndex: 2 });
  });

  it('does nothing when the twin prefers nothing', () => {
    const decision = chooseOutcome(list(0.1, 0.9), 'high', normal, NOW);
    expect(decision).toMatchObject({ outcome: 'no_action', selectedIndex: 0, approvalExpiresAt: null });
    expect(decision.reasons).toEqual([{ code: 'chose_nothing', message: 'you usually leave these' }]);
  });

  it('takes the default (first) candidate when the twin is clueless', () => {
    const clueless = list(0.95, 0.1).map((c) => ({ ...c, prediction: { ...c.prediction, confidence: 0.1 } }));
    expect(chooseOutcome(clueless, 'high', normal, NOW)).toMatchObject({ outcome: 'no_action', selectedIndex: 0 });
    const flagFirst = [clueless[2], clueless[1], clueless[0]].filter((c): c is EvaluatedCandidate => c !== undefined);
    expect(chooseOutcome(flagFirst, 'high', normal, NOW)).toMatchObject({ outcome: 'needs_approval', selectedIndex: 0, reasons: [{ code: 'twin_unsure' }] });
  });

  it('does nothing, with the blocking reasons, when everything but do_nothing is denied', () => {
    const candidates = [
      evaluated(candidate({ type: 'archive' }), { score: 0.9, confidence: 0.9 }, blocked),
      evaluated(candidate({ type: 'label' }), { score: 0.8, confidence: 0.9 }, blocked),
      evaluated(candidate({ type: 'do_nothing' }), { score: 0.1, confidence: 0.9 }),
    ];
    expect(chooseOutcome(candidates, 'high', normal, NOW)).toEqual({
      outcome: 'no_action',
      selectedIndex: 2,
      reasons: [{ code: 'blocked_domain', message: 'acme.com is blocked' }],
      approvalExpiresAt: null,
      notBefore: null,
    });
  });

  it('does nothing when only flag_for_review escapes the block', () => {
    const candidates = [
      evaluated(candidate({ type: 'do_nothing' }), { score: 0.1, confidence: 0.9 }),
      evaluated(candidate({ type: 'archive' }), { score: 0.9, confidence: 0.9 }, blocked),
      evaluated(candidate({ type: 'flag_for_review' }), { score: 0.95, confidence: 0.9 }),
    ];
    expect(chooseOutcome(candidates, 'high', normal, NOW)).toMatchObject({ outcome: 'no_action', selectedIndex: 0, reasons: [{ code: 'blocked_domain' }] });
    expect(chooseOutcome(candidates, 'observer', normal, NOW)).toMatchObject({ outcome: 'shadow', selectedIndex: 0 });
  });

  it('does nothing without a selection when all are denied or none proposed', () => {
    const allDenied = [evaluated(candidate({ type: 'archive' }), {}, verdict('denied', 'policy_error', 'the spend rule failed'))];
    expect(chooseOutcome(allDenied, 'high', normal, NOW)).toMatchObject({ outcome: 'no_action', selectedIndex: null, reasons: [{ code: 'policy_error' }] });
    expect(chooseOutcome([], 'high', normal, NOW)).toMatchObject({ outcome: 'no_action', selectedIndex: null, reasons: [{ code: 'no_candidates' }] });
  });
});
