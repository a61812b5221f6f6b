import { acceptedEvent, event, hoursBefore, USER, type Scenario } from '../scenario.js';
import { NOW } from './mail.js';

// Calendar changes around events the user already has: clashes with accepted events, updates
// (cosmetic or moved) and cancellations.

const WARM = { calendar: 10 };
const DANA = 'dana.kim@northwind-labs.com';
const EARLIER = hoursBefore(NOW, 48);

const roadmap = () => event('Q1 roadmap review', '2026-11-26T14:00:00+01:00', '2026-11-26T15:00:00+01:00', DANA);
const standupAccepted = () => acceptedEvent('standup-thu', 'Platform standup', '2026-11-26T10:00:00Z', '2026-11-26T11:00:00Z', 'lead@northwind-labs.com');

export const calendarChangeScenarios: Scenario[] = [
  // -------------------------------------------------------------- conflict
  {
    id: 'conflict-suggest',
    description: 'an invitation overlapping the accepted standup: flagged for the user',
    now: NOW,
    settings: { trustTiers: { calendar: 'suggest' } },
    prior: [{ signal: standupAccepted(), at: EARLIER }],
    signal: event('Vendor call', '2026-11-26T10:30:00Z', '2026-11-26T11:30:00Z', 'sales@acme-vendor.com'),
    expect: { outcome: 'needs_approval', action: 'flag_for_review', kind: 'calendar_conflict' },
  },
  {
    id: 'conflict-moderate-no-twin',
    description: 'moderate tier does not choose between two meetings for the user',
    now: NOW,
    warmUp: WARM,
    settings: { trustTiers: { calendar: 'moderate' } },
    prior: [{ signal: standupAccepted(), at: EARLIER }],
    signal: event('Vendor call', '2026-11-26T10:30:00Z', '2026-11-26T11:30:00Z', 'sales@acme-vendor.com'),
    expect: { outcome: 'needs_approval', action: 'flag_for_review', kind: 'calendar_conflict' },
  },
  {
    id: 'conflict-decline-rule',
    description: 'the user declines this vendor\'s calls: a clashing one is declined alone at moderate',
    now: NOW,
    warmUp: WARM,
    settings: { trustTiers: { calendar: 'moderate' } },
    preferences: { 'calendar.organizer:sales@acme-vendor.com': 'rsvp:declined' },
    prior: [{ signal: standupAccepted(), at: EARLIER }],
    signal: event('Vendor call', '2026-11-26T10:30:00Z', '2026-11-26T11:30:00Z', 'sales@acme-vendor.com'),
    expect: { outcome: 'auto_execute', action: 'rsvp', params: { response: 'declined' }, kind: 'calendar_conflict' },
  },
  {
    id: 'conflict-across-time-zones',
    description: 'standup 10:00–11:00Z; the invitation says 11:30+01:00 (10:30Z): that is a clash',
    now: NOW,
    settings: { trustTiers: { calendar: 'suggest' } },
    prior: [{ signal: standupAccepted(), at: EARLIER }],
    signal: event('Partner sync', '2026-11-26T11:30:00+01:00', '2026-11-26T12:00:00+01:00', 'anna@partner.eu'),
    expect: { outcome: 'needs_approval', kind: 'calendar_conflict' },
  },
  {
    id: 'conflict-adjacent-is-free',
    description: 'a meeting starting exactly when the standup ends does not clash',
    now: NOW,
    settings: { trustTiers: { calendar: 'suggest' } },
    prior: [{ signal: standupAccepted(), at: EARLIER }],
    signal: event('Vendor call', '2026-11-26T11:00:00Z', '2026-11-26T11:30:00Z', 'sales@acme-vendor.com'),
    expect: { outcome: 'needs_approval', action: 'rsvp', kind: 'calendar_invitation' },
  },
  {
    id: 'conflict-declined-event-is-free',
    description: 'overlapping an event the user declined is no clash',
    now: NOW,
    settings: { trustTiers: { calendar: 'suggest' } },
    prior: [
      {
        signal: event('Offsite planning', '2026-11-26T10:00:00Z', '2026-11-26T11:00:00Z', 'lead@northwind-labs.com', {
          eventId: 'planning-thu',
          attendees: [
            { email: 'lead@northwind-labs.com', responseStatus: 'accepted' },
            { email: USER, self: true, responseStatus: 'declined' },
          ],
        }),
        at: EARLIER,
      },
    ],
    signal: event('Vendor call', '2026-11-26T10:30:00Z', '2026-11-26T11:30:00Z', 'sales@acme-vendor.com'),
    expect: { outcome: 'needs_approval', action: 'rsvp', kind: 'calendar_invitation' },
  },
  {
    id: 'conflict-cancelled-event-is-free',
    description: 'the accepted standup was cancelled since: the slot is free again',
    now: NOW,
    settings: { trustTiers: { calendar: 'suggest' } },
    prior: [
      { signal: standupAccepted(), at: EARLIER },
      { signal: { ...standupAccepted(), status: 'cancelled' }, at: hoursBefore(NOW, 24) },
    ],
    signal: event('Vendor call', '2026-11-26T10:30:00Z', '2026-11-26T11:30:00Z', 'sales@acme-vendor.com'),
    expect: { outcome: 'needs_approval', action: 'rsvp', kind: 'calendar_invitation' },
  },
  {
    id: 'conflict-observer',
    description: 'a clash at observer: shadow flag',
    now: NOW,
    prior: [{ signal: standupAccepted(), at: EARLIER }],
    signal: event('Vendor call', '2026-11-26T10:15:00Z', '2026-11-26T10:45:00Z', 'sales@acme-vendor.com'),
    expect: { outcome: 'shadow', action: 'flag_for_review', kind: 'calendar_conflict' },
  },
  // ------------------------------------------------------ update and cancel
  {
    id: 'update-renamed',
    description: 'an accepted meeting was renamed: the calendar already shows it, nothing to do',
    now: NOW,
    settings: { trustTiers: { calendar: 'suggest' } },
    prior: [{ signal: standupAccepted(), at: EARLIER }],
    signal: { ...standupAccepted(), summary: 'Platform standup (new Meet link)' },
    expect: { outcome: 'no_action', action: 'do_nothing', kind: 'calendar_update' },
  },
  {
    id: 'update-observer',
    description: 'a renamed accepted meeting at observer: shadow',
    now: NOW,
    prior: [{ signal: standupAccepted(), at: EARLIER }],
    signal: { ...standupAccepted(), summary: 'Platform standup (room 4.12)' },
    expect: { outcome: 'shadow', action: 'do_nothing', kind: 'calendar_update' },
  },
  {
    id: 'update-own-event',
    description: 'an event the user organizes changed: an update, nothing to do',
    now: NOW,
    settings: { trustTiers: { calendar: 'moderate' } },
    signal: event('Hiring sync', '2026-11-27T13:00:00Z', '2026-11-27T13:30:00Z', USER, {
      attendees: [
        { email: USER, self: true, organizer: true, responseStatus: 'accepted' },
        { email: DANA, responseStatus: 'needsAction' },
      ],
    }),
    expect: { outcome: 'no_action', kind: 'calendar_update' },
  },
  {
    id: 'update-moved',
    description: 'the accepted standup moved from 10:00 to 15:00: worth a look (flag), not silence',
    now: NOW,
    settings: { trustTiers: { calendar: 'suggest' } },
    prior: [{ signal: standupAccepted(), at: EARLIER }],
    signal: { ...standupAccepted(), start: '2026-11-26T15:00:00Z', end: '2026-11-26T16:00:00Z' },
    expect: { outcome: 'needs_approval', action: 'flag_for_review', kind: 'calendar_update' },
  },
  {
    id: 'cancel-suggest',
    description: 'the accepted standup was cancelled: nothing to do',
    now: NOW,
    settings: { trustTiers: { calendar: 'suggest' } },
    prior: [{ signal: standupAccepted(), at: EARLIER }],
    signal: { ...standupAccepted(), status: 'cancelled' },
    expect: { outcome: 'no_action', action: 'do_nothing', kind: 'calendar_cancellation' },
  },
  {
    id: 'cancel-observer',
    description: 'a cancellation at observer: shadow',
    now: NOW,
    signal: { ...roadmap(), status: 'cancelled' },
    expect: { outcome: 'shadow', kind: 'calendar_cancellation' },
  },
  {
    id: 'cancel-flag-rule',
    description: 'the user wants to hear about Dana\'s cancellations (to reschedule): flagging runs alone',
    now: NOW,
    warmUp: WARM,
    settings: { trustTiers: { calendar: 'high' } },
    preferences: { [`calendar.organizer:${DANA}`]: 'flag_for_review' },
    signal: { ...roadmap(), status: 'cancelled' },
    expect: { outcome: 'auto_execute', action: 'flag_for_review', kind: 'calendar_cancellation' },
  },
];
