import { generateMail, type MailKind } from './content.js';
import { createRandom } from './random.js';
import type { AccountInput, AddedMessage } from './state/emulator-state.js';
import type { EventInput } from './state/event-input.js';
import type { MailInput } from './state/mail-input.js';
import { addDays, formatInZone, instantOf, localTimeOf } from './timezone.js';

type MaybePromise<T> = T | Promise<T>;

/** What seedDemo needs; both EmulatorState (in process) and EmulatorControl (over HTTP) provide it. */
export interface DemoTarget {
  createAccount(input: AccountInput): MaybePromise<{ email: string; refreshToken: string }>;
  addMessage(email: string, input: MailInput): MaybePromise<AddedMessage>;
  addEvent(email: string, input: EventInput): MaybePromise<Record<string, unknown>>;
  startArrivals(email: string, options: { everyMs: number }): MaybePromise<unknown>;
}

export interface DemoOptions {
  email: string;
  now: Date;
  seed: number;
  /** Calendar zone of a new demo account (default Europe/Berlin). */
  timeZone?: string;
  /** Keep generated mail arriving at this interval (e.g. 60000); omitted: no arrivals. */
  arrivalsEveryMs?: number;
}

export type DemoEventKind = 'accepted' | 'invitation' | 'conflicting_invitation' | 'declined' | 'all_day' | 'recurring';

export interface DemoSummary {
  email: string;
  /** Null when the account existed already. */
  refreshToken: string | null;
  messages: { id: string; kind: MailKind | 'reply' | 'unanswered_question' }[];
  events: { id: string; summary: string; kind: DemoEventKind }[];
}

/** How many messages of each kind the demo inbox holds (50 in all, beside a 3-message thread and an unanswered question the user sent). */
const INBOX_PLAN: [MailKind, number][] = [
  ['newsletter', 9],
  ['promotion', 9],
  ['receipt', 7],
  ['notification', 7],
  ['personal', 6],
  ['work_request', 8],
  ['renewal', 1],
  ['security_alert', 1],
];

const HOUR = 3_600_000;

const isConflict = (error: unknown): boolean => (error as { code?: unknown }).code === 409;

/**
 * A realistic demo account: about 50 messages over the last six days and a working week of
 * calendar with accepted meetings, a daily stand-up, invitations awaiting an answer and exactly
 * one invitation that clashes with an accepted meeting. Deterministic for (seed, now).
 */
export async function seedDemo(target: DemoTarget, options: DemoOptions): Promise<DemoSummary> {
  const email = options.email.trim().toLowerCase();
  const zone = options.timeZone ?? 'Europe/Berlin';
  const r = createRandom(options.seed, `demo:${email}`);
  const now = options.now.getTime();
  let refreshToken: string | null = null;
  try {
    refreshToken = (await target.createAccount({ email, timeZone: zone })).refreshToken;
  } catch (error) {
    if (!isConflict(error)) throw error;
  }

  const planned: { kind: MailKind; at: number }[] = INBOX_PLAN.flatMap(([kind, count]) =>
    Array.from({ length: count }, () => ({ kind, at: now - Math.round((0.2 + r.next() * 143) * HOUR) })),
  );
  planned.sort((a, b) => a.at - b.at);
  const messages: DemoSummary['messages'] = [];
  for (const { kind, at } of planned) {
    const input = generateMail(kind, r, { email, date: new Date(at) });
    // Mail older than two days has mostly been read.
    if (now - at > 48 * HOUR && r.chance(0.7)) input.labels = (input.labels ?? []).filter((l) => l !== 'UNREAD');
    const added = await target.addMessage(email, input);
    messages.push({ id: added.id, kind });
  }
  messages.push(...(await seedThread(target, email, now)));

  const events = await seedWeek(target, email, zone, now);
  if (options.arrivalsEveryMs !== undefined && options.arrivalsEveryMs > 0) await target.startArrivals(email, { everyMs: options.arrivalsEveryMs });
  return { email, refreshToken, messages, events };
}

/** A short conversation: a colleague asks, the user answers (SENT), the colleague follows up. */
async function seedThread(target: DemoTarget, email: string, now: number): Promise<DemoSummary['messages']> {
  const domain = email.split('@')[1] ?? 'example.com';
  const bob = `Bob Keller <bob.keller@${domain}>`;
  const rootId = `thread-root.${now}@${domain}`;
  const first = await target.addMessage(email, {
    from: bob,
    subject: 'Offsite venue options',
    text: 'Hi, can you pick one of the three venues by Wednesday? The list is in the planning doc. Bob',
    messageId: rootId,
    date: new Date(now - 30 * HOUR).toISOString(),
    labels: ['INBOX'],
  });
  const reply = await target.addMessage(email, {
    from: email,
    to: bob,
    subject: 'Re: Offsite venue options',
    text: 'The lakeside one looks best. Is the budget confirmed?',
    inReplyTo: rootId,
    messageId: `reply.${now}@${domain}`,
    date: new Date(now - 27 * HOUR).toISOString(),
    labels: ['SENT'],
  });
  const followUp = await target.addMessage(email, {
    from: bob,
    subject: 'Re: Offsite venue options',
    text: 'Budget is confirmed. Please book it today if you can and send me the confirmation. Bob',
    inReplyTo: `reply.${now}@${domain}`,
    date: new Date(now - 3 * HOUR).toISOString(),
    labels: ['INBOX', 'UNREAD', 'IMPORTANT'],
  });
  // A question the user sent four days ago that nobody answered: SkyTwin proposes a nudge for it.
  const unanswered = await target.addMessage(email, {
    from: email,
    to: `Priya Raman <priya.raman@${domain}>`,
    subject: 'Q3 numbers for the planning',
    text: 'Hi Priya,\n\nCould you send me the Q3 numbers before the sprint planning?\n\nThanks',
    date: new Date(now - 4 * 24 * HOUR).toISOString(),
    labels: ['SENT'],
  });
  return [
    { id: first.id, kind: 'work_request' },
    { id: reply.id, kind: 'reply' },
    { id: followUp.id, kind: 'work_request' },
    { id: unanswered.id, kind: 'unanswered_question' },
  ];
}

/** The next five weekdays after today, as civil dates in the account's zone. */
function weekdaysAfter(now: number, zone: string): { year: number; month: number; day: number }[] {
  const local = localTimeOf(now, zone);
  const days: { year: number; month: number; day: number }[] = [];
  for (let offset = 1; days.length < 5; offset += 1) {
    const date = addDays(local, offset);
    const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(date);
  }
  return days;
}

async function seedWeek(target: DemoTarget, email: string, zone: string, now: number): Promise<DemoSummary['events']> {
  const domain = email.split('@')[1] ?? 'example.com';
  const colleague = (name: string): string => `${name}@${domain}`;
  const days = weekdaysAfter(now, zone);
  const at = (dayIndex: number, hour: number, minute = 0): string => {
    const date = days[dayIndex] ?? days[0] ?? { year: 2026, month: 1, day: 1 };
    return formatInZone(instantOf({ ...date, hour, minute, second: 0 }, zone), zone);
  };
  const dateOf = (dayIndex: number, plus = 0): string => {
    const date = addDays(days[dayIndex] ?? { year: 2026, month: 1, day: 1 }, plus);
    return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
  };
  const plan: { kind: DemoEventKind; input: EventInput }[] = [
    {
      kind: 'recurring',
      input: {
        summary: 'Team stand-up',
        start: at(0, 9, 30),
        end: at(0, 9, 45),
        timeZone: zone,
        organizer: colleague('lena.fischer'),
        attendees: [colleague('bob.keller'), colleague('priya.raman')],
        selfResponse: 'accepted',
        recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=10'],
      },
    },
    { kind: 'accepted', input: { summary: 'Design review: onboarding flow', start: at(0, 10), end: at(0, 11), timeZone: zone, organizer: colleague('bob.keller'), attendees: [colleague('priya.raman')], selfResponse: 'accepted', location: 'Room Elbe' } },
    { kind: 'invitation', input: { summary: 'Vendor demo: analytics suite', start: at(0, 15), end: at(0, 15, 45), timeZone: zone, organizer: 'sales@analytics-vendor.example', selfResponse: 'needsAction' } },
    { kind: 'accepted', input: { summary: 'Lunch with Mia', start: at(1, 12, 30), end: at(1, 13, 30), timeZone: zone, organizer: 'mia.schulz@gmail.com', selfResponse: 'accepted', location: 'Café Linde' } },
    { kind: 'accepted', input: { summary: '1:1 Priya', start: at(1, 14), end: at(1, 14, 30), timeZone: zone, attendees: [colleague('priya.raman')] } },
    { kind: 'declined', input: { summary: 'Brown bag: property testing', start: at(1, 16), end: at(1, 17), timeZone: zone, organizer: colleague('lena.fischer'), selfResponse: 'declined' } },
    { kind: 'accepted', input: { summary: 'Customer call: Northwind renewal', start: at(2, 11), end: at(2, 12), timeZone: zone, organizer: colleague('bob.keller'), attendees: ['buyer@northwind.example'], selfResponse: 'accepted' } },
    { kind: 'conflicting_invitation', input: { summary: 'Budget sync', start: at(2, 11, 30), end: at(2, 12, 15), timeZone: zone, organizer: colleague('finance'), selfResponse: 'needsAction' } },
    { kind: 'invitation', input: { summary: 'Architecture guild', start: at(2, 16), end: at(2, 17), timeZone: zone, organizer: colleague('lena.fischer'), attendees: [colleague('bob.keller')], selfResponse: 'needsAction' } },
    { kind: 'accepted', input: { summary: 'Sprint planning', start: at(3, 13), end: at(3, 14, 30), timeZone: zone, attendees: [colleague('bob.keller'), colleague('priya.raman'), colleague('lena.fischer')] } },
    { kind: 'all_day', input: { summary: "Mia's birthday", start: dateOf(3), end: dateOf(3, 1), extra: { transparency: 'transparent' } } },
    { kind: 'invitation', input: { summary: 'Offsite planning', start: at(4, 10), end: at(4, 11), timeZone: zone, organizer: colleague('bob.keller'), attendees: [colleague('priya.raman')], selfResponse: 'needsAction' } },
    { kind: 'accepted', input: { summary: 'Release retro', start: at(4, 15), end: at(4, 16), timeZone: zone, attendees: [colleague('bob.keller'), colleague('lena.fischer')] } },
  ];
  const events: DemoSummary['events'] = [];
  for (const { kind, input } of plan) {
    const created = await target.addEvent(email, input);
    events.push({ id: String(created.id), summary: input.summary ?? '', kind });
  }
  return events;
}
