import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InterpretContext, Signal, Situation, SituationKind } from '../types.js';
import { interpretSignal } from './interpret.js';

const KINDS: readonly SituationKind[] = [
  'newsletter', 'promotion', 'receipt', 'notification', 'security_alert', 'subscription_renewal', 'personal',
  'work_request', 'unknown_sender', 'calendar_invitation', 'calendar_conflict', 'calendar_update', 'calendar_cancellation', 'unknown',
];
const EMAIL_KINDS = KINDS.filter((k) => !k.startsWith('calendar_'));
const CALENDAR_KINDS: readonly SituationKind[] = ['calendar_invitation', 'calendar_conflict', 'calendar_update', 'calendar_cancellation', 'unknown'];

// Strings that look like real data mixed with arbitrary ones, so both the parsers and the fallbacks run.
const text = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('Bob <bob@example.com>', 'no-reply@accounts.google.com', 'Security alert', 'renews on December 3, 2026 for $45.00', '€9,99', 'CATEGORY_PROMOTIONS', '2026-11-26T10:00:00Z', 'needsAction', 'cancelled', 'urgent: could you review today?'),
);
const strings = fc.array(text, { maxLength: 4 });
const weird = fc.oneof(text, fc.anything(), fc.constant(undefined));

const emailSignal = fc.record({
  messageId: text, threadId: text, from: text, to: strings, cc: strings, subject: text, snippet: text,
  labels: strings, listUnsubscribe: fc.option(text), bodyText: text,
}).map((data): Signal => ({ userId: 'u', source: 'gmail', externalId: 'x', type: 'email.received', occurredAt: '2026-11-24T09:00:00Z', data }));

const calendarSignal = fc.record({
  eventId: text, calendarId: text, status: fc.oneof(fc.constantFrom('confirmed', 'tentative', 'cancelled'), text), summary: text,
  start: text, end: text, allDay: fc.boolean(), organizer: text, recurringEventId: fc.option(text),
  attendees: fc.array(fc.record({ email: text, self: fc.option(fc.boolean(), { nil: undefined }), responseStatus: fc.option(text, { nil: undefined }) }), { maxLength: 3 }),
}).map((data) => ({ userId: 'u', source: 'calendar', externalId: 'x', type: 'calendar.event', occurredAt: '2026-11-24T09:00:00Z', data }) as unknown as Signal);

// Malformed input: arbitrary values in every field, or no data at all.
const malformedSignal = fc.record({
  source: fc.oneof(fc.constantFrom('gmail', 'calendar'), weird),
  type: fc.oneof(fc.constantFrom('email.received', 'calendar.event'), weird),
  occurredAt: weird,
  data: fc.oneof(fc.dictionary(fc.constantFrom('messageId', 'from', 'subject', 'labels', 'eventId', 'status', 'start', 'end', 'attendees', 'bodyText'), weird), weird),
}).map((s) => s as unknown as Signal);

const context = fc.record({
  userEmail: text,
  senderHistory: fc.record({ seenCount: fc.oneof(fc.nat(), fc.double()), repliedCount: fc.oneof(fc.nat(), fc.double()) }),
  acceptedEvents: fc.array(fc.record({ eventId: text, summary: text, start: text, end: text }), { maxLength: 3 }),
  previousEvent: fc.option(fc.record({ start: text, end: text }), { nil: undefined }),
}) as fc.Arbitrary<InterpretContext>;

function checkShape(situation: Situation, signal: Signal): void {
  expect(KINDS).toContain(situation.kind);
  expect(situation.confidence).toBeGreaterThanOrEqual(0);
  expect(situation.confidence).toBeLessThanOrEqual(1);
  expect(situation.evidence.length).toBeGreaterThan(0);
  expect(typeof situation.summary).toBe('string');
  if (signal.source === 'calendar') {
    expect(situation.domain).toBe('calendar');
    expect(CALENDAR_KINDS).toContain(situation.kind);
  } else if (signal.source === 'gmail') {
    expect(EMAIL_KINDS).toContain(situation.kind);
    const finance = situation.kind === 'receipt' || situation.kind === 'subscription_renewal';
    expect(situation.domain).toBe(finance ? 'finance' : 'email');
  }
  const cents = situation.facts.amountCents;
  if (cents !== undefined) expect(Number.isSafeInteger(cents) && cents >= 0).toBe(true);
  if (situation.facts.renewalDate !== undefined) expect(situation.facts.renewalDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
}

describe('interpretSignal properties', () => {
  it('never throws and always returns a well-formed situation for arbitrary email strings', () => {
    fc.assert(fc.property(emailSignal, context, (signal, ctx) => checkShape(interpretSignal(signal, ctx), signal)), { numRuns: 500 });
  });

  it('never throws and always returns a well-formed situation for arbitrary calendar strings', () => {
    fc.assert(fc.property(calendarSignal, context, (signal, ctx) => checkShape(interpretSignal(signal, ctx), signal)), { numRuns: 500 });
  });

  it('never throws on malformed signals and contexts', () => {
    fc.assert(
      fc.property(fc.oneof(malformedSignal, fc.anything() as fc.Arbitrary<Signal>), fc.oneof(context, weird as fc.Arbitrary<InterpretContext>), (signal, ctx) => {
        const situation = interpretSignal(signal, ctx);
        expect(KINDS).toContain(situation.kind);
        expect(situation.evidence.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic', () => {
    fc.assert(fc.property(fc.oneof(emailSignal, calendarSignal), context, (signal, ctx) => {
      expect(interpretSignal(signal, ctx)).toEqual(interpretSignal(signal, ctx));
    }));
  });
});
