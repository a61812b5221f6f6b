import type { Kysely } from 'kysely';
import type { ActiveHours, Clock, TemporalProfile, TimeZoneChoice } from '../domain/index.js';
import { deriveTemporalProfile, PROFILE_ANSWER_LIMIT } from '../domain/index.js';
import { answerMark, recentAnswers, usersAnsweringSince, type AnswerMark, type Schema } from '../store/index.js';

/** Users who answered within this long are rebuilt when the API starts. */
export const ACTIVE_USER_DAYS = 30;
const DAY_MS = 24 * 3_600_000;
const REBUILD_CONCURRENCY = 4;

interface Entry {
  mark: string;
  profile: TemporalProfile;
}

function markOf(mark: AnswerMark): string {
  return `${mark.newestAnswerId ?? '-'}|${mark.quietTimeZone ?? '-'}`;
}

/**
 * Temporal profiles are derived data: never stored, rebuilt from the newest answers when the API
 * starts and kept in this process. Before each use a one-row probe reads the user's newest answer
 * and zone; when another API process (or this one) has recorded an answer since, the profile is
 * derived again, so replicas sharing a database never act on a stale one.
 */
export class TemporalProfiles {
  private readonly cache = new Map<string, Entry>();

  /** `hostTimeZone`: the zone of the machine SkyTwin runs on, for users whose settings name none. */
  constructor(private readonly hostTimeZone: string | null) {}

  /** The user's profile, derived again only when their newest answer or zone changed. Null: no such user. */
  async profileFor(db: Kysely<Schema>, userId: string, clock: Clock): Promise<TemporalProfile | null> {
    const mark = await answerMark(db, userId);
    if (mark === null) return null;
    const cached = this.cache.get(userId);
    if (cached !== undefined && cached.mark === markOf(mark)) return cached.profile;
    return this.derive(db, userId, mark, clock);
  }

  /** The same, when the caller already read the user's mark (ingest reads it with the rest of its context). */
  async profileAtMark(db: Kysely<Schema>, userId: string, mark: AnswerMark, clock: Clock): Promise<TemporalProfile> {
    const cached = this.cache.get(userId);
    if (cached !== undefined && cached.mark === markOf(mark)) return cached.profile;
    return this.derive(db, userId, mark, clock);
  }

  /** Derives the profile of every user who answered in the last ACTIVE_USER_DAYS days; returns how many. */
  async rebuild(db: Kysely<Schema>, clock: Clock): Promise<number> {
    const since = new Date(clock.now().getTime() - ACTIVE_USER_DAYS * DAY_MS);
    const users = await usersAnsweringSince(db, since);
    // A few users at a time: a server database answers them on several connections at once.
    for (let from = 0; from < users.length; from += REBUILD_CONCURRENCY) {
      await Promise.all(
        users.slice(from, from + REBUILD_CONCURRENCY).map(async (userId) => {
          const mark = await answerMark(db, userId);
          if (mark !== null) await this.derive(db, userId, mark, clock);
        }),
      );
    }
    return users.length;
  }

  /** How many profiles this process holds. */
  get size(): number {
    return this.cache.size;
  }

  private async derive(db: Kysely<Schema>, userId: string, mark: AnswerMark, clock: Clock): Promise<TemporalProfile> {
    const answers = await recentAnswers(db, userId, PROFILE_ANSWER_LIMIT);
    const profile = deriveTemporalProfile({ userId, answers, timeZone: this.zoneFor(mark.quietTimeZone), clock });
    // Keyed by what was read, so an answer recorded between the probe and the read is not missed.
    this.cache.set(userId, { mark: markOf({ newestAnswerId: answers[0]?.answerId ?? null, quietTimeZone: mark.quietTimeZone }), profile });
    return profile;
  }

  private zoneFor(quietTimeZone: string | null): TimeZoneChoice {
    if (quietTimeZone !== null) return { name: quietTimeZone, source: 'quiet_hours' };
    if (this.hostTimeZone !== null) return { name: this.hostTimeZone, source: 'host' };
    return { name: 'UTC', source: 'utc' };
  }
}

/** The part of a profile the pipeline acts on. */
export function activeHoursOf(profile: TemporalProfile): ActiveHours {
  const { start, end, hours, timeZone, source, basis } = profile.activeWindow;
  return { start, end, hours, timeZone, source, basis };
}
