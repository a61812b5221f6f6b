import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ActionSpec, Candidate, RiskAssessment, Signal, Situation, SituationKind } from '../types.js';
import { DOMAINS, RISK_DIMENSIONS, RISK_LEVELS } from '../types.js';
import { interpretSignal } from '../interpret/index.js';
import { proposeCandidates } from './propose.js';
import { assessRisk } from './risk.js';

const KINDS: readonly SituationKind[] = [
  'newsletter', 'promotion', 'receipt', 'notification', 'security_alert', 'subscription_renewal', 'personal',
  'work_request', 'unknown_sender', 'calendar_invitation', 'calendar_conflict', 'calendar_update', 'calendar_cancellation', 'unknown',
];
const ACTION_TYPES = [
  'archive', 'label', 'mark_read', 'draft_reply', 'rsvp', 'flag_for_review', 'approve_renewal', 'do_nothing',
  'send_email', 'delete_permanently', 'accept_terms', 'share_credentials', 'change_security_settings',
] as const;

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('m1', 'ev1', 'bob@example.com', 'Bob <bob@example.com>', ''));

const situation: fc.Arbitrary<Situation> = fc.record({
  kind: fc.constantFrom(...KINDS),
  domain: fc.constantFrom(...DOMAINS),
  urgency: fc.constantFrom('low', 'normal', 'high', 'critical'),
  confidence: fc.double({ min: 0, max: 1, noNaN: true }),
  summary: text,
  evidence: fc.array(text, { minLength: 1, maxLength: 3 }),
  facts: fc.record(
    {
      counterpart: text, counterpartDomain: text, subject: text, messageId: text, threadId: text, eventId: text, calendarId: text,
      start: text, end: text, amountCents: fc.nat({ max: 10_000_000 }), currency: fc.constantFrom('USD', 'EUR', 'XYZ'),
      renewalDate: text, timeChanged: fc.boolean(), recipientCount: fc.nat(),
      conflictsWith: fc.array(fc.record({ eventId: text, summary: text, start: text, end: text }), { maxLength: 2 }),
    },
    { requiredKeys: [] },
  ),
});

const signal: fc.Arbitrary<Signal> = fc.oneof(
  fc.record({ messageId: text, threadId: text, from: text, to: fc.array(text), cc: fc.array(text), subject: text, snippet: text, labels: fc.array(text), listUnsubscribe: fc.option(text), bodyText: text })
    .map((data): Signal => ({ userId: 'u', source: 'gmail', externalId: 'x', type: 'email.received', occurredAt: '2026-11-24T09:00:00Z', data })),
  fc.record({ eventId: text, calendarId: text, status: fc.constantFrom('confirmed', 'tentative', 'cancelled'), summary: text, start: text, end: text, allDay: fc.boolean(), organizer: text, recurringEventId: fc.constant(null), attendees: fc.array(fc.record({ email: text }), { maxLength: 2 }) })
    .map((data): Signal => ({ userId: 'u', source: 'calendar', externalId: 'x', type: 'calendar.event', occurredAt: '2026-11-24T09:00:00Z', data })),
);

function checkRisk(risk: RiskAssessment): void {
  for (const name of RISK_DIMENSIONS) {
    const dimension = risk.dimensions[name];
    expect(RISK_LEVELS).toContain(dimension.level);
    expect(dimension.reason.trim().length).toBeGreaterThan(0);
  }
  const highest = Math.max(...RISK_DIMENSIONS.map((name) => RISK_LEVELS.indexOf(risk.dimensions[name].level)));
  expect(risk.overall).toBe(RISK_LEVELS[highest]);
}

function checkCandidates(candidates: Candidate[], s: Situation): void {
  expect(candidates.length).toBeGreaterThanOrEqual(2);
  const typesOf = candidates.map((c) => c.action.type);
  expect(typesOf.filter((t) => t === 'do_nothing')).toHaveLength(1);
  expect(typesOf.filter((t) => t === 'flag_for_review')).toHaveLength(1);
  const nothingIsDefault = s.kind === 'calendar_cancellation' || (s.kind === 'calendar_update' && s.facts.timeChanged !== true);
  expect(typesOf.indexOf('do_nothing')).toBe(nothingIsDefault ? 0 : typesOf.length - 1);
  for (const candidate of candidates) {
    expect(Number.isSafeInteger(candidate.action.estimatedCostCents)).toBe(true);
    expect(candidate.action.estimatedCostCents).toBeGreaterThanOrEqual(0);
    expect(candidate.rationale.length).toBeGreaterThan(0);
    checkRisk(candidate.risk);
    if (candidate.action.type === 'approve_renewal') expect(s.kind).toBe('subscription_renewal');
  }
}

describe('proposeCandidates properties', () => {
  it('holds for any situation and signal', () => {
    fc.assert(fc.property(situation, signal, (s, sig) => checkCandidates(proposeCandidates(s, sig), s)), { numRuns: 1000 });
  });

  it('holds for situations the interpreter made', () => {
    fc.assert(
      fc.property(signal, (sig) => {
        const s = interpretSignal(sig, { userEmail: 'ann@example.com', senderHistory: { seenCount: 1, repliedCount: 0 }, acceptedEvents: [] });
        checkCandidates(proposeCandidates(s, sig), s);
      }),
      { numRuns: 300 },
    );
  });
});

describe('assessRisk properties', () => {
  const edited: fc.Arbitrary<ActionSpec> = fc
    .record({
      type: fc.oneof(fc.constantFrom(...ACTION_TYPES), fc.string()),
      domain: fc.oneof(fc.constantFrom(...DOMAINS), fc.string()),
      parameters: fc.oneof(fc.dictionary(fc.constantFrom('to', 'cc', 'bcc', 'response', 'amountCents', 'merchant', 'label'), fc.anything()), fc.anything()),
      reversibility: fc.oneof(fc.constantFrom('full', 'partial', 'none', 'unknown'), fc.anything()),
      estimatedCostCents: fc.oneof(fc.nat(), fc.double(), fc.anything()),
    })
    .map((a) => a as unknown as ActionSpec);

  it('rates any edited action on six dimensions without throwing', () => {
    fc.assert(fc.property(edited, situation, (action, s) => checkRisk(assessRisk(action, s))), { numRuns: 1000 });
  });

  it('never rates the never-list below high', () => {
    const neverList = fc.record({
      type: fc.constantFrom('send_email', 'delete_permanently', 'accept_terms', 'share_credentials', 'change_security_settings'),
      to: fc.array(fc.emailAddress(), { maxLength: 15 }),
      reversibility: fc.constantFrom('full', 'partial', 'none', 'unknown'),
    });
    fc.assert(
      fc.property(neverList, situation, ({ type, to, reversibility }, s) => {
        const risk = assessRisk({ type, domain: 'email', parameters: { to }, reversibility, estimatedCostCents: 0 }, s);
        expect(RISK_LEVELS.indexOf(risk.overall)).toBeGreaterThanOrEqual(RISK_LEVELS.indexOf('high'));
        if (type === 'share_credentials' || type === 'change_security_settings') expect(risk.overall).toBe('critical');
        if (type === 'send_email' && to.length > 10) expect(risk.dimensions.privacy.level).toBe('high');
      }),
    );
  });

  it('treats unknown reversibility as irreversible', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ACTION_TYPES), situation, (type, s) => {
        const risk = assessRisk({ type, domain: 'email', parameters: {}, reversibility: 'unknown', estimatedCostCents: 0 }, s);
        expect(risk.dimensions.reversibility.level).toBe('high');
      }),
    );
  });
});
