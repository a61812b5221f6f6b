import type { ActionType, Domain, Outcome, SituationKind, TrustTier } from '../src/domain/index.js';

/** Where a string says `$USER`, the harness puts the scenario user's own address. */
export const USER = '$USER';

export interface EmailSpec {
  source: 'gmail';
  from: string;
  to?: string[];
  cc?: string[];
  subject: string;
  snippet?: string;
  bodyText?: string;
  labels?: string[];
  listUnsubscribe?: string | null;
  /** Defaults to the scenario clock. */
  occurredAt?: string;
  /** Unknown fields a sender might add; the API keeps them in `data`. */
  extra?: Record<string, unknown>;
}

export interface AttendeeSpec {
  email: string;
  self?: boolean;
  responseStatus?: 'needsAction' | 'accepted' | 'declined' | 'tentative';
  organizer?: boolean;
}

export interface EventSpec {
  source: 'calendar';
  /** Same id in two steps = two versions of one event. */
  eventId?: string;
  summary: string;
  start: string;
  end: string;
  allDay?: boolean;
  organizer: string;
  status?: 'confirmed' | 'tentative' | 'cancelled';
  recurringEventId?: string | null;
  /** Defaults to [organizer (accepted), the user (self, needsAction)]. */
  attendees?: AttendeeSpec[];
  occurredAt?: string;
}

export type SignalSpec = EmailSpec | EventSpec;

/** The settings document of `PUT /api/users/:id/settings`, as a scenario states it. */
export interface SettingsSpec {
  trustTiers?: Partial<Record<Domain, TrustTier>>;
  spendLimits?: { perActionCents?: number; dailyCents?: number };
  quietHours?: { start: string; end: string; timeZone: string } | null;
  blockedDomains?: string[];
  domainOverrides?: Partial<Record<Domain, { perActionCents?: number; dailyCents?: number; allowIrreversible?: ActionType[] }>>;
  trustProgression?: { enabled?: boolean };
}

/** An earlier signal, ingested before the scenario's own one (at `at`, or the scenario clock). */
export interface PriorStep {
  signal: SignalSpec;
  at?: string;
  /**
   * Answer its approval request (if it asked) before going on; or, for a shadow or no-action
   * decision, confirm it, or say which candidate action the user wants: confirmed where SkyTwin
   * chose it, corrected to it elsewhere.
   */
  answer?: 'approve' | 'reject' | 'confirm' | { correct: ActionType };
}

export interface Expectation {
  outcome: Outcome;
  /** Type of the selected candidate; null = nothing selected. */
  action?: ActionType | null;
  /** Parameters the selected candidate must carry (e.g. { response: 'declined' }). */
  params?: Record<string, unknown>;
  kind?: SituationKind;
  domain?: Domain;
  /** auto_execute deferred by quiet hours (true) or due at once (false). */
  deferred?: boolean;
}

export interface Scenario {
  id: string;
  description: string;
  /** The scenario clock when its signal arrives (UTC ISO). */
  now: string;
  /** Domain of the user's own address (decides who counts as a colleague); default northwind-labs.com. */
  userDomain?: string;
  /**
   * Domains that first get `count` (default 10) actions executed, through the API: signals
   * ingested at suggest and approved, their learned preferences removed again afterwards.
   */
  warmUp?: Partial<Record<Domain, number>>;
  settings?: SettingsSpec;
  /** Explicit twin preferences set with PUT /api/users/:id/twin/preferences/:key. */
  preferences?: Record<string, string>;
  prior?: PriorStep[];
  /** A held-apart case only generalisation from similar mail solves (see scenarios/generalisation.ts). */
  generalisation?: boolean;
  signal: SignalSpec;
  expect: Expectation;
}

// ----------------------------------------------------------------- builders

export function email(from: string, subject: string, bodyText: string, more: Omit<Partial<EmailSpec>, 'source'> = {}): EmailSpec {
  return {
    source: 'gmail',
    from,
    subject,
    bodyText,
    snippet: more.snippet ?? bodyText.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120),
    labels: ['INBOX', 'UNREAD'],
    ...more,
  };
}

export function event(summary: string, start: string, end: string, organizer: string, more: Omit<Partial<EventSpec>, 'source'> = {}): EventSpec {
  return { source: 'calendar', summary, start, end, organizer, ...more };
}

/** An invitation the user has already accepted: the store keeps it for conflict checks. */
export function acceptedEvent(eventId: string, summary: string, start: string, end: string, organizer: string): EventSpec {
  return event(summary, start, end, organizer, {
    eventId,
    attendees: [
      { email: organizer, responseStatus: 'accepted' },
      { email: USER, self: true, responseStatus: 'accepted' },
    ],
  });
}

/** An ISO time `hours` before `iso`. */
export function hoursBefore(iso: string, hours: number): string {
  return new Date(new Date(iso).getTime() - hours * 3_600_000).toISOString();
}
