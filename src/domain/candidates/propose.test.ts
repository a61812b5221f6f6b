import { describe, expect, it } from 'vitest';
import type { ActionType, CalendarSignal, Candidate, EmailSignal, Situation, SituationFacts, SituationKind } from '../types.js';
import { interpretSignal } from '../interpret/index.js';
import { proposeCandidates } from './propose.js';

const emailSignal: EmailSignal = {
  userId: 'u1',
  source: 'gmail',
  externalId: 'm1',
  type: 'email.received',
  occurredAt: '2026-11-24T09:12:44Z',
  data: {
    messageId: 'm1',
    threadId: 't1',
    from: '"Jones, Carol" <carol@acme.com>',
    to: ['ann@acme.com'],
    cc: [],
    subject: 'Q4 report',
    snippet: '',
    labels: ['INBOX'],
    listUnsubscribe: null,
    bodyText: '',
  },
};

const calendarSignal: CalendarSignal = {
  userId: 'u1',
  source: 'calendar',
  externalId: 'primary/ev1@1',
  type: 'calendar.event',
  occurredAt: '2026-11-24T09:00:00Z',
  data: {
    eventId: 'ev1',
    calendarId: 'primary',
    status: 'confirmed',
    summary: 'Design review',
    start: '2026-11-26T10:00:00Z',
    end: '2026-11-26T11:00:00Z',
    allDay: false,
    organizer: 'bob@example.com',
    recurringEventId: null,
    attendees: [{ email: 'ann@acme.com', self: true, responseStatus: 'needsAction' }],
  },
};

const EMAIL_FACTS: SituationFacts = { counterpart: 'carol@acme.com', counterpartDomain: 'acme.com', subject: 'Q4 report', messageId: 'm1', threadId: 't1', recipientCount: 1 };
const EVENT_FACTS: SituationFacts = { counterpart: 'bob@example.com', subject: 'Design review', eventId: 'ev1', calendarId: 'primary', start: '2026-11-26T10:00:00Z', end: '2026-11-26T11:00:00Z' };

function situation(kind: SituationKind, facts: SituationFacts = {}): Situation {
  const calendar = kind.startsWith('calendar_');
  const finance = kind === 'receipt' || kind === 'subscription_renewal';
  return {
    kind,
    domain: calendar ? 'calendar' : finance ? 'finance' : 'email',
    urgency: 'normal',
    confidence: 0.9,
    summary: `${kind} test`,
    evidence: ['test'],
    facts: { ...(calendar ? EVENT_FACTS : EMAIL_FACTS), ...facts },
  };
}

function types(candidates: Candidate[]): string[] {
  return candidates.map((c) => (c.action.type === 'rsvp' ? `rsvp:${String(c.action.parameters['response'])}` : c.action.type));
}

const rows: { kind: SituationKind; facts?: SituationFacts; expected: string[] }[] = [
  { kind: 'newsletter', expected: ['archive', 'label', 'mark_read', 'flag_for_review', 'do_nothing'] },
  { kind: 'promotion', expected: ['archive', 'mark_read', 'label', 'flag_for_review', 'do_nothing'] },
  { kind: 'receipt', expected: ['label', 'archive', 'mark_read', 'flag_for_review', 'do_nothing'] },
  { kind: 'notification', expected: ['mark_read', 'archive', 'label', 'flag_for_review', 'do_nothing'] },
  { kind: 'security_alert', expected: ['flag_for_review', 'label', 'archive', 'do_nothing'] },
  { kind: 'subscription_renewal', expected: ['flag_for_review', 'approve_renewal', 'label', 'do_nothing'] },
  { kind: 'personal', expected: ['draft_reply', 'flag_for_review', 'mark_read', 'archive', 'do_nothing'] },
  { kind: 'work_request', expected: ['draft_reply', 'flag_for_review', 'mark_read', 'archive', 'do_nothing'] },
  { kind: 'unknown_sender', expected: ['flag_for_review', 'archive', 'mark_read', 'do_nothing'] },
  { kind: 'unknown', expected: ['flag_for_review', 'do_nothing'] },
  { kind: 'calendar_invitation', expected: ['rsvp:accepted', 'rsvp:tentative', 'rsvp:declined', 'flag_for_review', 'do_nothing'] },
  { kind: 'calendar_conflict', expected: ['flag_for_review', 'rsvp:declined', 'rsvp:tentative', 'do_nothing'] },
  { kind: 'calendar_update', facts: { timeChanged: true }, expected: ['flag_for_review', 'do_nothing'] },
  { kind: 'calendar_update', facts: { timeChanged: false }, expected: ['do_nothing', 'flag_for_review'] },
  { kind: 'calendar_update', expected: ['do_nothing', 'flag_for_review'] },
  { kind: 'calendar_cancellation', expected: ['do_nothing', 'flag_for_review'] },
];

describe('proposeCandidates', () => {
  it.each(rows)('$kind $facts → $expected', ({ kind, facts, expected }) => {
    const s = situation(kind, facts);
    const candidates = proposeCandidates(s, kind.startsWith('calendar_') ? calendarSignal : emailSignal);
    expect(types(candidates)).toEqual(expected);
    for (const candidate of candidates) {
      expect(candidate.rationale.length).toBeGreaterThan(0);
      expect(candidate.action.domain).toBe(candidate.action.type === 'approve_renewal' ? 'finance' : s.domain);
    }
  });

  it('gives mailbox actions the message and thread ids', () => {
    const candidates = proposeCandidates(situation('newsletter'), emailSignal);
    const byType = (type: ActionType) => candidates.find((c) => c.action.type === type)?.action;
    expect(byType('archive')?.parameters).toEqual({ messageId: 'm1', threadId: 't1' });
    expect(byType('mark_read')?.parameters).toEqual({ messageId: 'm1', threadId: 't1' });
    expect(byType('label')?.parameters).toEqual({ messageId: 'm1', label: 'Newsletters' });
    expect(byType('archive')?.reversibility).toBe('full');
  });

  it('labels receipts and renewals under their own labels', () => {
    const receipt = proposeCandidates(situation('receipt'), emailSignal)[0];
    expect(receipt?.action.parameters).toEqual({ messageId: 'm1', label: 'Receipts' });
    const renewal = proposeCandidates(situation('subscription_renewal'), emailSignal).find((c) => c.action.type === 'label');
    expect(renewal?.action.parameters['label']).toBe('Finance/Renewals');
  });

  it('drafts a short polite reply to the sender', () => {
    const draft = proposeCandidates(situation('work_request'), emailSignal)[0]?.action;
    expect(draft?.type).toBe('draft_reply');
    expect(draft?.reversibility).toBe('full');
    expect(draft?.parameters).toMatchObject({ messageId: 'm1', threadId: 't1', to: ['carol@acme.com'], subject: 'Re: Q4 report' });
    const body = String(draft?.parameters['body']);
    expect(body.startsWith('Hi Carol,')).toBe(true);
    expect(body).toContain('Q4 report');
    expect(body.length).toBeLessThan(300);
  });

  it('does not stack "Re:" prefixes and greets without a name when there is none', () => {
    const signal = { ...emailSignal, data: { ...emailSignal.data, from: 'bob@gmail.com', subject: 'RE: lunch' } };
    const draft = proposeCandidates(situation('personal', { counterpart: 'bob@gmail.com', subject: 'RE: lunch' }), signal)[0]?.action;
    expect(draft?.parameters['subject']).toBe('RE: lunch');
    expect(String(draft?.parameters['body']).startsWith('Hi,')).toBe(true);
  });

  it('proposes RSVPs that notify the organizer and are only partly reversible', () => {
    const accept = proposeCandidates(situation('calendar_invitation'), calendarSignal)[0]?.action;
    expect(accept?.parameters).toEqual({ eventId: 'ev1', calendarId: 'primary', response: 'accepted', sendUpdates: 'all' });
    expect(accept?.reversibility).toBe('partial');
  });

  it('prices a renewal at its amount and keeps the amount unknown when it is', () => {
    const known = proposeCandidates(situation('subscription_renewal', { amountCents: 4500, renewalDate: '2026-12-03', currency: 'USD' }), emailSignal);
    const approve = known.find((c) => c.action.type === 'approve_renewal')?.action;
    expect(approve).toMatchObject({ domain: 'finance', reversibility: 'none', estimatedCostCents: 4500 });
    expect(approve?.parameters).toEqual({ amountCents: 4500, renewalDate: '2026-12-03', merchant: 'Jones, Carol' });
    expect(known[0]?.action.parameters['reason']).toContain('$45.00');

    const unknown = proposeCandidates(situation('subscription_renewal'), emailSignal).find((c) => c.action.type === 'approve_renewal');
    expect(unknown?.action.estimatedCostCents).toBe(0);
    expect(unknown?.action.parameters['amountCents']).toBeNull();
    expect(unknown?.risk.dimensions.financial.level).toBe('high');
  });

  it('never lets a security alert be archived quietly', () => {
    const candidates = proposeCandidates(situation('security_alert'), emailSignal);
    expect(candidates[0]?.action.type).toBe('flag_for_review');
    const archive = candidates.find((c) => c.action.type === 'archive');
    expect(archive?.risk.dimensions.privacy.level).toBe('high');
    expect(archive?.risk.dimensions.operational.level).toBe('high');
    expect(archive?.risk.overall).toBe('high');
  });

  it('names the overlapping events in the conflict review', () => {
    const s = situation('calendar_conflict', { conflictsWith: [{ eventId: 'x', summary: 'Standup', start: 'a', end: 'b' }] });
    expect(proposeCandidates(s, calendarSignal)[0]?.action.parameters['reason']).toContain('"Standup"');
  });

  it('skips actions whose target ids are missing instead of inventing them', () => {
    const bare = { ...situation('newsletter'), facts: {} };
    const signal = { ...emailSignal, data: { ...emailSignal.data, messageId: '' } };
    expect(types(proposeCandidates(bare, signal))).toEqual(['flag_for_review', 'do_nothing']);
  });

  it('works end to end on an interpreted signal', () => {
    const signal: EmailSignal = {
      ...emailSignal,
      data: {
        ...emailSignal.data,
        from: 'Netflix <info@account.netflix.com>',
        subject: 'Your membership will renew on December 3, 2026',
        bodyText: "We'll charge $15.49 on December 3, 2026.",
      },
    };
    const s = interpretSignal(signal, { userEmail: 'ann@acme.com', senderHistory: { seenCount: 0, repliedCount: 0 }, acceptedEvents: [] });
    const approve = proposeCandidates(s, signal).find((c) => c.action.type === 'approve_renewal');
    expect(approve?.action.parameters).toEqual({ amountCents: 1549, renewalDate: '2026-12-03', merchant: 'Netflix' });
    expect(approve?.risk.dimensions.financial.level).toBe('low');
  });
});
