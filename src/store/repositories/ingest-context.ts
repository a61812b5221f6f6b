import { sql, type ExpressionBuilder, type Kysely, type RawBuilder } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { AutonomySettings, BusyInterval, Domain, SenderHistory, TextModel, ToneProfile, TwinProfile } from '../../domain/index.js';
import { DOMAINS, emptyTextModel, NEW_DOMAIN_APPROVALS, textModelFromJson, toneFromJson } from '../../domain/index.js';
import type { Schema } from '../schema.js';
import { newestAnswerId, type AnswerMark } from './answers.js';
import type { OpenQuestion } from './follow-ups.js';
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
  /** Accepted or tentative events over [from, to), for the free times a reply draft proposes; null: not needed. */
  freeTime?: { from: Date; to: Date } | null;
  /** Whether to read the tone learned from the user's replies (batches with mail). */
  tone?: boolean;
  /** Whether to read the user's text model (batches with mail). */
  textModel?: boolean;
  /** Threads the batch's mail may answer: the user's open questions asked there come back. */
  threads?: string[];
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
  /** Taken times over `freeTime`, earliest first (at most BUSY_LIMIT); null when not asked for. */
  busy: BusyInterval[] | null;
  /** The tone learned from the user's replies; null when not asked for or nothing learned yet. */
  tone: ToneProfile | null;
  /** The user's text model (empty when it has learned nothing); null when not asked for. */
  textModel: TextModel | null;
  /** The user's open questions on `threads`. */
  openQuestions: OpenQuestion[];
}

const DAY_MS = 24 * 3_600_000;
const EXECUTED_STATES = ['pending', 'running', 'succeeded'];
const INERT_ACTIONS = ['do_nothing', 'flag_for_review'];
const CALENDAR_COLUMNS = ['calendar_id', 'event_id', 'summary', 'starts_at', 'ends_at', 'status', 'self_response'] as const;
/** A week of a busy calendar fits; a free slot is sought only among the earliest of them anyway. */
const BUSY_LIMIT = 300;

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
  const freeTime = query.freeTime ?? null;
  const threads = [...new Set(query.threads ?? [])];
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
      orEmpty(
        freeTime !== null,
        () =>
          jsonArrayFrom(
            eb
              .selectFrom('calendar_events')
              .select(['starts_at', 'ends_at'])
              .where('calendar_events.user_id', '=', userId)
              // By end (calendar_events_user_end), bounded by the horizon and the limit.
              .where('ends_at', '>', freeTime?.from ?? now)
              .where('starts_at', '<', freeTime?.to ?? now)
              .where('self_response', 'in', ['accepted', 'tentative'])
              .where('status', '!=', 'cancelled')
              .orderBy('starts_at')
              .limit(BUSY_LIMIT),
          ),
      ).as('busy'),
      query.tone === true
        ? jsonObjectFrom(eb.selectFrom('tone_profiles').select('profile').where('tone_profiles.user_id', '=', userId)).as('tone')
        : sql<{ profile: unknown } | null>`null`.as('tone'),
      query.textModel === true
        ? jsonObjectFrom(eb.selectFrom('text_models').select('model').where('text_models.user_id', '=', userId)).as('text_model')
        : sql<{ model: unknown } | null>`null`.as('text_model'),
      orEmpty(
        threads.length > 0,
        () =>
          jsonArrayFrom(
            eb
              .selectFrom('follow_ups')
              // By the primary key's prefix (user, thread): bounded by the batch's threads.
              .select(['thread_id', 'asked_message_id', 'asked_at'])
              .where('follow_ups.user_id', '=', userId)
              .where('follow_ups.thread_id', 'in', threads)
              .where('follow_ups.closed_at', 'is', null),
          ),
      ).as('open_questions'),
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
    busy: freeTime !== null ? busyIntervals(row.busy) : null,
    tone: row.tone ? toneFromJson(row.tone.profile) : null,
    textModel: query.textModel === true ? (row.text_model ? textModelFromJson(row.text_model.model) : emptyTextModel()) : null,
    openQuestions: row.open_questions.map((open) => ({ threadId: open.thread_id, askedMessageId: open.asked_message_id, askedAt: new Date(open.asked_at) })),
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

function busyIntervals(rows: readonly { starts_at: unknown; ends_at: unknown }[]): BusyInterval[] {
  return rows.flatMap((event) => {
    const start = new Date(String(event.starts_at));
    const end = new Date(String(event.ends_at));
    return Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) ? [] : [{ start, end }];
  });
}

/** The subquery when it has something to look for; otherwise an empty array, since `IN ()` is not SQL. */
function orEmpty<T>(wanted: boolean, subquery: () => RawBuilder<T[]>): RawBuilder<T[]> {
  return wanted ? subquery() : sql<T[]>`'[]'::json`;
}
