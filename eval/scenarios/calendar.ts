import { event, USER, type Scenario } from '../scenario.js';
import { NOW } from './mail.js';

// Calendar invitations. An RSVP tells the organizer, so it is only partly reversible: low tier
// never sends one alone, moderate may.

const WARM = { calendar: 10 };
const DANA = 'dana.kim@northwind-labs.com';

const roadmap = () => event('Q1 roadmap review', '2026-11-26T14:00:00+01:00', '2026-11-26T15:00:00+01:00', DANA);

export const calendarScenarios: Scenario[] = [
  // ------------------------------------------------------------ invitation
  {
    id: 'invite-observer',
    description: 'Dana invites to the Q1 roadmap review, observer: shadow accept',
    now: NOW,
    signal: roadmap(),
    expect: { outcome: 'shadow', action: 'rsvp', params: { response: 'accepted' }, kind: 'calendar_invitation', domain: 'calendar' },
  },
  {
    id: 'invite-suggest',
    description: 'the same invitation at suggest: accepting waits for approval',
    now: NOW,
    settings: { trustTiers: { calendar: 'suggest' } },
    signal: roadmap(),
    expect: { outcome: 'needs_approval', action: 'rsvp', params: { response: 'accepted' }, kind: 'calendar_invitation' },
  },
  {
    id: 'invite-low-partly-reversible',
    description: 'low tier with "always accept Dana": an RSVP notifies the organizer (partly reversible), so low asks',
    now: NOW,
    warmUp: WARM,
    settings: { trustTiers: { calendar: 'low' } },
    preferences: { [`calendar.organizer:${DANA}`]: 'rsvp:accepted' },
    signal: roadmap(),
    expect: { outcome: 'needs_approval', action: 'rsvp', params: { response: 'accepted' } },
  },
  {
    id: 'invite-moderate-accept',
    description: 'moderate tier with "always accept Dana", 10 executed: accepts alone',
    now: NOW,
    warmUp: WARM,
    settings: { trustTiers: { calendar: 'moderate' } },
    preferences: { [`calendar.organizer:${DANA}`]: 'rsvp:accepted' },
    signal: roadmap(),
    expect: { outcome: 'auto_execute', action: 'rsvp', params: { response: 'accepted' }, kind: 'calendar_invitation', deferred: false },
  },
  {
    id: 'invite-moderate-cold-start',
    description: 'moderate tier and a rule, but nothing executed in calendar yet: asks',
    now: NOW,
    settings: { trustTiers: { calendar: 'moderate' } },
    preferences: { [`calendar.organizer:${DANA}`]: 'rsvp:accepted' },
    signal: roadmap(),
    expect: { outcome: 'needs_approval', action: 'rsvp' },
  },
  {
    id: 'invite-moderate-tentative-habit',
    description: 'a general habit of answering invitations tentatively',
    now: NOW,
    warmUp: WARM,
    settings: { trustTiers: { calendar: 'moderate' } },
    preferences: { 'calendar.situation:calendar_invitation': 'rsvp:tentative' },
    signal: roadmap(),
    expect: { outcome: 'auto_execute', action: 'rsvp', params: { response: 'tentative' } },
  },
  {
    id: 'invite-moderate-decline-vendor',
    description: 'the user declines vendor webinars: moderate risk, moderate tier declines alone',
    now: NOW,
    warmUp: WARM,
    settings: { trustTiers: { calendar: 'moderate' } },
    preferences: { 'calendar.organizer:events@vendor-webinars.com': 'rsvp:declined' },
    signal: event('Webinar: Scaling Postgres in 2027', '2026-11-27T17:00:00Z', '2026-11-27T18:00:00Z', 'events@vendor-webinars.com'),
    expect: { outcome: 'auto_execute', action: 'rsvp', params: { response: 'declined' } },
  },
  {
    id: 'invite-low-decline-asks',
    description: 'the same decline rule at low tier: asks',
    now: NOW,
    warmUp: WARM,
    settings: { trustTiers: { calendar: 'low' } },
    preferences: { 'calendar.organizer:events@vendor-webinars.com': 'rsvp:declined' },
    signal: event('Webinar: Scaling Postgres in 2027', '2026-11-27T17:00:00Z', '2026-11-27T18:00:00Z', 'events@vendor-webinars.com'),
    expect: { outcome: 'needs_approval', action: 'rsvp', params: { response: 'declined' } },
  },
  {
    id: 'invite-all-day',
    description: 'an all-day company offsite (date-only start/end), suggest',
    now: NOW,
    settings: { trustTiers: { calendar: 'suggest' } },
    signal: event('Company offsite 🏔️', '2026-12-03', '2026-12-04', 'people-ops@northwind-labs.com', { allDay: true }),
    expect: { outcome: 'needs_approval', action: 'rsvp', kind: 'calendar_invitation' },
  },
  {
    id: 'invite-recurring',
    description: 'a weekly 1:1 series instance, suggest',
    now: NOW,
    settings: { trustTiers: { calendar: 'suggest' } },
    signal: event('Ann / Dana 1:1', '2026-11-27T09:30:00+01:00', '2026-11-27T10:00:00+01:00', DANA, { recurringEventId: 'onetoone2026' }),
    expect: { outcome: 'needs_approval', action: 'rsvp', kind: 'calendar_invitation' },
  },
  {
    id: 'invite-big-meeting',
    description: 'an all-hands with 40 guests is still an ordinary invitation',
    now: NOW,
    settings: { trustTiers: { calendar: 'suggest' } },
    signal: event('All-hands: FY27 kickoff', '2026-12-01T16:00:00Z', '2026-12-01T17:00:00Z', 'ceo@northwind-labs.com', {
      attendees: [
        { email: 'ceo@northwind-labs.com', responseStatus: 'accepted' },
        { email: USER, self: true, responseStatus: 'needsAction' },
        ...Array.from({ length: 38 }, (_, i) => ({ email: `staff${i}@northwind-labs.com`, responseStatus: 'needsAction' as const })),
      ],
    }),
    expect: { outcome: 'needs_approval', action: 'rsvp', kind: 'calendar_invitation' },
  },
  {
    id: 'invite-tentative-status',
    description: 'an event the organizer marked tentative, user not answered yet',
    now: NOW,
    settings: { trustTiers: { calendar: 'suggest' } },
    signal: event('Maybe: team dinner', '2026-11-28T19:00:00+01:00', '2026-11-28T22:00:00+01:00', DANA, { status: 'tentative' }),
    expect: { outcome: 'needs_approval', action: 'rsvp', kind: 'calendar_invitation' },
  },
  {
    id: 'invite-odd-case-organizer',
    description: 'organizer written "Dana.Kim@Northwind-Labs.COM": the rule for dana.kim@northwind-labs.com applies',
    now: NOW,
    warmUp: WARM,
    settings: { trustTiers: { calendar: 'moderate' } },
    preferences: { [`calendar.organizer:${DANA}`]: 'rsvp:accepted' },
    signal: event('Design crit', '2026-11-26T16:00:00+01:00', '2026-11-26T17:00:00+01:00', 'Dana.Kim@Northwind-Labs.COM', {
      attendees: [
        { email: 'Dana.Kim@Northwind-Labs.COM', responseStatus: 'accepted' },
        { email: USER, self: true, responseStatus: 'needsAction' },
      ],
    }),
    expect: { outcome: 'auto_execute', action: 'rsvp', params: { response: 'accepted' } },
  },
  {
    id: 'invite-not-an-attendee',
    description: 'an event on the calendar where the user is neither organizer nor attendee: unknown, asks',
    now: NOW,
    settings: { trustTiers: { calendar: 'suggest' } },
    signal: event('Board prep', '2026-11-26T08:00:00Z', '2026-11-26T09:00:00Z', 'ceo@northwind-labs.com', {
      attendees: [{ email: 'ceo@northwind-labs.com', responseStatus: 'accepted' }],
    }),
    expect: { outcome: 'needs_approval', action: 'flag_for_review', kind: 'unknown' },
  },
  {
    id: 'invite-calendar-high-email-observer',
    description: 'tiers are per domain: calendar at high acts while email stays at observer',
    now: NOW,
    warmUp: WARM,
    settings: { trustTiers: { calendar: 'high', email: 'observer' } },
    preferences: { [`calendar.organizer:${DANA}`]: 'rsvp:accepted' },
    signal: roadmap(),
    expect: { outcome: 'auto_execute', action: 'rsvp' },
  },
  {
    id: 'invite-email-high-calendar-observer',
    description: 'email at high does not lend calendar any autonomy: shadow',
    now: NOW,
    warmUp: { email: 10 },
    settings: { trustTiers: { email: 'high', calendar: 'observer' } },
    preferences: { [`calendar.organizer:${DANA}`]: 'rsvp:accepted' },
    signal: roadmap(),
    expect: { outcome: 'shadow', kind: 'calendar_invitation' },
  },
];
