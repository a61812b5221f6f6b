import type { CalendarSignal, EmailSignal } from '../../src/domain/index.js';

let counter = 0;
const nextId = () => `${Date.now().toString(16)}${(counter++).toString(16).padStart(6, '0')}`;

export function emailSignal(userId: string, data: Partial<EmailSignal['data']> = {}, occurredAt = '2026-11-24T09:12:44Z'): EmailSignal {
  const id = data.messageId ?? nextId();
  return {
    userId,
    source: 'gmail',
    externalId: id,
    type: 'email.received',
    occurredAt,
    data: {
      messageId: id,
      threadId: id,
      from: 'Bob <bob@example.com>',
      to: ['ann@example.com'],
      cc: [],
      subject: 'Lunch?',
      snippet: 'still on for lunch?',
      labels: ['INBOX', 'UNREAD'],
      listUnsubscribe: null,
      bodyText: 'Hi Ann, still on for lunch?',
      ...data,
    },
  };
}

export function newsletter(userId: string, from = 'Acme News <news@acme-news.com>', extra: Partial<EmailSignal['data']> = {}) {
  return emailSignal(userId, {
    from,
    subject: 'This week at Acme: 5 stories',
    snippet: 'Your weekly digest of the best stories',
    labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'],
    listUnsubscribe: '<mailto:unsubscribe@acme-news.com>, <https://acme-news.com/unsubscribe>',
    bodyText: 'Your weekly newsletter digest. Unsubscribe at any time.',
    ...extra,
  });
}

export function renewal(userId: string, amount = '$45.00') {
  return emailSignal(userId, {
    from: 'Streamly Billing <billing@streamly.com>',
    subject: `Your Streamly subscription renews on December 3, 2026`,
    snippet: `Your annual plan will renew automatically for ${amount}`,
    labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'],
    bodyText: `Hi Ann, your Streamly subscription will renew on December 3, 2026 for ${amount}. Manage your subscription in your account.`,
  });
}

export function invitation(
  userId: string,
  options: { start?: string; end?: string; eventId?: string; organizer?: string; response?: 'needsAction' | 'accepted' } = {},
): CalendarSignal {
  const eventId = options.eventId ?? `ev${nextId()}`;
  return {
    userId,
    source: 'calendar',
    externalId: `primary/${eventId}@1`,
    type: 'calendar.event',
    occurredAt: '2026-11-24T09:00:00Z',
    data: {
      eventId,
      calendarId: 'primary',
      status: 'confirmed',
      summary: 'Design review',
      start: options.start ?? '2026-11-26T10:00:00+01:00',
      end: options.end ?? '2026-11-26T11:00:00+01:00',
      allDay: false,
      organizer: options.organizer ?? 'bob@example.com',
      recurringEventId: null,
      attendees: [
        { email: 'ann@example.com', self: true, responseStatus: options.response ?? 'needsAction' },
        { email: options.organizer ?? 'bob@example.com', responseStatus: 'accepted' },
      ],
    },
  };
}
