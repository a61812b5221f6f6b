// A frozen copy of the benchmark's synthetic signal mix (bench/signals.ts), so the golden decisions
// stay fixed when the benchmark's generator changes.
import type { CalendarSignal, EmailData, EmailSignal, Signal } from '../index.js';

type MailBody = Pick<EmailData, 'from' | 'to' | 'cc' | 'subject' | 'snippet' | 'labels' | 'listUnsubscribe' | 'bodyText'>;

/** Seeded so two runs post the same mix; the benchmark compares runs, not luck. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface BenchUser {
  id: string;
  email: string;
  name: string;
  org: string;
}

export type SignalKind = 'newsletter' | 'receipt' | 'renewal' | 'personal' | 'work' | 'calendar';

/** Share of each kind in an ordinary inbox: bulk mail dominates, invitations are a minority. */
export const SIGNAL_MIX: readonly [SignalKind, number][] = [
  ['newsletter', 0.3],
  ['work', 0.25],
  ['personal', 0.15],
  ['calendar', 0.15],
  ['receipt', 0.1],
  ['renewal', 0.05],
];

const FIRST_NAMES = ['Ann', 'Bob', 'Chen', 'Dana', 'Emil', 'Fatima', 'Goran', 'Hana', 'Ivo', 'Jules', 'Kemal', 'Lea', 'Mina', 'Noor', 'Olek', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tomas'];
const LAST_NAMES = ['Berg', 'Costa', 'Diaz', 'Evans', 'Fischer', 'Gupta', 'Horvat', 'Ito', 'Jensen', 'Kowalski', 'Lopez', 'Meyer', 'Novak', 'Okafor', 'Petrov'];
export const ORGS = ['northwind.io', 'contoso.dev', 'fabrikam.eu', 'initech.com', 'globex.net', 'umbrella.org', 'acme-corp.com', 'hooli.xyz', 'vandelay.biz', 'wayne.systems'];
const PUBLIC_MAIL = ['gmail.com', 'outlook.com', 'posteo.de', 'proton.me', 'yahoo.com'];
const NEWSLETTERS = [
  ['Acme News', 'news@acme-news.com', 'This week at Acme: {n} stories'],
  ['The Morning Brew', 'crew@morningbrew.com', 'Your weekly digest: markets, tech and {topic}'],
  ['Hacker Digest', 'digest@hackerdigest.io', 'Issue #{n}: {topic} roundup'],
  ['Product Hunt Daily', 'hello@producthunt.com', 'Top products today: {topic} edition'],
  ['City Council Bulletin', 'bulletin@city.gov', 'Community bulletin: {topic} update'],
  ['Runner Weekly', 'team@runnerweekly.com', 'Weekly training roundup #{n}'],
  ['Cooking Club', 'newsletter@cookingclub.com', 'Newsletter: {n} recipes for {topic}'],
  ['TypeScript Weekly', 'editor@tsweekly.dev', 'TypeScript Weekly issue #{n}'],
  ['Design Notes', 'notes@designnotes.co', 'This week in design: {topic}'],
  ['Bookshop', 'news@bookshop.org', 'New releases digest: {topic}'],
] as const;
const MERCHANTS = [
  ['Amazon', 'auto-confirm@amazon.com', 'Your order #{n} has been confirmed'],
  ['Uber Receipts', 'noreply@uber.com', 'Your Tuesday trip receipt'],
  ['Apple', 'no_reply@email.apple.com', 'Your receipt from Apple'],
  ['Deliveroo', 'receipts@deliveroo.co.uk', 'Thanks for your order #{n}'],
  ['IKEA', 'orders@ikea.com', 'Order confirmation {n}'],
  ['Deutsche Bahn', 'buchungsbestaetigung@bahn.de', 'Payment confirmation for booking {n}'],
] as const;
const SUBSCRIPTIONS = [
  ['Streamly Billing', 'billing@streamly.com', 'Streamly'],
  ['CloudBox', 'billing@cloudbox.io', 'CloudBox Plus'],
  ['FitGym', 'membership@fitgym.com', 'FitGym membership'],
  ['NewsDaily', 'subscriptions@newsdaily.com', 'NewsDaily Digital'],
] as const;
const TOPICS = ['AI', 'climate', 'housing', 'elections', 'football', 'startups', 'open source', 'travel', 'gardening', 'space'];
const WORK_SUBJECTS = [
  'Can you review the {topic} proposal by tomorrow?',
  'Project {topic}: deadline moved to Friday',
  'Slides for the client meeting',
  'Could you approve the budget for Q{q}?',
  'Following up on the {topic} contract',
  'Sprint {n} release notes',
  'Quick question about the roadmap',
  'Please sign off on the {topic} spec',
];
const PERSONAL_SUBJECTS = ['Lunch on {day}?', 'Photos from the weekend', 'Happy birthday!', 'Dinner plans', 'Are you coming to the party?', 'Re: holiday in {topic}', 'Long time no see'];
const MEETINGS = ['Design review', 'Weekly sync', '1:1', 'Sprint planning', 'Quarterly business review', 'Customer call', 'Team lunch', 'Roadmap workshop', 'Incident retro', 'Interview'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
const fill = (rand: Rand, template: string): string =>
  template
    .replaceAll('{n}', String(1 + Math.floor(rand() * 900)))
    .replaceAll('{q}', String(1 + Math.floor(rand() * 4)))
    .replaceAll('{day}', pick(rand, DAYS))
    .replaceAll('{topic}', pick(rand, TOPICS));
const personName = (rand: Rand) => `${pick(rand, FIRST_NAMES)} ${pick(rand, LAST_NAMES)}`;
const localPart = (name: string) => name.toLowerCase().replace(/[^a-z]+/g, '.');

/** Each user belongs to one of a few organisations, so colleagues share a mail domain. */
export function benchUsers(count: number, runId: string): Omit<BenchUser, 'id'>[] {
  const rand = seededRandom(7);
  return Array.from({ length: count }, (_, index) => {
    const name = personName(rand);
    const org = ORGS[index % ORGS.length] as string;
    return { name, org, email: `${localPart(name)}.${runId}.${index}@${org}` };
  });
}

/** An endless, seeded, realistic stream of signals spread over the users, every externalId unique. */
export function signalStream(users: readonly BenchUser[], prefix: string, seed: number, now: Date): () => Signal {
  const rand = seededRandom(seed);
  let sequence = 0;
  // A few contacts per user, so sender history builds up the way it does in a real mailbox.
  const friends = users.map(() => Array.from({ length: 6 }, () => personName(rand)).map((n) => `${n} <${localPart(n)}@${pick(rand, PUBLIC_MAIL)}>`));
  const colleagues = users.map((user) => Array.from({ length: 8 }, () => personName(rand)).map((n) => `${n} <${localPart(n)}@${user.org}>`));
  return () => {
    const userIndex = Math.floor(rand() * users.length);
    const user = users[userIndex] as BenchUser;
    const id = `${prefix}${(sequence++).toString(16).padStart(7, '0')}`;
    const occurredAt = new Date(now.getTime() - Math.floor(rand() * 3 * 86_400_000)).toISOString();
    const kind = chooseKind(rand());
    if (kind === 'calendar') return invitation(rand, user, pick(rand, colleagues[userIndex] ?? []), id, now, occurredAt);
    const base = { to: [user.email], cc: [] as string[], labels: ['INBOX', 'UNREAD'], listUnsubscribe: null as string | null };
    let data: MailBody;
    if (kind === 'newsletter') {
      const [name, address, subject] = pick(rand, NEWSLETTERS);
      const domain = address.split('@')[1] ?? 'example.com';
      const title = fill(rand, subject);
      data = { ...base, from: `${name} <${address}>`, subject: title, snippet: `${title}. Read online.`, labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'], listUnsubscribe: `<mailto:unsubscribe@${domain}>, <https://${domain}/unsubscribe>`, bodyText: `${title}\n\nYour weekly newsletter digest.\n\nUnsubscribe at any time.` };
    } else if (kind === 'receipt') {
      const [name, address, subject] = pick(rand, MERCHANTS);
      const amount = `$${(2 + rand() * 180).toFixed(2)}`;
      const title = fill(rand, subject);
      data = { ...base, from: `${name} <${address}>`, subject: title, snippet: `Total paid ${amount}`, labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'], bodyText: `Thank you for your purchase.\nTotal paid: ${amount}\nTransaction ID ${id}` };
    } else if (kind === 'renewal') {
      const [name, address, product] = pick(rand, SUBSCRIPTIONS);
      const amount = `$${(5 + Math.floor(rand() * 20) * 5).toFixed(2)}`;
      const renews = new Date(now.getTime() + (3 + Math.floor(rand() * 20)) * 86_400_000).toISOString().slice(0, 10);
      data = { ...base, from: `${name} <${address}>`, subject: `Your ${product} subscription renews on ${renews}`, snippet: `Your plan will renew automatically for ${amount}`, labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'], bodyText: `Hi ${user.name}, your ${product} subscription will renew on ${renews} for ${amount}. Manage your subscription in your account.` };
    } else if (kind === 'personal') {
      const subject = fill(rand, pick(rand, PERSONAL_SUBJECTS));
      data = { ...base, from: pick(rand, friends[userIndex] ?? []), subject, snippet: `Hi ${user.name.split(' ')[0]}, how are you?`, labels: ['INBOX', 'UNREAD', 'CATEGORY_PERSONAL'], bodyText: `Hi ${user.name.split(' ')[0]},\n\n${subject} It has been a while, we miss you. Let me know!\n\nCheers` };
    } else {
      const subject = fill(rand, pick(rand, WORK_SUBJECTS));
      const cc = rand() < 0.3 ? [pick(rand, colleagues[userIndex] ?? [])] : [];
      data = { ...base, cc, from: pick(rand, colleagues[userIndex] ?? []), subject, snippet: subject, bodyText: `Hi ${user.name.split(' ')[0]},\n\n${subject} The document is in the shared drive; please get back to me when you get a chance.\n\nThanks` };
    }
    const signal: EmailSignal = {
      userId: user.id,
      source: 'gmail',
      externalId: id,
      type: 'email.received',
      occurredAt,
      data: { messageId: id, threadId: rand() < 0.2 ? `${prefix}thread${Math.floor(rand() * 50)}` : id, ...data },
    };
    return signal;
  };
}

function chooseKind(roll: number): SignalKind {
  let sum = 0;
  for (const [kind, share] of SIGNAL_MIX) {
    sum += share;
    if (roll < sum) return kind;
  }
  return 'newsletter';
}

function invitation(rand: Rand, user: BenchUser, organizerHeader: string, id: string, now: Date, occurredAt: string): CalendarSignal {
  const organizer = /<([^>]+)>/.exec(organizerHeader)?.[1] ?? 'organizer@example.com';
  const day = new Date(now.getTime() + (1 + Math.floor(rand() * 14)) * 86_400_000);
  day.setUTCHours(7 + Math.floor(rand() * 10), rand() < 0.5 ? 0 : 30, 0, 0);
  const end = new Date(day.getTime() + (rand() < 0.7 ? 30 : 60) * 60_000);
  const eventId = `ev${id}`;
  return {
    userId: user.id,
    source: 'calendar',
    externalId: `primary/${eventId}@1`,
    type: 'calendar.event',
    occurredAt,
    data: {
      eventId,
      calendarId: 'primary',
      status: 'confirmed',
      summary: pick(rand, MEETINGS),
      start: day.toISOString(),
      end: end.toISOString(),
      allDay: false,
      organizer,
      recurringEventId: null,
      attendees: [
        { email: user.email, self: true, responseStatus: rand() < 0.8 ? 'needsAction' : 'accepted' },
        { email: organizer, responseStatus: 'accepted' },
      ],
    },
  };
}
