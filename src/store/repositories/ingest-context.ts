import { sql, type ExpressionBuilder, type Kysely, type RawBuilder } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { AutonomySettings, Domain, SenderHistory, TwinProfile } from '../../domain/index.js';
import { DOMAINS, NEW_DOMAIN_APPROVALS } from '../../domain/index.js';
import type { Schema } from '../schema.js';
import { newestAnswerId, type AnswerMark } from './answers.js';
import type { CalendarEventRow } from './history.js';
import { toInt } from './parse.js';
import { settingsFromRows } from './settings.js';
import { signalKey } from './signals.js';
import { twinFromRows } from './twin.js';

export interface IngestContextQuery {
  userId: string;
  /** The batch's signals; those stored before come back in `existing`. */
  keys: { source: string; externalId: string }[];
  /** Senders and organizers of the batch's new signals. */
  counterparts: string[];
  /** Stored versions of these events, and accepted events overlapping [from, to); null: no calendar signals. */
  calendar: { calendarIds: string[]; eventIds: string[]; from: Date; to: Date } | null;
  now: Date;
}

/** Everything the pipeline needs to decide a user's batch, as the store saw it at one instant. */
export interface IngestContext {
  email: string;
  settings: AutonomySettings;
  twin: TwinProfile;
  /** Decisions already made for signals of the batch, keyed by `source/externalId`. */
  existing: Map<string, string>;
  spentLast24hCents: number;
  /** Actions run or queued per domain: the policy's "first 10 actions in a new domain" rule counts these. */
  executedInDomain: Record<Domain, number>;
  senders: Map<string, SenderHistory>;
  calendarEvents: CalendarEventRow[];
  /** The user's newest answer and zone: whether the cached temporal profile is current. */
  answerMark: AnswerMark;
}

const DAY_MS = 24 * 3_600_000;
const EXECUTED_STATES = ['pending', 'running', 'succeeded'];
const INERT_ACTIONS = ['do_nothing', 'flag_for_review'];
const CALENDAR_COLUMNS = ['calendar_id', 'event_id', 'summary', 'starts_at', 'ends_at', 'status', 'self_response'] as const;

/**
 * Reads a user's whole decision context in one statement (each part a JSON subquery), so a
 * single-signal ingest pays one round trip for its reads instead of eleven. Null: no such user.
 */
export async function loadIngestContext(db: Kysely<Schema>, query: IngestContextQuery): Promise<IngestContext | null> {
  const { userId, now } = query;
  const externalIds = [...new Set(query.keys.map((key) => key.externalId))];
  const sources = [...new Set(query.keys.map((key) => key.source))];
  const counterparts = [...new Set(query.counterparts)];
  const calendar = query.calendar && query.calendar.eventIds.length > 0 ? query.calendar : null;
  const row = await db
    .selectFrom('users')
    .where('users.id', '=', userId)
    .select((eb) => [
      'users.email',
      jsonObjectFrom(eb.selectFrom('user_settings').selectAll().where('user_settings.user_id', '=', userId)).as('settings'),
      jsonArrayFrom(eb.selectFrom('domain_autonomy').selectAll().where('domain_autonomy.user_id', '=', userId)).as('domains'),
      jsonObjectFrom(eb.selectFrom('twin_profiles').select(['version', 'trust']).where('twin_profiles.user_id', '=', userId)).as('profile'),
      jsonArrayFrom(
        eb
          .selectFrom('preferences')
          .select(['key', 'domain', 'value', 'confidence', 'source', 'evidence', 'updated_at'])
          .where('preferences.user_id', '=', userId)
          .orderBy('key'),
      ).as('preferences'),
      eb
        .selectFrom('spend_tracking')
        .select(sql<string | null>`sum(amount_cents)`.as('total'))
        .where('spend_tracking.user_id', '=', userId)
        .where('spent_at', '>', new Date(now.getTime() - DAY_MS))
        .where('spent_at', '<=', now)
        .as('spent'),
      ...DOMAINS.map((domain) => executedUpTo(eb, userId, domain, NEW_DOMAIN_APPROVALS).as(`executed_${domain}`)),
      newestAnswerId(eb, userId),
      orEmpty(
        externalIds.length > 0,
        () =>
          jsonArrayFrom(
            eb
              .selectFrom('signals')
              .innerJoin('decisions', 'decisions.signal_id', 'signals.id')
              .select(['signals.source', 'signals.external_id', 'decisions.id'])
              .where('signals.user_id', '=', userId)
              // The whole unique key, so the lookup is bounded by the batch, not the user's history.
              .where('signals.source', 'in', sources)
              .where('signals.external_id', 'in', externalIds),
          ),
      ).as('existing'),
      orEmpty(
        counterparts.length > 0,
        () =>
          jsonArrayFrom(
            eb
              .selectFrom('sender_history')
              // By primary key: one row per sender of the batch, however long the history behind it.
              .select(['counterpart', 'seen_count', 'replied_count'])
              .where('sender_history.user_id', '=', userId)
              .where('sender_history.counterpart', 'in', counterparts),
          ),
      ).as('senders'),
      orEmpty(
        calendar !== null,
        () =>
          jsonArrayFrom(
            eb
              .selectFrom('calendar_events')
              .select(CALENDAR_COLUMNS)
              .where('calendar_events.user_id', '=', userId)
              .where('calendar_id', 'in', calendar?.calendarIds ?? [])
              .where('event_id', 'in', calendar?.eventIds ?? []),
          ),
      ).as('calendar'),
      orEmpty(
        calendar !== null,
        () =>
          jsonArrayFrom(
            eb
              .selectFrom('calendar_events')
              .select(CALENDAR_COLUMNS)
              .where('calendar_events.user_id', '=', userId)
              // Read by end (calendar_events_user_end): events ending after the batch starts are the
              // calendar ahead, a set that does not grow with the years behind it.
              .where('ends_at', '>', calendar?.from ?? now)
              .where('starts_at', '<', calendar?.to ?? now)
              .where('self_response', '=', 'accepted')
              .where('status', '!=', 'cancelled'),
          ),
      ).as('overlapping'),
    ])
    .executeTakeFirst();
  if (!row) return null;

  const senders = new Map<string, SenderHistory>(counterparts.map((c) => [c, { seenCount: 0, repliedCount: 0 }]));
  for (const stored of row.senders) {
    const history = senders.get(stored.counterpart);
    if (history) {
      history.seenCount = toInt(stored.seen_count);
      history.repliedCount = toInt(stored.replied_count);
    }
  }
  const settings = settingsFromRows(row.settings, row.domains);
  const counted = row as Record<string, unknown>;
  const executedInDomain = Object.fromEntries(DOMAINS.map((domain) => [domain, toInt(counted[`executed_${domain}`] as string | null)])) as Record<Domain, number>;
  await countOnPastDefaultRamp(db, userId, settings, executedInDomain);
  return {
    email: row.email,
    settings,
    twin: twinFromRows(userId, row.profile, row.preferences),
    existing: new Map(row.existing.map((found) => [signalKey(found.source, found.external_id), found.id])),
    spentLast24hCents: toInt(row.spent),
    executedInDomain,
    senders,
    answerMark: { newestAnswerId: row.newest_answer_id ?? null, quietTimeZone: row.settings?.quiet_time_zone ?? null },
    calendarEvents: [...row.calendar, ...row.overlapping].flatMap((event) => {
      const start = new Date(event.starts_at);
      const end = new Date(event.ends_at);
      // A span stored before dates were bounded may not read back (a year before 1 comes out as
      // "… BC"): such a version is treated as unknown, so later versions of the event still go through.
      if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return [];
      return [{ calendarId: event.calendar_id, eventId: event.event_id, summary: event.summary, start, end, status: event.status, selfResponse: event.self_response }];
    }),
  };
}

/**
 * Actions run or queued in a domain, counted up to `cap`: the policy only asks whether the user's
 * ramp (10 unless they set another) is reached, so the count stops there instead of reading every
 * action the user ever had.
 */
function executedUpTo(eb: ExpressionBuilder<Schema, 'users'>, userId: string, domain: Domain, cap: number) {
  return eb
    .selectFrom((inner) =>
      inner
        .selectFrom('actions')
        .select('actions.id')
        .where('actions.user_id', '=', userId)
        .where('actions.domain', '=', domain)
        .where('actions.kind', '=', 'execute')
        .where('actions.state', 'in', EXECUTED_STATES)
        .where('actions.action_type', 'not in', INERT_ACTIONS)
        .limit(cap)
        .as('counted'),
    )
    .select(sql<string>`count(*)`.as('n'));
}

/** A user whose ramp is longer than the default: count again, up to their ramp, where the first count stopped at the default. */
async function countOnPastDefaultRamp(db: Kysely<Schema>, userId: string, settings: AutonomySettings, executed: Record<Domain, number>): Promise<void> {
  const ramp = settings.trustProgression.newDomainApprovals;
  if (!(Number.isInteger(ramp) && ramp > NEW_DOMAIN_APPROVALS)) return;
  const capped = DOMAINS.filter((domain) => executed[domain] >= NEW_DOMAIN_APPROVALS);
  if (capped.length === 0) return;
  const row = await db
    .selectFrom('users')
    .where('users.id', '=', userId)
    .select((eb) => capped.map((domain) => executedUpTo(eb, userId, domain, ramp).as(domain)))
    .executeTakeFirstOrThrow();
  const counts = row as Record<string, string | null>;
  for (const domain of capped) executed[domain] = toInt(counts[domain] ?? null);
}

/** The subquery when it has something to look for; otherwise an empty array, since `IN ()` is not SQL. */
function orEmpty<T>(wanted: boolean, subquery: () => RawBuilder<T[]>): RawBuilder<T[]> {
  return wanted ? subquery() : sql<T[]>`'[]'::json`;
}
