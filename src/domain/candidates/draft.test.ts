import { describe, expect, it } from 'vitest';
import { learnTone, type DraftContext } from '../drafts/index.js';
import type { Situation, SituationFacts } from '../types.js';
import { composeDraft } from './draft.js';

function mail(facts: SituationFacts, name = 'Bob Stone', kind: Situation['kind'] = 'work_request') {
  const situation: Situation = { kind, domain: 'email', urgency: 'normal', confidence: 0.8, summary: 'test', evidence: [], facts: { counterpart: 'bob@acme.com', ...facts } };
  return { situation, to: { address: 'bob@acme.com', name }, subject: 'Plan', sentAt: new Date('2026-12-01T08:00:00Z') };
}

const context: DraftContext = { timeZone: 'Europe/Berlin', workStart: '09:00', workEnd: '17:00', busy: [], horizonDays: 7, tone: null };
const now = new Date('2026-12-01T07:00:00Z'); // Tuesday 08:00 in Berlin

describe('composeDraft', () => {
  it('greets by first name and never by an address or "undefined"', () => {
    expect(composeDraft(mail({}), context, now).body.split('\n')[0]).toBe('Hi Bob,');
    expect(composeDraft(mail({}, 'bob@acme.com'), context, now).body.split('\n')[0]).toBe('Hi,');
    expect(composeDraft(mail({}, ''), null, null).body).not.toMatch(/undefined|@/);
  });

  it('proposes free times from the calendar, in the user zone, for a meeting request', () => {
    const draft = composeDraft(mail({ meetingRequest: { minutes: 30 } }), context, now);
    expect(draft.body).toContain('(30 minutes, Europe/Berlin time)');
    expect(draft.body).toContain('- Tuesday 1 December, 10:00–10:30\n- Wednesday 2 December, 09:00–09:30\n- Thursday 3 December, 09:00–09:30');
    expect(draft.notes).toContain('it proposes 3 free times from your calendar (Europe/Berlin)');
  });

  it('says plainly when the calendar has no free time, and asks for times when it was not read', () => {
    const full = { ...context, busy: [{ start: new Date('2026-11-30T00:00:00Z'), end: new Date('2026-12-20T00:00:00Z') }] };
    const draft = composeDraft(mail({ meetingRequest: { minutes: 60 } }), full, now);
    expect(draft.body).toContain('my calendar has no free 60 minutes in my working hours over the next 7 days');
    expect(draft.body).not.toMatch(/\d\d:\d\d/);
    expect(composeDraft(mail({ meetingRequest: { minutes: 30 } }), null, now).body).toContain('Could you suggest a few times that suit you?');
  });

  it('acknowledges a deadline with its date in the user zone', () => {
    const draft = composeDraft(mail({ deadline: { on: 'weekday', weekday: 4, phrase: 'by friday' } }), context, now);
    expect(draft.body).toContain("I've noted your deadline and I'll come back to you by Friday 4 December.");
    const late = composeDraft(mail({ deadline: { on: 'days', days: 0, phrase: 'eod' } }), context, new Date('2026-12-03T10:00:00Z'));
    expect(late.body).toContain('I see you needed this by Tuesday 1 December');
  });

  it('uses the greeting and sign-off the user writes', () => {
    const tone = learnTone(null, 'Hey Carol,\n\nSure.\n\nCheers,\nAnn', 'Carol', now);
    const draft = composeDraft(mail({}), { ...context, tone }, now);
    expect(draft.body.startsWith('Hey Bob,')).toBe(true);
    expect(draft.body.endsWith('Cheers,\nAnn')).toBe(true);
    expect(draft.notes).toContain('in your usual greeting and sign-off');
  });
});
