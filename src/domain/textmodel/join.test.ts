import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../policy/index.js';
import { decide } from '../pipeline/index.js';
import { emptyTwin, predictAction, setExplicitPreference, viewSituation } from '../twin/index.js';
import { action, situation, T0 } from '../twin/fixtures.testkit.js';
import type { ActionSpec, Prediction } from '../types.js';
import { emptyTextModel, joinTextPrediction, lessonOf, mailFeatures, MAX_TEXT_CONFIDENCE, textAdvice, trainText, type TextModel } from './index.js';
import { FINANCE, mail, TECH } from './mail.testkit.js';

function trained(): TextModel {
  let model = emptyTextModel();
  for (const m of TECH) model = trainText(model, mailFeatures(m, 'newsletter'), 'archive');
  for (const m of FINANCE) model = trainText(model, mailFeatures(m, 'newsletter'), 'do_nothing');
  return model;
}

const NEW_BANK = mail('Capital Weekly <hi@capitalweekly.com>', 'Interest rates and markets', 'Your savings, portfolio and interest rates. Unsubscribe.');
const ACTIONS: ActionSpec[] = [action('archive'), action('label', { label: 'Newsletters' }), action('mark_read'), action('do_nothing')];
const ADVICE = { value: 'do_nothing', probability: 0.99, confidence: 0.7, similar: 5, sameKind: 5 };

describe('joinTextPrediction', () => {
  const s = situation({ counterpart: 'hi@capitalweekly.com' });

  it('raises only the advised, fully reversible action, and never lowers a prediction', () => {
    const arbPrediction = fc.record({
      score: fc.double({ min: 0, max: 1, noNaN: true }),
      confidence: fc.double({ min: 0, max: 1, noNaN: true }),
      preferenceKeys: fc.constant<string[]>(['email.situation:newsletter']),
      reason: fc.constant<string>('a habit'),
    });
    const arbAdvice = fc.record({
      value: fc.constantFrom('archive', 'do_nothing', 'mark_read'),
      probability: fc.double({ min: 0.6, max: 1, noNaN: true }),
      confidence: fc.double({ min: 0, max: 1, noNaN: true }),
      similar: fc.integer({ min: 3, max: 50 }),
      sameKind: fc.integer({ min: 0, max: 50 }),
    });
    const twins = [emptyTwin('u'), setExplicitPreference(emptyTwin('u'), 'email.situation:newsletter', 'email', 'archive', T0, null).twin];
    fc.assert(
      fc.property(arbPrediction, arbAdvice, fc.constantFrom(...ACTIONS), fc.constantFrom('full', 'partial', 'none', 'unknown'), fc.constantFrom(...twins), (p: Prediction, advice, a, reversibility, twin) => {
        const candidate = { ...a, reversibility } as ActionSpec;
        const joined = joinTextPrediction(p, candidate, viewSituation(twin, s, T0), advice, s);
        expect(joined.score).toBeGreaterThanOrEqual(p.score);
        expect(joined.preferenceKeys).toEqual(p.preferenceKeys);
        if (joined !== p) {
          expect(reversibility).toBe('full');
          expect(joined.similarMail?.value).toBe(advice.value);
          expect(joined.similarMail?.confidence).toBeLessThanOrEqual(MAX_TEXT_CONFIDENCE);
          expect(joined.reason).toContain('similar to');
        }
      }),
    );
  });

  it('stays out where the twin has a preference for the sender itself', () => {
    const knows = setExplicitPreference(emptyTwin('u'), 'email.sender:hi@capitalweekly.com', 'email', 'archive', T0, null).twin;
    expect(textAdvice(trained(), NEW_BANK, s, viewSituation(knows, s, T0), ACTIONS)).toBeNull();
    const advice = textAdvice(trained(), NEW_BANK, s, viewSituation(emptyTwin('u'), s, T0), ACTIONS);
    expect(advice?.value).toBe('do_nothing');
  });

  it('adds to an agreeing twin as a corroborating habit does, and says so', () => {
    const twin = setExplicitPreference(emptyTwin('u'), 'email.situation:newsletter', 'email', 'do_nothing', T0, null).twin;
    const view = viewSituation(twin, s, T0);
    const own = predictAction(view, action('do_nothing'));
    const joined = joinTextPrediction(own, action('do_nothing'), view, ADVICE, s);
    expect(joined.confidence).toBeGreaterThan(own.confidence);
    expect(joined.reason).toBe(`${own.reason}, and similar to 5 newsletters you left alone`);
  });
});

describe('lessonOf', () => {
  const bulk = { kind: 'newsletter' } as const;
  it('teaches the action taken, the action as edited or corrected, and "leave it" for a refused change', () => {
    const archive = action('archive');
    expect(lessonOf({ kind: 'approve', action: archive, correctedAction: null, situation: bulk })).toBe('archive');
    expect(lessonOf({ kind: 'edit', action: action('label', { label: 'A' }), correctedAction: action('label', { label: 'B' }), situation: bulk })).toBe('label:B');
    expect(lessonOf({ kind: 'correct', action: archive, correctedAction: action('mark_read'), situation: bulk })).toBe('mark_read');
    expect(lessonOf({ kind: 'undo', action: archive, correctedAction: null, situation: bulk })).toBe('do_nothing');
    expect(lessonOf({ kind: 'reject', action: action('flag_for_review'), correctedAction: null, situation: bulk })).toBeNull();
    expect(lessonOf({ kind: 'restate', action: archive, correctedAction: null, situation: bulk })).toBeNull();
  });

  it('learns from bulk mail only: a rejected reply draft on a work request or a personal email teaches nothing', () => {
    for (const kind of ['newsletter', 'promotion', 'receipt', 'notification'] as const) {
      expect(lessonOf({ kind: 'reject', action: action('archive'), correctedAction: null, situation: { kind } })).toBe('do_nothing');
    }
    for (const kind of ['work_request', 'personal', 'unknown_sender', 'security_alert', 'subscription_renewal', 'calendar_invitation', 'unknown'] as const) {
      expect(lessonOf({ kind: 'reject', action: action('draft_reply'), correctedAction: null, situation: { kind } })).toBeNull();
      expect(lessonOf({ kind: 'approve', action: action('draft_reply'), correctedAction: null, situation: { kind } })).toBeNull();
    }
  });

  it('advises on bulk mail only, so a model trained before this rule says nothing about a work request', () => {
    const work = situation({ kind: 'work_request', counterpart: 'hi@capitalweekly.com' });
    expect(textAdvice(trained(), NEW_BANK, work, viewSituation(emptyTwin('u'), work, T0), ACTIONS)).toBeNull();
  });
});

describe('decide() with a text model', () => {
  const base = {
    userEmail: 'ann@northwind-labs.com',
    settings: { ...defaultSettings(), trustTiers: { email: 'suggest' as const, calendar: 'observer' as const, finance: 'observer' as const } },
    twin: emptyTwin('u1'),
    senderHistory: { seenCount: 0, repliedCount: 0 },
    acceptedEvents: [],
    spentLast24hCents: 0,
    executedInDomain: { email: 20, calendar: 0, finance: 0 },
    clock: { now: () => T0 },
  };
  let n = 0;
  const ids = { next: () => `id-${n++}` };

  it('leaves every verdict as the policy gave it and explains the advice', () => {
    const without = decide({ ...base, signal: NEW_BANK, ids });
    const withModel = decide({ ...base, signal: NEW_BANK, ids, textModel: trained() });
    expect(withModel.candidates.map((c) => c.verdict)).toEqual(without.candidates.map((c) => c.verdict));
    const selected = withModel.candidates[withModel.outcome.selectedIndex ?? -1];
    expect(selected?.action.type).toBe('do_nothing');
    expect(withModel.explanation.summary + withModel.explanation.whyThisAction).toContain('similar to 5 newsletters you left alone');
    expect(without.candidates[without.outcome.selectedIndex ?? -1]?.action.type).toBe('archive');
  });

  it('gives the same draft with an empty model as with none', () => {
    const a = decide({ ...base, signal: NEW_BANK, ids: { next: () => 'x' } });
    const b = decide({ ...base, signal: NEW_BANK, ids: { next: () => 'x' }, textModel: emptyTextModel() });
    expect(b).toEqual(a);
  });
});
