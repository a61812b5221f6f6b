import type { EmailSignal } from '../types.js';

let n = 0;

/** A mail as the pipeline receives it; labels default to an updates-tab newsletter's. */
export function mail(from: string, subject: string, bodyText: string, more: Partial<EmailSignal['data']> = {}): EmailSignal {
  n += 1;
  return {
    userId: 'u1',
    source: 'gmail',
    type: 'email.received',
    externalId: `m${n}`,
    occurredAt: '2026-11-24T09:00:00Z',
    data: {
      messageId: `m${n}`,
      threadId: `m${n}`,
      from,
      to: ['ann@northwind-labs.com'],
      cc: [],
      subject,
      snippet: bodyText.slice(0, 100),
      labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'],
      listUnsubscribe: '<mailto:unsubscribe@example.com>',
      bodyText,
      ...more,
    },
  };
}

/** Tech newsletters the user archives, and bank/finance newsletters the user labels "Finance". */
export const TECH = [
  mail('Hacker Digest <digest@hackerdigest.io>', 'Issue 12: compilers roundup', 'This week in programming: compilers, Rust releases and a TypeScript deep dive. Unsubscribe anytime.'),
  mail('TypeScript Weekly <editor@tsweekly.dev>', 'TypeScript Weekly issue 88', 'Programming news: the TypeScript compiler, new releases and tooling. Unsubscribe here.'),
  mail('Rust Digest <news@rustdigest.org>', 'Rust releases and tooling', 'Programming roundup: Rust compiler releases, crates and tooling. Unsubscribe.'),
  mail('Frontend Focus <hello@frontendfoc.us>', 'Browsers, CSS and releases', 'A weekly roundup of programming for the web: browser releases, tooling. Unsubscribe.'),
  mail('Golang Weekly <peter@golangweekly.com>', 'Go 1.24 released', 'Programming news for Go developers: compiler releases, tooling and libraries. Unsubscribe.'),
];
export const FINANCE = [
  mail('Northbank Insights <insights@northbank.com>', 'Your portfolio and interest rates', 'Markets update: interest rates, your savings account and portfolio performance. Unsubscribe.'),
  mail('Fidelia Investor <news@fidelia.com>', 'Interest rates and your savings', 'Investor letter: savings rates, portfolio allocation and markets this quarter. Unsubscribe.'),
  mail('Vanguardia <letters@vanguardia.fund>', 'Quarterly portfolio letter', 'Your portfolio, fund performance and interest rates this quarter. Unsubscribe.'),
  mail('Sparkasse Plus <info@sparkasse-plus.de>', 'Savings and interest update', 'Savings account interest rates rise; markets and your portfolio. Unsubscribe.'),
  mail('Moneyline <weekly@moneyline.io>', 'Markets weekly: rates', 'Interest rates, markets and portfolio ideas for savers. Unsubscribe.'),
];
