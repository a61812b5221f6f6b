import { describe, expect, it } from 'vitest';
import { proposeCandidates } from '../candidates/index.js';
import { interpretSignal } from '../interpret/index.js';
import type { EmailSignal } from '../types.js';
import { askedOnPhrase, askingSentence, followUpSignal, mailRole, sentQuestion, threadAnswer } from './index.js';

const USER = 'ann@example.com';

function mail(overrides: Partial<EmailSignal['data']> = {}, occurredAt = '2026-11-30T09:00:00Z'): EmailSignal {
  return {
    userId: '00000000-0000-4000-8000-000000000001',
    source: 'gmail',
    type: 'email.received',
    externalId: 'm1',
    occurredAt,
    data: { messageId: 'm1', threadId: 't1', from: `Ann <${USER}>`, to: ['Bob Stone <bob@example.com>'], cc: [], subject: 'Slides', snippet: '', labels: ['SENT'], listUnsubscribe: null, bodyText: '', ...overrides },
  };
}

describe('askingSentence', () => {
  it.each([
    ['Hi Bob,\n\nCould you send me the slides by Thursday?\n\nThanks, Ann', 'Could you send me the slides by Thursday?'],
    ['Hello,\nthe budget is attached. Let me know if the numbers look right.\nAnn', 'Let me know if the numbers look right.'],
    ['Are we still on for lunch', null],
    ['Are we still on for lunch?', 'Are we still on for lunch?'],
    ['Hi Bob, how are you? Here is the report.\n\nBest', null],
    ['Here is the report.\n\nOn Mon, 30 Nov 2026 at 09:00, Bob <bob@example.com> wrote:\n> Could you send the report?', null],
    ['Thanks, done.\n-- \nAnn | Any questions? Call me', null],
    ['Please confirm the booking.', 'Please confirm the booking.'],
  ])('%j asks %j', (body, expected) => {
    expect(askingSentence(body)).toBe(expected);
  });

  it('shortens a long asking sentence', () => {
    const asked = askingSentence(`Could you ${'really '.repeat(60)}look at it?`);
    expect(asked?.length).toBe(160);
    expect(asked?.endsWith('…')).toBe(true);
  });
});

describe('sent mail', () => {
  it('is told apart from received mail and from the sweep\'s own signal', () => {
    expect(mailRole(mail())).toBe('sent');
    expect(mailRole(mail({ labels: ['INBOX', 'UNREAD'] }))).toBe('received');
    const due = { userId: 'u', threadId: 't1', askedMessageId: 'm1', counterpart: 'bob@example.com', counterpartName: 'Bob Stone', subject: 'Slides', question: 'Could you send them?', askedAt: new Date('2026-11-30T09:00:00Z'), dueAt: new Date('2026-12-03T09:00:00Z') };
    expect(mailRole(followUpSignal(due, USER, 'Monday'))).toBe('follow_up');
  });

  it('records the question, whom it waits on and when, and nothing for mail that asks nothing or goes to a crowd', () => {
    expect(sentQuestion(mail({ bodyText: 'Hi Bob, could you send the slides?' }), USER)).toEqual({
      threadId: 't1',
      askedMessageId: 'm1',
      counterpart: 'bob@example.com',
      counterpartName: 'Bob Stone',
      subject: 'Slides',
      question: 'Hi Bob, could you send the slides?',
      askedAt: new Date('2026-11-30T09:00:00Z'),
    });
    expect(sentQuestion(mail({ bodyText: 'Here they are.' }), USER)).toBeNull();
    expect(sentQuestion(mail({ bodyText: 'Any thoughts?', to: Array.from({ length: 11 }, (_, i) => `p${i}@example.com`) }), USER)).toBeNull();
    expect(sentQuestion(mail({ bodyText: 'Any thoughts?', to: [USER] }), USER)).toBeNull();
  });

  it('counts a message from someone else on the thread as an answer, and the user\'s own as none', () => {
    expect(threadAnswer(mail({ from: 'bob@example.com', labels: ['INBOX'] }, '2026-12-01T10:00:00Z'), USER)).toEqual({ threadId: 't1', at: new Date('2026-12-01T10:00:00Z') });
    expect(threadAnswer(mail({ from: USER }), USER)).toBeNull();
  });
});

describe('the nudge', () => {
  const due = { userId: 'u', threadId: 't1', askedMessageId: 'm1', counterpart: 'bob@example.com', counterpartName: 'Stone, Bob', subject: 'Slides for Thursday', question: 'Could you send the slides?', askedAt: new Date('2026-11-30T09:00:00Z'), dueAt: new Date('2026-12-03T09:00:00Z') };

  it('names the day it was asked as a person would, in the user\'s zone', () => {
    expect(askedOnPhrase(new Date('2026-11-30T09:00:00Z'), new Date('2026-12-03T09:00:00Z'), 'Europe/Berlin')).toBe('Monday');
    expect(askedOnPhrase(new Date('2026-11-29T23:30:00Z'), new Date('2026-12-03T09:00:00Z'), 'Europe/Berlin')).toBe('Monday');
    expect(askedOnPhrase(new Date('2026-11-20T09:00:00Z'), new Date('2026-12-03T09:00:00Z'), 'UTC')).toBe('20 Nov');
  });

  it('is a follow-up situation whose first candidate is a draft addressed by name, naming what was asked and when', () => {
    const signal = followUpSignal(due, USER, 'Monday');
    const situation = interpretSignal(signal, { userEmail: USER, senderHistory: { seenCount: 0, repliedCount: 0 }, acceptedEvents: [] });
    expect(situation).toMatchObject({ kind: 'follow_up', domain: 'email', facts: { counterpart: 'bob@example.com', threadId: 't1', messageId: 'm1' } });
    expect(situation.summary).toBe('Waiting on Stone, Bob\'s reply since Monday: "Slides for Thursday"');
    const [first, second] = proposeCandidates(situation, signal);
    expect(first?.action.type).toBe('draft_reply');
    expect(first?.action.parameters).toMatchObject({
      to: ['bob@example.com'],
      subject: 'Re: Slides for Thursday',
      body: 'Hi Bob,\n\nJust following up on my question from Monday about "Slides for Thursday": Could you send the slides?\n\nThanks!',
      threadId: 't1',
    });
    expect(second?.action.type).toBe('do_nothing');
  });
});
