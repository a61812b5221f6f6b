import type { Random } from './random.js';
import type { MailInput } from './state/mail-input.js';

export type MailKind = 'newsletter' | 'promotion' | 'receipt' | 'notification' | 'personal' | 'work_request' | 'renewal' | 'security_alert';

export interface MailContext {
  /** The recipient account. */
  email: string;
  date: Date;
}

const euros = (cents: number): string => `€${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const longDate = (date: Date): string => date.toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const firstName = (email: string): string => {
  const local = email.split('@')[0] ?? '';
  const word = local.split(/[._-]/)[0] ?? local;
  return word.charAt(0).toUpperCase() + word.slice(1);
};
const orgDomain = (email: string): string => email.split('@')[1] ?? 'example.com';
const unsubscribe = (domain: string, r: Random): Record<string, string> => ({
  'List-Unsubscribe': `<mailto:unsubscribe@${domain}?subject=unsubscribe>, <https://${domain}/u/${r.hex(12)}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});
const htmlOf = (paragraphs: string[]): string => `<html><body>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`;

const NEWSLETTERS = [
  { from: 'The Compiler Weekly <digest@compilerweekly.example>', domain: 'compilerweekly.example', topic: 'faster builds, smaller bundles and a look at incremental type checking' },
  { from: 'Morning Ledger <newsletter@morningledger.example>', domain: 'morningledger.example', topic: 'markets, rates and the week ahead in five minutes' },
  { from: 'Trail & Summit <hello@trailsummit.example>', domain: 'trailsummit.example', topic: 'autumn routes, gear care and a reader photo of the month' },
  { from: 'Design Notes <notes@designnotes.example>', domain: 'designnotes.example', topic: 'colour systems, accessible forms and a case study on onboarding' },
];
const SHOPS = [
  { from: 'Nordlicht Outdoor <offers@nordlicht-outdoor.example>', domain: 'nordlicht-outdoor.example', item: 'rain jackets' },
  { from: 'Kaffeerösterei Blau <news@roesterei-blau.example>', domain: 'roesterei-blau.example', item: 'single-origin beans' },
  { from: 'PixelHaus <deals@pixelhaus.example>', domain: 'pixelhaus.example', item: 'monitors and docks' },
];
const STORES = [
  { from: 'Bookshelf Online <orders@bookshelf.example>', domain: 'bookshelf.example', item: 'Paperback: "Patterns of Calm Software"' },
  { from: 'Stadtwerke Energie <billing@stadtwerke-energie.example>', domain: 'stadtwerke-energie.example', item: 'Electricity, monthly instalment' },
  { from: 'RideNow <receipts@ridenow.example>', domain: 'ridenow.example', item: 'Trip to Hauptbahnhof' },
  { from: 'Cloud Notes <billing@cloudnotes.example>', domain: 'cloudnotes.example', item: 'Team plan, one seat' },
];
const NOTIFIERS = [
  { from: 'CodeHost <notifications@codehost.example>', subject: (r: Random) => `[skytwin/app] Pull request #${100 + r.int(900)} was merged`, text: 'Your pull request was merged into main. No action is needed.' },
  { from: 'ParcelPoint <no-reply@parcelpoint.example>', subject: () => 'Your parcel is out for delivery', text: 'Your parcel will arrive today between 10:00 and 14:00.' },
  { from: 'Shared Drive <drive-shares-noreply@shareddrive.example>', subject: () => 'A document was shared with you', text: 'Lena shared "Q4 planning" with you. Open it from your drive.' },
  { from: 'Calendar <calendar-notification@calendar.example>', subject: () => 'Reminder: dentist appointment tomorrow at 08:30', text: 'This is a reminder for your appointment tomorrow at 08:30.' },
];
const FRIENDS = [
  { from: 'Jonas Weber <jonas.weber@gmail.com>', subject: 'Dinner on Saturday?', text: 'Hey {name}, we are cooking on Saturday and would love to have you over. Bring nothing but yourself! Jonas' },
  { from: 'Mia Schulz <mia.schulz@gmail.com>', subject: 'Photos from the lake', text: 'Hi {name}, finally sorted the photos from our weekend at the lake. The sunset ones came out great. Mia' },
  { from: 'Oma <gerda.neumann@web.de>', subject: 'Birthday', text: 'Dear {name}, thank you for the lovely flowers. Call me when you have a minute. Love, Oma' },
];
const COLLEAGUES = [
  { name: 'Bob Keller', local: 'bob.keller', subject: 'Can you review the Q4 budget draft?', text: 'Hi {name}, could you review the Q4 budget draft before Thursday? I need your sign-off on the travel line. Thanks, Bob' },
  { name: 'Priya Raman', local: 'priya.raman', subject: 'Please send the slides for Friday', text: 'Hi {name}, please send me the slides for Friday\'s client meeting by tomorrow noon so I can merge them. Priya' },
  { name: 'Lena Fischer', local: 'lena.fischer', subject: 'Quick question on the release plan', text: 'Hi {name}, can you confirm whether the release moves to next week? The support team needs to know today. Lena' },
];

type Template = (r: Random, ctx: MailContext) => MailInput;

const TEMPLATES: Record<MailKind, Template> = {
  newsletter: (r) => {
    const n = r.pick(NEWSLETTERS);
    const issue = 40 + r.int(160);
    const text = `Issue #${issue}: ${n.topic}.\n\nRead online, or reply to tell us what you want next week.\n\nYou get this newsletter because you subscribed. Unsubscribe at any time.`;
    return { from: n.from, subject: `Issue #${issue}: ${n.topic.split(',')[0]}`, text, html: htmlOf(text.split('\n\n')), labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'], headers: unsubscribe(n.domain, r) };
  },
  promotion: (r, ctx) => {
    const s = r.pick(SHOPS);
    const percent = r.pick([15, 20, 25, 30, 40]);
    const text = `Hello ${firstName(ctx.email)},\n\nThis week only: ${percent}% off ${s.item}. Use code AUTUMN${percent} at checkout.\n\nSale ends Sunday at midnight.`;
    return { from: s.from, subject: `${percent}% off ${s.item} — this week only`, text, html: htmlOf(text.split('\n\n')), labels: ['INBOX', 'UNREAD', 'CATEGORY_PROMOTIONS'], headers: unsubscribe(s.domain, r) };
  },
  receipt: (r, ctx) => {
    const s = r.pick(STORES);
    const cents = 500 + r.int(12_000);
    const order = `${r.digits(3)}-${r.digits(7)}`;
    const text = `Thank you for your order ${order}.\n\n${s.item}\nTotal: ${euros(cents)}\nPaid with card ending in ${r.digits(4)} on ${longDate(ctx.date)}.\n\nKeep this receipt for your records.`;
    return { from: s.from, subject: `Your receipt for order ${order}`, text, html: htmlOf(text.split('\n\n')), labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'] };
  },
  notification: (r) => {
    const n = r.pick(NOTIFIERS);
    return { from: n.from, subject: n.subject(r), text: n.text, labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'], multipart: false };
  },
  personal: (r, ctx) => {
    const f = r.pick(FRIENDS);
    return { from: f.from, subject: f.subject, text: f.text.replace('{name}', firstName(ctx.email)), labels: ['INBOX', 'UNREAD', 'CATEGORY_PERSONAL'], multipart: false };
  },
  work_request: (r, ctx) => {
    const c = r.pick(COLLEAGUES);
    const text = c.text.replace('{name}', firstName(ctx.email));
    return { from: `${c.name} <${c.local}@${orgDomain(ctx.email)}>`, subject: c.subject, text, html: htmlOf([text]), labels: ['INBOX', 'UNREAD', 'IMPORTANT'] };
  },
  renewal: (r, ctx) => {
    const renews = new Date(ctx.date.getTime() + (5 + r.int(10)) * 86_400_000);
    const cents = r.pick([999, 4_900, 11_900, 14_400]);
    const text = `Hi ${firstName(ctx.email)},\n\nYour annual StreamBox Premium subscription will renew on ${longDate(renews)}. You will be charged ${euros(cents)} to the card on file.\n\nTo change or cancel your plan, visit your account settings before the renewal date.`;
    return { from: 'StreamBox <billing@streambox.example>', subject: 'Your subscription will renew soon', text, html: htmlOf(text.split('\n\n')), labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'] };
  },
  security_alert: (r, ctx) => {
    const device = r.pick(['Linux', 'Windows', 'an iPhone', 'an Android phone']);
    const place = r.pick(['Lisbon, Portugal', 'Warsaw, Poland', 'Dublin, Ireland', 'Bucharest, Romania']);
    const text = `A new sign-in to your account ${ctx.email} was detected from ${device} in ${place} on ${longDate(ctx.date)}.\n\nIf this was you, no action is needed. If not, reset your password now and review your recent activity.`;
    return { from: 'Account Security <no-reply@accounts.example>', subject: `Security alert: new sign-in from ${device}`, text, html: htmlOf(text.split('\n\n')), labels: ['INBOX', 'UNREAD', 'IMPORTANT', 'CATEGORY_UPDATES'] };
  },
};

/** One realistic message of the given kind, dated ctx.date. */
export function generateMail(kind: MailKind, r: Random, ctx: MailContext): MailInput {
  return { ...TEMPLATES[kind](r, ctx), to: ctx.email, date: ctx.date.toISOString() };
}

const ARRIVAL_WEIGHTS: [MailKind, number][] = [
  ['newsletter', 4],
  ['promotion', 4],
  ['notification', 4],
  ['receipt', 2],
  ['personal', 2],
  ['work_request', 3],
  ['renewal', 1],
  ['security_alert', 1],
];

/** A kind for the next arrival, weighted towards the bulk mail a real inbox mostly gets. */
export function arrivalKind(r: Random): MailKind {
  const total = ARRIVAL_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = r.int(total);
  for (const [kind, weight] of ARRIVAL_WEIGHTS) {
    if (roll < weight) return kind;
    roll -= weight;
  }
  return 'notification';
}
