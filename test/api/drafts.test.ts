import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarSignal } from '../../src/domain/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { emailSignal } from '../support/signals.js';
import { addUser, decision, ingest, setSettings } from '../support/users.js';

// Reply drafts without a language model, through HTTP and the database: free times from the
// user's own stored calendar in their zone, a deadline's date, the sender's first name, and the
// greeting and sign-off the user taught by editing a draft.

function calendarEvent(userId: string, eventId: string, start: string, end: string, response: 'accepted' | 'tentative' | 'declined'): CalendarSignal {
  return {
    userId,
    source: 'calendar',
    externalId: `primary/${eventId}@1`,
    type: 'calendar.event',
    occurredAt: '2026-11-20T09:00:00Z',
    data: {
      eventId,
      calendarId: 'primary',
      status: 'confirmed',
      summary: `Busy ${eventId}`,
      start,
      end,
      allDay: false,
      organizer: 'lee@acme.example',
      recurringEventId: null,
      attendees: [
        { email: 'ann@acme.example', self: true, responseStatus: response },
        { email: 'lee@acme.example', responseStatus: 'accepted' },
      ],
    },
  };
}

describe('reply drafts through the live pipeline', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  async function pendingApproval(userId: string, decisionId: string) {
    const list = (await t.call({ method: 'GET', url: `/api/users/${userId}/approvals?status=pending` })).body;
    const approval = list.approvals.find((a: { decisionId: string }) => a.decisionId === decisionId);
    expect(approval, JSON.stringify(list)).toBeDefined();
    return approval as { id: string; action: { type: string; parameters: { body: string; to: string[] } } };
  }

  it('proposes free times from the stored calendar, learns the sign-off from an edit, and uses it next', async () => {
    t.clock.set('2026-11-24T09:00:00Z'); // Tuesday 10:00 in Berlin
    const user = await addUser(t, 'ann@acme.example');
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' }, quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' } });
    const events = [
      calendarEvent(user.id, 'tue', '2026-11-24T12:00:00+01:00', '2026-11-24T17:00:00+01:00', 'accepted'),
      calendarEvent(user.id, 'wed', '2026-11-25T09:00:00+01:00', '2026-11-25T10:30:00+01:00', 'accepted'),
      calendarEvent(user.id, 'thu', '2026-11-26T09:00:00+01:00', '2026-11-26T09:30:00+01:00', 'tentative'),
      calendarEvent(user.id, 'fri', '2026-11-27T09:00:00+01:00', '2026-11-27T12:00:00+01:00', 'declined'),
    ];
    const stored = await t.call({ method: 'POST', url: '/api/events/ingest', payload: { signals: events } });
    expect(stored.status, JSON.stringify(stored.body)).toBe(200);

    const asked = await ingest(
      t,
      emailSignal(
        user.id,
        {
          from: '"Kim, Dana" <dana@acme.example>',
          to: ['ann@acme.example'],
          subject: 'Project kickoff',
          snippet: 'Could you find time for a call this week?',
          bodyText: 'Hi Ann, could you find time for a 30 minute call about the project this week? Thanks, Dana',
        },
        '2026-11-24T08:55:00Z',
      ),
    );
    const view = await decision(t, asked.decisionId);
    expect(view.outcome, JSON.stringify(view)).toBe('needs_approval');
    const approval = await pendingApproval(user.id, asked.decisionId);
    expect(approval.action.type).toBe('draft_reply');
    const body = approval.action.parameters.body;
    expect(body.startsWith('Hi Dana,\n\n')).toBe(true);
    expect(body).toContain('(30 minutes, Europe/Berlin time)');
    // Tuesday afternoon is taken, Wednesday until 10:30, Thursday's tentative hold until 09:30; a declined event is free time.
    expect(body).toContain('- Wednesday 25 November, 10:30–11:00\n- Thursday 26 November, 09:30–10:00\n- Friday 27 November, 09:00–09:30');
    expect(body.endsWith('Best regards')).toBe(true);
    expect(view.selectedAction.action).toBe('draft_reply');
    expect(view.selectedAction.rationale).toContain('it proposes 3 free times from your calendar (Europe/Berlin)');

    const edited = 'Hey Dana,\n\nWednesday at 10:30 works for me.\n\nCheers,\nAnn';
    const answer = await t.call({ method: 'POST', url: `/api/approvals/${approval.id}/edit`, payload: { parameters: { body: edited } } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const twin = (await t.call({ method: 'GET', url: `/api/users/${user.id}/twin` })).body;
    expect(twin.tone).toMatchObject({ greeting: 'Hey', signOff: 'Cheers,\nAnn', samples: 1 });

    t.clock.advance(3_600_000);
    const next = await ingest(
      t,
      emailSignal(
        user.id,
        {
          from: 'Lee Park <lee@acme.example>',
          to: ['ann@acme.example'],
          subject: 'Q4 report',
          snippet: 'Could you send me the report by Friday?',
          bodyText: 'Could you send me the Q4 project report by Friday? Lee',
        },
        '2026-11-24T09:30:00Z',
      ),
    );
    const second = await pendingApproval(user.id, next.decisionId);
    expect(second.action.parameters.body).toBe(
      'Hey Lee,\n\nThanks for your message about "Q4 report".\n\nI\'ve noted your deadline and I\'ll come back to you by Friday 27 November.\n\nCheers,\nAnn',
    );
    expect((await decision(t, next.decisionId)).selectedAction.rationale).toContain('it acknowledges the deadline (Friday 27 November); in your usual greeting and sign-off');
  });

  it('an edit that is not text changes nothing and teaches nothing', async () => {
    const user = await addUser(t, 'bea@acme.example');
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    const asked = await ingest(t, emailSignal(user.id, { from: 'Dana Kim <dana@acme.example>', to: ['bea@acme.example'], subject: 'Budget', bodyText: 'Could you review the project budget?' }));
    const approval = await pendingApproval(user.id, asked.decisionId);
    const bad = await t.call({ method: 'POST', url: `/api/approvals/${approval.id}/edit`, payload: { parameters: { body: 42 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBeTypeOf('string');
    const twin = (await t.call({ method: 'GET', url: `/api/users/${user.id}/twin` })).body;
    expect(twin.tone).toMatchObject({ greeting: null, signOff: null, samples: 0 });
    expect((await pendingApproval(user.id, asked.decisionId)).id).toBe(approval.id);
  });
});
