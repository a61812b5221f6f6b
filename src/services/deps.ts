import type { Kysely } from 'kysely';
import type { Clock, IdGenerator } from '../domain/index.js';
import type { BriefingSummarizer, MailInterpreter, ReplyDrafter } from '../llm/index.js';
import type { Schema } from '../store/index.js';
import type { TemporalProfiles } from './temporal-profiles.js';
import type { UserEventBus } from './user-events.js';

/** What the application services need: the database, time, ids, and a nudge for the executor. */
export interface ServiceDeps {
  db: Kysely<Schema>;
  /** Where counters are written (see Database.counters); `db` when absent. */
  counters?: Kysely<Schema>;
  clock: Clock;
  ids: IdGenerator;
  /** Called after a commit that queued actions, so the executor need not wait for its next poll. */
  onActionsQueued: () => void;
  /** The API process's temporal profiles (derived data, cached); absent: derived on each use. */
  temporal?: TemporalProfiles;
  /** This process's live streams, woken after a commit that recorded user events; absent: they poll. */
  events?: UserEventBus;
  /** An optional language model that may name mail the rules leave unknown (SKYTWIN_LLM_URL); absent: rules only. */
  interpreter?: MailInterpreter;
  /** The same model writing reply drafts' text (SKYTWIN_LLM_URL); absent: the rules write them. */
  drafter?: ReplyDrafter;
  /** The same model summing up the daily briefing (SKYTWIN_LLM_URL); absent: the rules' summary. */
  summarizer?: BriefingSummarizer;
}
