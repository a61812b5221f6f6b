import { describe, expect, it } from 'vitest';
import type { EmailData, EmailSignal, InterpretContext, SituationKind } from '../types.js';
import { interpretSignal } from './interpret.js';

function email(data: Partial<EmailData>): EmailSignal {
  return {
    userId: 'u1',
    source: 'gmail',
    externalId: data.messageId ?? '18f0a1b2c3d4e5f6',
    type: 'email.received',
    occurredAt: '2026-11-24T09:12:44Z',
    data: {
      messageId: '18f0a1b2c3d4e5f6',
      threadId: '18f0a1b2c3d4e5f6',
      from: 'Bob <bob@example.com>',
      to: ['ann@acme.com'],
      cc: [],
      subject: '',
      snippet: '',
      labels: ['INBOX', 'UNREAD'],
      listUnsubscribe: null,
      bodyText: '',
      ...data,
    },
  };
}

function context(seenCount = 0, repliedCount = 0): InterpretContext {
  return { userEmail: 'ann@acme.com', senderHistory: { seenCount, repliedCount }, acceptedEvents: [] };
}

interface Row {
  name: string;
  signal: EmailSignal;
  ctx?: InterpretContext;
  kind: SituationKind;
  domain?: 'email' | 'finance';
  urgency?: 'low' | 'normal' | 'high';
}

const rows: Row[] = [
  {
    name: 'newsletter with List-Unsubscribe filed under promotions',
    signal: email({
      from: 'Morning Brew <crew@morningbrew.com>',
      subject: 'This week in tech: issue #142',
      snippet: 'Apple, chips and a very odd acquisition',
      labels: ['INBOX', 'UNREAD', 'CATEGORY_PROMOTIONS'],
      listUnsubscribe: '<mailto:unsubscribe@morningbrew.com>, <https://morningbrew.com/unsub?u=1>',
      bodyText: 'Good morning. Here is your weekly digest of what happened in tech.',
    }),
    kind: 'newsletter',
    urgency: 'low',
  },
  {
    name: 'substack newsletter in updates',
    signal: email({
      from: "Lenny's Newsletter <lenny@substack.com>",
      subject: 'How to price your product',
      snippet: "Lenny's Newsletter: a guide to pricing",
      labels: ['INBOX', 'CATEGORY_UPDATES'],
      listUnsubscribe: '<https://substack.com/unsubscribe>',
    }),
    kind: 'newsletter',
    urgency: 'low',
  },
  {
    name: 'promotion with discount',
    signal: email({
      from: 'Nike <nike@official.nike.com>',
      subject: 'Black Friday: 30% off everything',
      snippet: 'Shop now, limited time only',
      labels: ['INBOX', 'CATEGORY_PROMOTIONS'],
      listUnsubscribe: '<https://nike.com/unsub>',
    }),
    kind: 'promotion',
    urgency: 'low',
  },
  {
    name: 'receipt from an order-confirmation sender',
    signal: email({
      from: 'Amazon.com <auto-confirm@amazon.com>',
      subject: 'Your Amazon.com order #112-1234567-1234567',
      snippet: 'Thanks for your order, Ann!',
      labels: ['INBOX', 'CATEGORY_UPDATES'],
      bodyText: 'Order Total: $23.47\nArriving Thursday',
    }),
    kind: 'receipt',
    domain: 'finance',
  },
  {
    name: 'receipt from a no-reply address',
    signal: email({
      from: 'Apple <no_reply@email.apple.com>',
      subject: 'Your receipt from Apple.',
      bodyText: 'iCloud+ 50 GB  €0,99  Total €0,99',
    }),
    kind: 'receipt',
    domain: 'finance',
  },
  {
    name: 'GitHub notification despite its List-Unsubscribe header',
    signal: email({
      from: 'GitHub <notifications@github.com>',
      subject: '[acme/api] Fix flaky test (#412)',
      snippet: '@ann commented on this pull request.',
      labels: ['INBOX', 'CATEGORY_UPDATES'],
      listUnsubscribe: '<mailto:unsub+abc@reply.github.com>',
    }),
    kind: 'notification',
  },
  {
    name: 'shipping notification from a no-reply sender',
    signal: email({ from: 'DHL <noreply@dhl.com>', subject: 'Your parcel is out for delivery', snippet: 'Track it here' }),
    kind: 'notification',
  },
  {
    name: 'Google security alert',
    signal: email({
      from: 'Google <no-reply@accounts.google.com>',
      subject: 'Security alert',
      snippet: 'New sign-in to your Google Account on a Mac device',
      labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'],
    }),
    kind: 'security_alert',
    urgency: 'high',
  },
  {
    name: 'password change from a security sender (body only)',
    signal: email({
      from: 'Dropbox <security@dropbox.com>',
      subject: 'Account update',
      bodyText: 'Your password was changed on Nov 24. If this was not you, reset it now.',
    }),
    kind: 'security_alert',
    urgency: 'high',
  },
  {
    name: 'security alert wins over a receipt and a renewal',
    signal: email({
      from: 'PayPal <service@paypal.com>',
      subject: 'Unusual activity: your receipt for $499.00',
      bodyText: 'Your subscription will renew. We noticed a new login.',
    }),
    kind: 'security_alert',
    urgency: 'high',
  },
  {
    name: 'Netflix renewal with US date and dollars',
    signal: email({
      from: 'Netflix <info@account.netflix.com>',
      subject: 'Your membership will renew on December 3, 2026',
      labels: ['INBOX', 'CATEGORY_UPDATES'],
      bodyText: "We'll charge $15.49 to your Visa on December 3, 2026.",
    }),
    kind: 'subscription_renewal',
    domain: 'finance',
  },
  {
    name: 'renewal beats receipt',
    signal: email({
      from: 'Spotify <no-reply@spotify.com>',
      subject: 'Your receipt: Premium subscription has been renewed',
      bodyText: 'Amount paid €9,99. Next billing date 2026-12-24.',
    }),
    kind: 'subscription_renewal',
    domain: 'finance',
  },
  {
    name: 'first mail from an outside stranger asking for a call',
    signal: email({
      from: 'Eve Sales <eve@randomco.biz>',
      subject: 'Partnership opportunity',
      bodyText: 'Hi Ann, could you hop on a quick call this week to discuss our proposal?',
      labels: ['INBOX', 'CATEGORY_PERSONAL'],
    }),
    kind: 'unknown_sender',
  },
  {
    name: 'colleague asks for an urgent review',
    signal: email({
      from: 'Carol Jones <carol@acme.com>',
      subject: 'Q4 report',
      bodyText: "Hi Ann, could you review the Q4 report before the board meeting? It's urgent, I need it today.",
    }),
    ctx: context(4, 2),
    kind: 'work_request',
    urgency: 'high',
  },
  {
    name: 'colleague asks for slides, no rush',
    signal: email({
      from: 'Dan <dan@acme.com>',
      subject: 'Slides',
      bodyText: 'Can you send me the slides when you get a chance?',
    }),
    kind: 'work_request',
    urgency: 'normal',
  },
  {
    name: 'colleague asking for an invoice is a request, not a receipt',
    signal: email({ from: 'Dan <dan@acme.com>', subject: 'Invoice for October', bodyText: 'Could you send me the invoice?' }),
    kind: 'work_request',
  },
  {
    name: 'known client asks for a review',
    signal: email({
      from: 'Dave <dave@client.io>',
      subject: 'Proposal',
      bodyText: 'Please review the attached proposal and let me know.',
    }),
    ctx: context(3, 2),
    kind: 'work_request',
  },
  {
    name: 'friend the user replies to asks about lunch',
    signal: email({ from: 'Bob <bob@gmail.com>', subject: 'Lunch?', snippet: 'still on for lunch?', bodyText: 'Hi Ann, still on for lunch?' }),
    ctx: context(5, 3),
    kind: 'personal',
  },
  {
    name: 'seen-before sender writes about a birthday party',
    signal: email({ from: 'Aunt May <may@web.de>', subject: 'Birthday party on Saturday', bodyText: 'We would love to see the kids.' }),
    ctx: context(2, 0),
    kind: 'personal',
  },
  {
    name: 'seen-before sender, never replied, nothing to go on',
    signal: email({ from: 'Someone <someone@othercorp.com>', subject: 'Hello', bodyText: 'see attached' }),
    ctx: context(3, 0),
    kind: 'unknown',
  },
  {
    name: 'unparseable sender',
    signal: email({ from: 'not an address', subject: 'Hi' }),
    kind: 'unknown',
  },
  {
    name: 'missing message id',
    signal: email({ messageId: '' }),
    kind: 'unknown',
  },
];

describe('interpretSignal: email', () => {
  it.each(rows)('$name → $kind', ({ signal, ctx, kind, domain, urgency }) => {
    const situation = interpretSignal(signal, ctx ?? context());
    expect(situation.kind).toBe(kind);
    expect(situation.domain).toBe(domain ?? 'email');
    if (urgency !== undefined) expect(situation.urgency).toBe(urgency);
    expect(situation.evidence.length).toBeGreaterThan(0);
    if (kind === 'unknown') expect(situation.confidence).toBeLessThan(0.5);
    else expect(situation.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('reads the facts of a message', () => {
    const situation = interpretSignal(
      email({ from: '"Doe, Jane" <Jane.Doe@Example.COM>', subject: 'Lunch?', to: ['ann@acme.com', 'x@y.com'], cc: ['z@y.com'], threadId: 'th1' }),
      context(1, 1),
    );
    expect(situation.facts).toMatchObject({
      counterpart: 'jane.doe@example.com',
      counterpartDomain: 'example.com',
      subject: 'Lunch?',
      messageId: '18f0a1b2c3d4e5f6',
      threadId: 'th1',
      recipientCount: 3,
    });
  });

  it.each([
    ['$15.49', 'renews on December 3, 2026', 1549, 'USD', '2026-12-03'],
    ['€9,99', 'will renew on 2026-12-03', 999, 'EUR', '2026-12-03'],
    ['USD 120', 'renews on 15 January 2027', 12000, 'USD', '2027-01-15'],
    ['$1,200.00', 'will auto-renew on Jan 5', 120000, 'USD', '2027-01-05'],
  ])('extracts %s and the date from "%s"', (amount, when, cents, currency, date) => {
    const situation = interpretSignal(
      email({ from: 'Billing <billing@saas.example>', subject: 'Your annual plan', bodyText: `Your subscription ${when} for ${amount}.` }),
      context(),
    );
    expect(situation.kind).toBe('subscription_renewal');
    expect(situation.facts.amountCents).toBe(cents);
    expect(situation.facts.currency).toBe(currency);
    expect(situation.facts.renewalDate).toBe(date);
  });

  it('picks the amount next to the renewal, not an unrelated one', () => {
    const body = `Get a $5 credit for referring a friend! ${'Lorem ipsum dolor sit amet. '.repeat(10)} Your plan renews on 2026-12-03 for $45.00.`;
    const situation = interpretSignal(email({ from: 'no-reply@saas.example', subject: 'Upcoming renewal', bodyText: body }), context());
    expect(situation.facts.amountCents).toBe(4500);
  });

  it('leaves amount and date out when absent', () => {
    const situation = interpretSignal(email({ from: 'no-reply@saas.example', subject: 'Your subscription will renew soon' }), context());
    expect(situation.kind).toBe('subscription_renewal');
    expect(situation.facts.amountCents).toBeUndefined();
    expect(situation.facts.renewalDate).toBeUndefined();
    expect(situation.summary).toContain('amount unknown');
  });

  it('does not raise a security alert for a newsletter that writes about two-factor logins', () => {
    const situation = interpretSignal(
      email({
        from: 'Tech Weekly <news@techweekly.io>',
        subject: 'Issue #88: passkeys everywhere',
        listUnsubscribe: '<https://techweekly.io/u>',
        bodyText: 'Why two-factor is not enough and what a verification code really protects.',
      }),
      context(),
    );
    expect(situation.kind).toBe('newsletter');
  });

  it('does not read a friend mentioning a renewal as a bill', () => {
    const situation = interpretSignal(
      email({ from: 'Bob <bob@gmail.com>', subject: 'gym', bodyText: 'My gym membership will renew next month, want to join me for dinner?' }),
      context(5, 3),
    );
    expect(situation.kind).toBe('personal');
  });

  it('gives one evidence line per clue used', () => {
    const situation = interpretSignal(
      email({
        from: 'Google <no-reply@accounts.google.com>',
        subject: 'Security alert',
        labels: ['CATEGORY_UPDATES'],
      }),
      context(),
    );
    expect(situation.evidence).toEqual(['subject mentions "security alert"', 'sent by an automated system']);
  });

  it('treats mail from the user to themself as unknown', () => {
    const situation = interpretSignal(email({ from: 'Ann <ann@acme.com>', subject: 'note to self' }), context(10, 0));
    expect(situation.kind).toBe('unknown');
  });

  it('is deterministic', () => {
    const signal = rows[0]?.signal ?? email({});
    expect(interpretSignal(signal, context())).toEqual(interpretSignal(signal, context()));
  });
});
