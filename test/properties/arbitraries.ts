import fc from 'fast-check';
import type { SettingsSpec, SignalSpec } from '../../eval/scenario.js';
import { USER } from '../../eval/scenario.js';

// Valid-by-construction signals, settings and twin states: random in what matters to the pipeline
// (who sent it, what it says, amounts, labels, times, attendees), always accepted by the API.

export const DOMAINS_SEEN = ['acme.com', 'mail.acme.com', 'theverge.com', 'northwind-labs.com', 'gmail.com', 'netflix.com', 'bank.example', 'meetup.com'];
const LOCAL_PARTS = ['news', 'newsletter', 'billing', 'no-reply', 'noreply', 'security', 'alerts', 'dana.kim', 'maya.patel84', 'support', 'deals', 'receipts', 'hello', 'notifications'];
const NAMES = ['', 'Acme News', 'Dana Kim', 'Maya Patel', 'Netflix', 'Security Team', '"Doe, Jane"', 'GitHub'];

export const ADDRESSES = LOCAL_PARTS.flatMap((local) => DOMAINS_SEEN.map((domain) => `${local}@${domain}`));

const PHRASES = [
  'security alert', 'new sign-in', 'verification code', 'password reset', 'will renew', 'renews on', 'free trial ends',
  'receipt', 'your order', 'invoice', 'thank you for your purchase', '40% off', 'black friday', 'shop now', 'newsletter',
  'weekly digest', 'issue #12', 'mentioned you', 'has shipped', 'pull request', 'can you', 'please review', 'urgent',
  'by end of day', 'asap', 'lunch', 'birthday', 'dinner on saturday', 'budget', 'deadline', 'contract', 'unsubscribe',
];
const FILLER = ['Hi Ann,', 'quick note', 'see below', 'thanks!', 'Re:', 'FW:', '🔥', '—', 'Q4', 'for the team', ''];

const amount = fc.oneof(
  fc.constant(''),
  fc.integer({ min: 0, max: 250_000 }).chain((cents) =>
    fc.constantFrom(
      `$${(cents / 100).toFixed(2)}`,
      `€${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`,
      `£${(cents / 100).toFixed(2)}`,
      `USD ${(cents / 100).toFixed(2)}`,
      `$${Math.floor(cents / 100).toLocaleString('en-US')}.${String(cents % 100).padStart(2, '0')}`,
    ),
  ),
);

const casing = fc.constantFrom((s: string) => s, (s: string) => s.toUpperCase(), (s: string) => s.toLowerCase());

const text = (maxPhrases: number) =>
  fc
    .tuple(fc.array(fc.constantFrom(...PHRASES, ...FILLER), { maxLength: maxPhrases }), amount, fc.constantFrom('', 'on December 3, 2026', 'by Friday'), casing)
    .map(([words, money, date, cased]) => cased([...words, money, date].filter((w) => w !== '').join(' ')));

const sender = fc
  .tuple(fc.constantFrom(...NAMES), fc.constantFrom(...ADDRESSES, USER), casing)
  .map(([name, raw, cased]) => {
    const address = raw === USER ? USER : cased(raw);
    return name === '' ? address : `${name} <${address}>`;
  });

const labels = fc.subarray(['INBOX', 'UNREAD', 'IMPORTANT', 'CATEGORY_UPDATES', 'CATEGORY_PROMOTIONS', 'CATEGORY_SOCIAL', 'CATEGORY_FORUMS', 'CATEGORY_PERSONAL']);

export const emailSpec: fc.Arbitrary<SignalSpec> = fc
  .record({
    from: sender,
    to: fc.array(fc.constantFrom(USER, ...ADDRESSES), { minLength: 1, maxLength: 15 }),
    cc: fc.array(fc.constantFrom(...ADDRESSES), { maxLength: 5 }),
    subject: text(4),
    snippet: fc.oneof(fc.constant(''), text(5)),
    body: text(12),
    html: fc.boolean(),
    labels,
    listUnsubscribe: fc.option(fc.constantFrom('<mailto:unsubscribe@acme.com>', '<https://theverge.com/u/1>'), { nil: null }),
    extra: fc.option(fc.constantFrom({ trustTier: 'high' }, { tier: 'high', verdict: 'allowed' }, { autonomy: { email: 'high' } }), { nil: undefined }),
  })
  .map((r) => ({
    source: 'gmail' as const,
    from: r.from,
    to: r.to,
    cc: r.cc,
    subject: r.subject,
    snippet: r.snippet,
    bodyText: r.html ? `<html><body><p>${r.body}</p><a href="#">Unsubscribe</a></body></html>` : r.body,
    labels: r.labels,
    listUnsubscribe: r.listUnsubscribe,
    ...(r.extra ? { extra: r.extra } : {}),
  }));

const BASE = Date.parse('2026-11-24T00:00:00Z');
const offsets = ['Z', '+01:00', '-05:00', '+09:00'];

function stamp(ms: number, offset: string): string {
  if (offset === 'Z') return new Date(ms).toISOString().replace('.000Z', 'Z');
  const sign = offset.startsWith('-') ? -1 : 1;
  const shift = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
  return `${new Date(ms + shift).toISOString().slice(0, 19)}${offset}`;
}

export const eventSpec: fc.Arbitrary<SignalSpec> = fc
  .record({
    eventId: fc.constantFrom('ev1', 'ev2', 'ev3', 'ev4', 'ev5', 'ev6'),
    summary: text(3),
    startSlot: fc.integer({ min: 0, max: 14 * 48 }),
    minutes: fc.constantFrom(15, 30, 45, 60, 90, 240),
    offset: fc.constantFrom(...offsets),
    allDay: fc.boolean(),
    organizer: fc.constantFrom(...ADDRESSES.filter((a) => !a.startsWith('no')), USER),
    status: fc.constantFrom('confirmed', 'confirmed', 'tentative', 'cancelled' as const),
    self: fc.option(fc.constantFrom('needsAction', 'needsAction', 'accepted', 'declined', 'tentative' as const), { nil: null }),
    guests: fc.array(fc.constantFrom(...ADDRESSES), { maxLength: 30 }),
  })
  .map((r) => {
    const start = BASE + r.startSlot * 30 * 60_000;
    const end = start + r.minutes * 60_000;
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    return {
      source: 'calendar' as const,
      eventId: r.eventId,
      summary: r.summary,
      start: r.allDay ? day(start) : stamp(start, r.offset),
      end: r.allDay ? day(start + 86_400_000) : stamp(end, r.offset),
      allDay: r.allDay,
      organizer: r.organizer,
      status: r.status,
      attendees: [
        { email: r.organizer, responseStatus: 'accepted' as const },
        ...(r.self === null ? [] : [{ email: USER, self: true, responseStatus: r.self }]),
        ...r.guests.map((email) => ({ email, responseStatus: 'needsAction' as const })),
      ],
    };
  });

export const signalSpec: fc.Arbitrary<SignalSpec> = fc.oneof({ arbitrary: emailSpec, weight: 3 }, { arbitrary: eventSpec, weight: 2 });

const tier = fc.constantFrom('observer', 'suggest', 'low', 'moderate', 'high', 'low', 'moderate', 'high' as const);
const cents = fc.oneof(fc.constantFrom(0, 999, 1000, 1549, 2000, 5000, 100_000), fc.integer({ min: 0, max: 300_000 }));
const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 59)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

export const settingsSpec: fc.Arbitrary<SettingsSpec> = fc.record({
  trustTiers: fc.record({ email: tier, calendar: tier, finance: tier }),
  spendLimits: fc.record({ perActionCents: cents, dailyCents: cents }),
  quietHours: fc.option(
    // Settings refuse a window whose start and end are equal; the policy's own tests cover it.
    fc
      .record({ start: clock, end: clock, timeZone: fc.constantFrom('Europe/Berlin', 'America/Los_Angeles', 'Asia/Tokyo', 'UTC', 'Australia/Adelaide') })
      .filter((window) => window.start !== window.end),
    { nil: null, freq: 2 },
  ),
  blockedDomains: fc.oneof(
    { arbitrary: fc.constant<string[]>([]), weight: 3 },
    { arbitrary: fc.subarray(['acme.com', 'theverge.com', 'netflix.com', 'meetup.com', 'gmail.com']), weight: 1 },
  ),
  domainOverrides: fc.record({
    email: fc.record({ allowIrreversible: fc.subarray(['send_email', 'delete_permanently', 'archive'] as const) }),
    finance: fc.record({
      allowIrreversible: fc.subarray(['approve_renewal'] as const),
      perActionCents: fc.option(cents, { nil: undefined }),
    }),
  }),
});

const SITUATION_KEYS = [
  ...['newsletter', 'promotion', 'notification', 'security_alert', 'personal', 'work_request', 'unknown_sender', 'unknown'].map((k) => `email.situation:${k}`),
  'finance.situation:receipt',
  'finance.situation:subscription_renewal',
  ...['calendar_invitation', 'calendar_conflict', 'calendar_update', 'calendar_cancellation'].map((k) => `calendar.situation:${k}`),
];
const PERSON_KEYS = ADDRESSES.flatMap((a) => [`email.sender:${a}`, `finance.sender:${a}`, `calendar.organizer:${a}`]);
const DOMAIN_KEYS = DOMAINS_SEEN.map((d) => `email.domain:${d}`);
// Situation keys match whenever the kind does, so they get the most weight: most runs then meet a twin with a view.
const key = fc.oneof(
  { arbitrary: fc.constantFrom(...SITUATION_KEYS), weight: 3 },
  { arbitrary: fc.constantFrom(...DOMAIN_KEYS), weight: 1 },
  { arbitrary: fc.constantFrom(...PERSON_KEYS), weight: 1 },
);
const VALUES = [
  'archive', 'label:Receipts', 'label:Newsletters', 'mark_read', 'draft_reply', 'flag_for_review', 'do_nothing', 'approve_renewal',
  'rsvp:accepted', 'rsvp:declined', 'rsvp:tentative', 'send_email', 'delete_permanently', 'share_credentials', 'accept_terms', 'change_security_settings',
];

export const preferencesSpec: fc.Arbitrary<Record<string, string>> = fc
  .array(fc.tuple(key, fc.constantFrom(...VALUES)), { maxLength: 3 })
  .map((pairs) => Object.fromEntries(pairs));

function counterpartOf(spec: SignalSpec): string | null {
  const raw = spec.source === 'gmail' ? spec.from : spec.organizer;
  const address = (/<([^>]+)>/.exec(raw)?.[1] ?? raw).trim().toLowerCase();
  return address.includes('@') && !address.includes(USER.toLowerCase()) ? address : null;
}

/** Preferences aimed at the signal (its sender, its domain, the kinds it may be) mixed with unrelated ones. */
export function preferencesFor(spec: SignalSpec): fc.Arbitrary<Record<string, string>> {
  const who = counterpartOf(spec);
  const aimed =
    spec.source === 'gmail'
      ? [...(who ? [`email.sender:${who}`, `finance.sender:${who}`, `email.domain:${who.slice(who.indexOf('@') + 1)}`] : []), ...SITUATION_KEYS.filter((k) => !k.startsWith('calendar.'))]
      : [...(who ? [`calendar.organizer:${who}`] : []), ...SITUATION_KEYS.filter((k) => k.startsWith('calendar.'))];
  // Values SkyTwin proposes for such signals, so the twin often has a usable view; the rest stay possible.
  const likely =
    spec.source === 'gmail'
      ? ['archive', 'mark_read', 'label:Newsletters', 'label:Receipts', 'label:Promotions', 'draft_reply', 'approve_renewal', 'flag_for_review']
      : ['rsvp:accepted', 'rsvp:declined', 'rsvp:tentative', 'flag_for_review'];
  const value = fc.oneof({ arbitrary: fc.constantFrom(...likely), weight: 4 }, { arbitrary: fc.constantFrom(...VALUES), weight: 1 });
  // A rule for this sender in both domains its mail can land in (email, finance), so it decides either way.
  const senderRule = who === null ? fc.constant({}) : value.map((v) => (spec.source === 'gmail' ? { [`email.sender:${who}`]: v, [`finance.sender:${who}`]: v } : { [`calendar.organizer:${who}`]: v }));
  return fc
    .tuple(fc.option(senderRule, { nil: {}, freq: 3 }), fc.array(fc.tuple(fc.constantFrom(...aimed), value), { maxLength: 2 }), preferencesSpec)
    .map(([rule, pairs, unrelated]) => ({ ...unrelated, ...Object.fromEntries(pairs), ...rule }));
}
