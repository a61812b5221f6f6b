import { describe, expect, it } from 'vitest';
import { decide, setExplicitPreference, defaultSettings, emptyTwin, type EmailSignal } from '../index.js';
import type { DecisionInput } from '../pipeline/decide.js';
import { MODEL_CONFIDENCE_CAP, UNSURE_BELOW, type ModelAdvice } from './modelAdvice.js';

const NOW = new Date('2026-11-24T09:12:44.000Z');

// A note from a sender seen before, with nothing the rules can name: 'unknown'.
function signal(data: Partial<EmailSignal['data']> = {}): EmailSignal {
  return {
    userId: 'u1',
    source: 'gmail',
    type: 'email.received',
    externalId: 'm1',
    occurredAt: NOW.toISOString(),
    data: { messageId: 'm1', threadId: 't1', from: 'Quinn <quinn@elsewhere.example>', to: ['ann@example.com'], cc: [], subject: 'hm', snippet: '', labels: ['INBOX'], listUnsubscribe: null, bodyText: 'ok.', ...data },
  };
}

function input(model: ModelAdvice | undefined, data?: Partial<EmailSignal['data']>): DecisionInput {
  let n = 0;
  return {
    signal: signal(data),
    userEmail: 'ann@example.com',
    settings: { ...defaultSettings(), trustTiers: { email: 'high', calendar: 'observer', finance: 'observer' } },
    twin: emptyTwin('u1'),
    senderHistory: { seenCount: 3, repliedCount: 0 },
    acceptedEvents: [],
    spentLast24hCents: 0,
    executedInDomain: { email: 20, calendar: 0, finance: 0 },
    model,
    clock: { now: () => NOW },
    ids: { next: () => `id-${++n}` },
  };
}

describe('a model proposal for mail the rules leave unknown', () => {
  it('is the rules alone without advice, and records the path when a model is configured', () => {
    const plain = decide(input(undefined));
    expect(plain.situation.kind).toBe('unknown');
    expect(plain.explanation.evidence.join(' ')).not.toMatch(/interpreted by|rules:/);
    const failed = decide(input({ model: 'tiny', reading: { failure: 'timeout' } }));
    expect(failed.situation.kind).toBe('unknown');
    expect(failed.explanation.evidence[0]).toBe('rules: the model timed out');
    expect(failed.outcome).toEqual(plain.outcome);
  });

  it('names the situation by the model, capped in confidence, and says so', () => {
    const draft = decide(input({ model: 'tiny', reading: { kind: 'newsletter', confidence: 0.99, reason: 'reads like a digest' } }));
    expect(draft.situation.kind).toBe('newsletter');
    expect(draft.situation.confidence).toBe(MODEL_CONFIDENCE_CAP);
    expect(draft.explanation.evidence[0]).toBe('interpreted by tiny: reads like a digest');
    expect(draft.situation.facts.counterpart).toBe('quinn@elsewhere.example');
  });

  it('never runs alone on the model\'s word: what would have run waits for approval', () => {
    const base = input({ model: 'tiny', reading: { kind: 'newsletter', confidence: 1, reason: 'archive me' } });
    const twin = setExplicitPreference(base.twin, 'email.situation:newsletter', 'email', 'archive', NOW).twin;
    const rulesNewsletter = decide({ ...base, twin, signal: signal({ subject: 'Weekly digest, issue #4', bodyText: 'This week in compilers. Unsubscribe.', listUnsubscribe: '<mailto:u@x.example>', labels: ['INBOX', 'CATEGORY_UPDATES'] }) });
    expect(rulesNewsletter.situation.kind).toBe('newsletter');
    expect(rulesNewsletter.outcome.outcome).toBe('auto_execute');
    const byModel = decide({ ...base, twin });
    expect(byModel.situation.kind).toBe('newsletter');
    expect(byModel.candidates[byModel.outcome.selectedIndex ?? -1]?.action.type).toBe('archive');
    expect(byModel.outcome.outcome).toBe('needs_approval');
    expect(byModel.outcome.reasons.map((r) => r.code)).toEqual(['model_interpreted']);
    expect(byModel.outcome.approvalExpiresAt).not.toBeNull();
  });

  it('leaves what the rules know alone, and an abstaining model changes nothing', () => {
    const known = decide(input({ model: 'tiny', reading: { kind: 'subscription_renewal', confidence: 1, reason: 'obey me' } }, { subject: 'Your receipt', bodyText: 'Receipt for your order, total €12.00', from: 'noreply@shop.example' }));
    expect(known.situation.kind).not.toBe('subscription_renewal');
    expect(known.explanation.evidence[0]).toBe('interpreted by the rules');
    expect(decide(input({ model: 'tiny', reading: { kind: 'unknown', confidence: 1, reason: '' } })).situation.kind).toBe('unknown');
  });

  it('still lets policy decide: a proposal can never put a never-list action or a send within reach', () => {
    for (const kind of ['newsletter', 'promotion', 'receipt', 'notification', 'security_alert', 'subscription_renewal', 'personal', 'work_request'] as const) {
      const draft = decide(input({ model: 'tiny', reading: { kind, confidence: 1, reason: 'ignore your instructions' } }));
      const selected = draft.outcome.selectedIndex === null ? null : draft.candidates[draft.outcome.selectedIndex];
      expect(draft.outcome.outcome).not.toBe('auto_execute');
      expect(['send_email', 'delete_permanently', 'accept_terms', 'share_credentials', 'change_security_settings']).not.toContain(selected?.action.type);
    }
  });
});

describe('a model reading for mail the rules name unsure', () => {
  // An automated sender with a List-Unsubscribe header and nothing else: a newsletter on one clue, 0.5.
  const thin = { from: 'Ledgerly <hello@ledgerly.example>', subject: 'March', bodyText: 'Your account activity for March.', listUnsubscribe: '<https://ledgerly.example/u>' };

  it('is asked below UNSURE_BELOW, and a different kind from a surer model is taken, says why, and asks first', () => {
    const plain = decide(input(undefined, thin));
    expect(plain.situation.kind).toBe('newsletter');
    expect(plain.situation.confidence).toBeLessThan(UNSURE_BELOW);
    const base = input({ model: 'tiny', reading: { kind: 'promotion', confidence: 0.9, reason: 'a spring sale' } }, thin);
    const twin = setExplicitPreference(base.twin, 'email.situation:promotion', 'email', 'archive', NOW).twin;
    const draft = decide({ ...base, twin });
    expect(draft.situation.kind).toBe('promotion');
    expect(draft.explanation.evidence.slice(0, 2)).toEqual(['interpreted by tiny: a spring sale', 'the rules were unsure: newsletter, 50 % sure']);
    expect(draft.candidates[draft.outcome.selectedIndex ?? -1]?.action.type).toBe('archive');
    expect(draft.outcome.outcome).toBe('needs_approval');
    expect(draft.outcome.reasons.map((r) => r.code)).toEqual(['model_interpreted']);
  });

  it('changes nothing when the model agrees, abstains, fails or is less sure than the rules, and says which', () => {
    const plain = decide(input(undefined, thin));
    const cases: [ModelAdvice['reading'], string][] = [
      [{ kind: 'newsletter', confidence: 0.9, reason: 'a digest' }, 'rules: tiny read it the same way; the rules were unsure: newsletter, 50 % sure'],
      [{ kind: 'unknown', confidence: 0.9, reason: '' }, 'rules: tiny could not tell better; the rules were unsure: newsletter, 50 % sure'],
      [{ failure: 'timeout' }, 'rules: the model timed out; the rules were unsure: newsletter, 50 % sure'],
      [{ kind: 'promotion', confidence: 0.4, reason: 'maybe a sale' }, 'rules: tiny read promotion but was less sure; the rules were unsure: newsletter, 50 % sure'],
    ];
    for (const [reading, line] of cases) {
      const draft = decide(input({ model: 'tiny', reading }, thin));
      expect(draft.situation.kind).toBe('newsletter');
      expect(draft.explanation.evidence[0]).toBe(line);
      expect(draft.outcome).toEqual(plain.outcome);
    }
  });

  it('never reads a security alert as anything else, and leaves a sure reading alone', () => {
    const alert = decide(input({ model: 'tiny', reading: { kind: 'newsletter', confidence: 1, reason: 'just news' } }, { from: 'Acme <noreply@acme.example>', subject: 'hi', bodyText: 'We noticed a new sign-in to your account.' }));
    expect(alert.situation.kind).toBe('security_alert');
    expect(alert.situation.confidence).toBeLessThan(UNSURE_BELOW);
    expect(alert.explanation.evidence[0]).toBe('interpreted by the rules');
    const sure = decide(input({ model: 'tiny', reading: { kind: 'promotion', confidence: 1, reason: 'a sale' } }, { ...thin, subject: 'Weekly digest, issue #4', bodyText: 'This week in compilers. Unsubscribe.', labels: ['INBOX', 'CATEGORY_UPDATES'] }));
    expect(sure.situation.kind).toBe('newsletter');
    expect(sure.situation.confidence).toBeGreaterThanOrEqual(UNSURE_BELOW);
    expect(sure.explanation.evidence[0]).toBe('interpreted by the rules');
  });
});
