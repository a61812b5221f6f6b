import type { Kysely } from 'kysely';
import type { TemporalProfile } from '../domain/index.js';
import { errors } from '../errors/index.js';
import { timingEffects, type AnswerMark, type Schema } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { TemporalProfiles } from './temporal-profiles.js';

/** The process's profiles; services built without them (tools, some tests) derive each time. */
function profilesOf(deps: ServiceDeps): TemporalProfiles {
  return deps.temporal ?? new TemporalProfiles(null);
}

/** The user's temporal profile, read through `db` (a transaction's, when deciding). Null: no such user. */
export function temporalProfileOf(deps: ServiceDeps, db: Kysely<Schema>, userId: string): Promise<TemporalProfile | null> {
  return profilesOf(deps).profileFor(db, userId, deps.clock);
}

/** The same, for a caller that already read the user's newest answer and zone. */
export function temporalProfileAtMark(deps: ServiceDeps, db: Kysely<Schema>, userId: string, mark: AnswerMark): Promise<TemporalProfile> {
  return profilesOf(deps).profileAtMark(db, userId, mark, deps.clock);
}

export async function readTemporalProfile(deps: ServiceDeps, userId: string): Promise<TemporalProfile> {
  const profile = await temporalProfileOf(deps, deps.db, userId);
  if (profile === null) throw errors.notFound('user', userId);
  return profile;
}

/** What the twin view says about the profile: its window and the recent decisions whose timing it changed. */
export async function temporalSummary(deps: ServiceDeps, userId: string) {
  const profile = await temporalProfileOf(deps, deps.db, userId);
  if (profile === null) return null;
  const { start, end, hours, timeZone, source, explanation } = profile.activeWindow;
  return {
    route: `/api/users/${userId}/twin/temporal-profile`,
    activeWindow: { start, end, hours, timeZone, source, explanation },
    basedOn: { answers: profile.basedOn.answers, trusted: profile.basedOn.trusted },
    effects: await timingEffects(deps.db, userId, 50),
  };
}
