import { email, type Scenario } from '../scenario.js';
import { mails, NOW } from './mail.js';

// Mail as it really arrives: capitals, HTML, odd headers, other languages, missing parts.

const WARM = { email: 10 };
const UPDATES = ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'];

export const messyScenarios: Scenario[] = [
  {
    id: 'messy-shipped-caps',
    description: '"YOUR ORDER HAS SHIPPED!!!" is a shipping notification, not a new purchase',
    now: NOW,
    settings: { trustTiers: { email: 'suggest', finance: 'suggest' } },
    signal: email('Etsy <transaction@etsy.com>', 'YOUR ORDER HAS SHIPPED!!!', 'Good news! Your package is on its way. Track it with USPS 9400 1000 0000 0000 0000 00.', {
      labels: UPDATES,
    }),
    expect: { outcome: 'needs_approval', kind: 'notification', domain: 'email' },
  },
  {
    id: 'messy-upper-case-sender',
    description: 'sender "NewsLetter@TheVerge.COM" matches the rule for newsletter@theverge.com',
    now: NOW,
    warmUp: WARM,
    settings: { trustTiers: { email: 'low' } },
    preferences: { 'email.sender:newsletter@theverge.com': 'archive' },
    signal: { ...mails.vergeNewsletter(), from: 'The Verge <NewsLetter@TheVerge.COM>' },
    expect: { outcome: 'auto_execute', action: 'archive', kind: 'newsletter' },
  },
  {
    id: 'messy-bare-address',
    description: 'a From header with a bare address and no display name',
    now: NOW,
    settings: { trustTiers: { email: 'suggest' } },
    signal: { ...mails.githubMention(), from: 'notifications@github.com' },
    expect: { outcome: 'needs_approval', action: 'mark_read', kind: 'notification' },
  },
  {
    id: 'messy-html-receipt',
    description: 'a receipt whose body is an HTML table',
    now: NOW,
    settings: { trustTiers: { finance: 'suggest' } },
    signal: email(
      'Lyft <no-reply@lyftmail.com>',
      'Your ride with Marcus on November 23',
      '<html><body><table><tr><td>Thanks for riding with Lyft!</td></tr><tr><td>Lyft fare (12.4mi, 24m 10s)</td><td>$21.40</td></tr><tr><td><b>Total charged</b></td><td><b>$24.90</b></td></tr><tr><td>Receipt #8123-3321</td></tr></table></body></html>',
      { labels: UPDATES },
    ),
    expect: { outcome: 'needs_approval', action: 'label', kind: 'receipt', domain: 'finance' },
  },
  {
    id: 'messy-newsletter-security-topic',
    description: 'a security newsletter that writes about "suspicious login attempts" is a newsletter, not an alert',
    now: NOW,
    settings: { trustTiers: { email: 'suggest' } },
    signal: email(
      'Risky Business <newsletter@risky.biz>',
      'Risky Bulletin — Issue #412',
      'This week: credential stuffing is up, suspicious login attempts against VPN gateways, and a new two-factor bypass. Unsubscribe here.',
      { listUnsubscribe: '<mailto:leave@risky.biz>', labels: UPDATES },
    ),
    expect: { outcome: 'needs_approval', action: 'archive', kind: 'newsletter' },
  },
  {
    id: 'messy-long-body',
    description: 'a newsletter with a 60 KB body',
    now: NOW,
    settings: { trustTiers: { email: 'suggest' } },
    signal: { ...mails.vergeNewsletter(), bodyText: `${mails.vergeNewsletter().bodyText ?? ''} ${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(1050)}` },
    expect: { outcome: 'needs_approval', action: 'archive', kind: 'newsletter' },
  },
  {
    id: 'messy-curly-quotes-request',
    description: 'a colleague\'s request written with curly quotes and an em dash',
    now: NOW,
    settings: { trustTiers: { email: 'suggest' } },
    signal: email(
      'Daniel Okafor <daniel.okafor@northwind-labs.com>',
      '“Quick” favour — slides',
      'Ann — could you add the churn numbers to the QBR slides? I’d like them in before Thursday’s meeting.',
    ),
    expect: { outcome: 'needs_approval', action: 'draft_reply', kind: 'work_request' },
  },
  {
    id: 'messy-cc-heavy-newsletter',
    description: 'a newsletter delivered with an odd "To" (undisclosed list) and no labels at all',
    now: NOW,
    settings: { trustTiers: { email: 'suggest' } },
    signal: { ...mails.morningBrew(), to: ['undisclosed-recipients:;'], labels: [] },
    expect: { outcome: 'needs_approval', action: 'archive', kind: 'newsletter' },
  },
  {
    id: 'messy-promo-in-dutch',
    description: 'a Dutch promotion filed by Gmail under Promotions ("korting")',
    now: NOW,
    settings: { trustTiers: { email: 'suggest' } },
    signal: email('bol.com <nieuwsbrief@mail.bol.com>', 'Tot 40% korting op elektronica 🎁', 'Alleen dit weekend: profiteer van hoge kortingen. Afmelden? Klik hier.', {
      labels: ['INBOX', 'CATEGORY_PROMOTIONS'],
      listUnsubscribe: '<https://mail.bol.com/afmelden?id=12>',
    }),
    expect: { outcome: 'needs_approval', action: 'archive', kind: 'promotion' },
  },
  {
    id: 'messy-security-caps',
    description: '"SECURITY ALERT: NEW SIGN-IN FROM CHROME ON MAC" in capitals',
    now: NOW,
    settings: { trustTiers: { email: 'suggest' } },
    signal: email('Dropbox <no-reply@dropbox.com>', 'SECURITY ALERT: NEW SIGN-IN FROM CHROME ON MAC', 'We noticed a new sign-in to your Dropbox account from Chrome on Mac OS in Hamburg, Germany.'),
    expect: { outcome: 'needs_approval', action: 'flag_for_review', kind: 'security_alert' },
  },
  {
    id: 'messy-renewal-caps-gbp',
    description: 'a renewal notice in capitals with a pound amount',
    now: NOW,
    settings: { trustTiers: { finance: 'suggest' } },
    signal: email(
      'The Economist <subscriptions@economist.com>',
      'RENEWAL NOTICE: YOUR SUBSCRIPTION',
      'Your annual digital subscription will renew automatically on 15 December 2026 at £179.00.',
      { labels: UPDATES },
    ),
    expect: { outcome: 'needs_approval', action: 'flag_for_review', kind: 'subscription_renewal' },
  },
  {
    id: 'messy-missing-subject',
    description: 'a colleague\'s mail with an empty subject, asking for something',
    now: NOW,
    settings: { trustTiers: { email: 'suggest' } },
    signal: email('Sofia Rossi <sofia.rossi@northwind-labs.com>', '', 'can you send me the link to the roadmap doc please'),
    expect: { outcome: 'needs_approval', action: 'draft_reply', kind: 'work_request' },
  },
];
