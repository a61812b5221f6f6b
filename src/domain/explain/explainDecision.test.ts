import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AutonomySettings, EvaluatedCandidate, OutcomeDecision, Situation, TrustTier } from '../types.js';
import { chooseOutcome } from '../outcome/index.js';
import { evaluatePolicy } from '../policy/index.js';
import type { CandidateOptions } from '../policy/fixtures.testkit.js';
import { candidate, context, evaluated, preference, settings, situation, verdict } from '../policy/fixtures.testkit.js';
import type { ExplainInput } from './context.js';
import { explainDecision } from './explainDecision.js';

const archiveKeys = ['email.sender:news@acme.com', 'email.situation:newsletter'];
const preferences = [
  preference('email.situation:newsletter', 'archive', 0.7),
  preference('email.sender:news@acme.com', 'archive', 0.9),
  preference('email.sender:boss@work.com', 'flag_for_review', 0.95),
];

/** Runs the real policy and outcome over plain candidates, as the pipeline will. */
function decide(tier: TrustTier, s: AutonomySettings, sit: Situation, options: [CandidateOptions, number, number, string, string[]?][], overrides = {}): ExplainInput {
  const ctx = context({ settings: s, situation: sit, ...overrides });
  const candidates = options.map(([o, score, confidence, reason, keys]) =>
    evaluated(candidate(o), { score, confidence, reason, preferenceKeys: keys ?? [] }, evaluatePolicy(candidate(o), tier, ctx)),
  );
  return { situation: sit, candidates, outcome: chooseOutcome(candidates, tier, sit, ctx.now), tier, settings: s, preferences };
}

const newsletter: [CandidateOptions, number, number, string, string[]?][] = [
  [{ type: 'do_nothing' }, 0.2, 0.8, 'you rarely leave these alone'],
  [{ type: 'archive', overall: 'low' }, 0.9, 0.8, 'you archived 12 like it', archiveKeys],
  [{ type: 'flag_for_review' }, 0.3, 0.8, ''],
];

describe('explainDecision: summaries', () => {
  it('says what ran automatically and why', () => {
    const e = explainDecision(decide('low', settings(), situation(), newsletter));
    expect(e.summary).toBe('Archived the newsletter from news@acme.com automatically: you archived 12 like it.');
    expect(e.whatHappened).toContain('It archived the newsletter from news@acme.com without asking, because email is at low autonomy');
  });

  it('says what waits for approval', () => {
    const e = explainDecision(decide('suggest', settings(), situation(), newsletter));
    expect(e.summary).toBe(
      'Waiting for your approval to archive the newsletter from news@acme.com: email is at suggest autonomy, where every action waits for your approval.',
    );
    expect(e.whatHappened).toContain('The request expires at 2026-11-25T09:12:44.000Z.');
  });

  it('says that a blocked domain led to nothing', () => {
    const e = explainDecision(decide('high', settings({ blockedDomains: ['acme.com'] }), situation(), newsletter));
    expect(e.summary).toBe('Did nothing: acme.com is blocked.');
    expect(e.whatWouldChange).toContain('removing acme.com from your blocked domains would let SkyTwin act on it');
    expect(e.howToCorrect).toContain('Remove acme.com from your blocked domains in Settings if SkyTwin may act on it.');
    expect(e.alternatives).toContainEqual({ action: 'archive', verdict: 'denied', why: 'not allowed: acme.com is blocked' });
  });

  it('says what observer mode recorded', () => {
    const e = explainDecision(decide('observer', settings(), situation(), newsletter));
    expect(e.summary).toBe('Recorded only (observer autonomy in email): SkyTwin would have archived the newsletter from news@acme.com.');
    expect(e.whatWouldChange).toEqual(expect.arrayContaining(['would become an approval request at suggest autonomy in email', 'would run automatically at low autonomy in email']));
    expect(e.howToCorrect[0]).toMatch(/^Confirm it/);
    expect(e.alternatives.map((a) => a.why)).toEqual(['the twin rated it lower (0.20 vs 0.90)', 'the twin rated it lower (0.30 vs 0.90)']);
  });

  it('says when a quiet-hours deferral applies', () => {
    const quietHours = { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' };
    const e = explainDecision(decide('low', settings({ quietHours }), situation(), newsletter, { now: new Date('2026-11-24T23:30:00Z') }));
    expect(e.summary).toBe('Will archive the newsletter from news@acme.com automatically once quiet hours end at 07:00 Europe/Berlin: you archived 12 like it.');
    expect(e.whatWouldChange).toContain('would run after quiet hours end at 07:00 Europe/Berlin');
    expect(e.whatHappened).toContain('It will archive the newsletter from news@acme.com without asking once quiet hours end (2026-11-25T06:00:00.000Z)');
  });
});

describe('explainDecision: the parts', () => {
  it('fills evidence from the situation and the predictions, without duplicates', () => {
    const input = decide('low', settings(), situation({ evidence: ['List-Unsubscribe header present', 'you archived 12 like it'] }), newsletter);
    expect(explainDecision(input).evidence).toEqual(['List-Unsubscribe header present', 'you archived 12 like it', 'do nothing: you rarely leave these alone']);
  });

  it('lists exactly the preferences behind the selected prediction, in key order', () => {
    const e = explainDecision(decide('low', settings(), situation(), newsletter));
    expect(e.preferencesUsed).toEqual([
      { key: 'email.sender:news@acme.com', value: 'archive', confidence: 0.9 },
      { key: 'email.situation:newsletter', value: 'archive', confidence: 0.7 },
    ]);
    expect(e.howToCorrect).toContain('Restate or delete the preference "email.sender:news@acme.com" (now "archive") on the Twin page.');
  });

  it('suggests a preference key to restate when the twin had none', () => {
    const e = explainDecision(decide('low', settings(), situation(), newsletter.map(([o, s, c, r]) => [o, s, c, r] as [CandidateOptions, number, number, string])));
    expect(e.preferencesUsed).toEqual([]);
    expect(e.howToCorrect).toContain('Tell the twin what you prefer by restating a preference such as "email.sender:news@acme.com" on the Twin page.');
  });

  it('explains the selected action with rationale, twin and policy', () => {
    const e = explainDecision(decide('low', settings(), situation(), newsletter));
    expect(e.whyThisAction).toBe(
      'Archive the newsletter from news@acme.com: archive fits this. The twin rates it 0.90 with confidence 0.80 (you archived 12 like it). Policy: allowed (reversible, low risk, allowed at low autonomy in email).',
    );
  });

  it('names the spend limit that holds an action back, in exact money', () => {
    const renewal = situation({ kind: 'subscription_renewal', domain: 'finance', facts: { counterpart: 'billing@acme.com', counterpartDomain: 'acme.com' } });
    const input = decide('high', settings({ spendLimits: { perActionCents: 3000, dailyCents: 100_000 } }), renewal, [
      [{ type: 'flag_for_review', domain: 'finance' }, 0.4, 0.7, ''],
      [{ type: 'approve_renewal', domain: 'finance', reversibility: 'partial', overall: 'moderate', cost: 4500 }, 0.9, 0.9, 'you renewed last year'],
    ]);
    const e = explainDecision(input);
    expect(e.summary).toBe('Waiting for your approval to approve the subscription renewal from billing@acme.com: $45.00 is over your $30.00 per-action limit.');
    expect(e.whatWouldChange.some((line) => line.startsWith('blocked: $45.00 over your $30.00 per-action limit'))).toBe(true);
    expect(e.howToCorrect.slice(0, 3).map((line) => line.split(' ')[0])).toEqual(['Approve', 'Reject', 'Edit']);
  });

  it('names the tier that would let an action run', () => {
    const e = explainDecision(decide('low', settings(), situation(), [
      [{ type: 'do_nothing' }, 0.2, 0.8, ''],
      [{ type: 'label', overall: 'moderate', parameters: { label: 'News' } }, 0.9, 0.9, 'you label these'],
    ]));
    expect(e.summary).toMatch(/^Waiting for your approval to label the newsletter from news@acme.com "News": low autonomy in email runs only/);
    expect(e.whatWouldChange).toContain('would run automatically at moderate autonomy in email');
  });

  it('says how sure the twin must become', () => {
    const e = explainDecision(decide('low', settings(), situation(), [
      [{ type: 'do_nothing' }, 0.2, 0.8, ''],
      [{ type: 'archive', overall: 'low' }, 0.6, 0.5, 'you archived some like it'],
    ]));
    expect(e.whatWouldChange).toContain('would run automatically once the twin is surer: it needs score ≥ 0.70 and confidence ≥ 0.60, it has 0.60 and 0.50');
  });

  it('explains an escalated unknown situation', () => {
    const unknown = situation({ kind: 'unknown', confidence: 0.25, summary: 'A message SkyTwin cannot place', facts: { counterpart: 'x@y.z' } });
    const e = explainDecision(decide('high', settings(), unknown, [
      [{ type: 'flag_for_review' }, 0.5, 0.2, ''],
      [{ type: 'do_nothing' }, 0.5, 0.2, ''],
    ]));
    expect(e.summary).toBe('Waiting for your approval to flag the message from x@y.z for your review: SkyTwin could not tell what this is (25% sure), so it asks you instead of guessing.');
    expect(e.alternatives).toEqual([{ action: 'do_nothing', verdict: 'allowed', why: 'SkyTwin could not tell what this is, so it escalates instead of guessing' }]);
  });

  it('copes with a decision that selected nothing', () => {
    const outcome: OutcomeDecision = { outcome: 'no_action', selectedIndex: null, reasons: [], approvalExpiresAt: null, notBefore: null };
    const candidates: EvaluatedCandidate[] = [evaluated(candidate(), {}, verdict('denied', 'policy_error', 'the spend rule failed (boom)'))];
    const e = explainDecision({ situation: situation(), candidates, outcome, tier: 'low', settings: settings(), preferences: [] });
    expect(e.summary).toBe('Did nothing: no action fitted.');
    expect(e.whyThisAction).toBe('No action was selected.');
    expect(e.alternatives).toEqual([{ action: 'archive', verdict: 'denied', why: 'not allowed: the spend rule failed (boom)' }]);
    expect(e.whatWouldChange.length).toBeGreaterThan(0);
  });

  it('treats an out-of-range selection as none', () => {
    const outcome: OutcomeDecision = { outcome: 'auto_execute', selectedIndex: 7, reasons: [{ code: 'x', message: 'something ran' }], approvalExpiresAt: null, notBefore: null };
    const candidates = [evaluated(candidate())];
    const e = explainDecision({ situation: situation(), candidates, outcome, tier: 'low', settings: settings(), preferences: [] });
    expect(e.summary).toBe('Acted automatically: something ran.');
    expect(e.alternatives).toHaveLength(1);
  });
});

describe('explainDecision: determinism', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads no clock: the same input gives the same text at any time', () => {
    const input = decide('suggest', settings(), situation(), newsletter);
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2001-01-01T00:00:00Z'));
    const first = explainDecision(input);
    vi.setSystemTime(new Date('2044-06-30T12:00:00Z'));
    const second = explainDecision(input);
    expect(second).toEqual(first);
    expect(JSON.stringify(first)).not.toContain('2001');
  });

  it('does not modify its input', () => {
    const input = decide('low', settings(), situation(), newsletter);
    const copy = structuredClone(input);
    explainDecision(input);
    expect(input).toEqual(copy);
  });
});

describe('explainDecision: irreversible actions', () => {
  const renewal = situation({ kind: 'subscription_renewal', domain: 'finance', facts: { counterpart: 'billing@acme.com', counterpartDomain: 'acme.com' } });
  const options: [CandidateOptions, number, number, string][] = [
    [{ type: 'flag_for_review', domain: 'finance' }, 0.2, 0.9, ''],
    [{ type: 'approve_renewal', domain: 'finance', reversibility: 'none', overall: 'low', cost: 500 }, 0.9, 0.9, 'you renew this every year'],
  ];

  it('says what it takes for an irreversible action to run alone', () => {
    const e = explainDecision(decide('moderate', settings(), renewal, options));
    expect(e.whatWouldChange).toContain('would run alone only at high autonomy in finance, and only if you allow approve renewal there');
  });

  it('says when nothing would ever let it run alone', () => {
    const e = explainDecision(decide('high', settings(), renewal, [
      [{ type: 'flag_for_review', domain: 'finance' }, 0.2, 0.9, ''],
      [{ type: 'accept_terms', domain: 'finance' }, 0.9, 0.9, ''],
    ]));
    expect(e.whatWouldChange).toContain('would never run alone at any autonomy in finance');
    expect(e.whatWouldChange.some((line) => line.startsWith('always asks, at every autonomy: accepting legal terms'))).toBe(true);
  });
});
