import { sql, type Kysely } from 'kysely';
import type { Schema } from './schema.js';

/**
 * One DDL statement per step, idempotent, applied in order and recorded in schema_migrations.
 * The SQL keeps to what PGlite, PostgreSQL and CockroachDB all run unchanged.
 */
export const MIGRATIONS: readonly { id: string; sql: string }[] = [
  {
    id: '0001_users',
    sql: `CREATE TABLE IF NOT EXISTS users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL UNIQUE,
      name text,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL)`,
  },
  {
    id: '0002_user_settings',
    sql: `CREATE TABLE IF NOT EXISTS user_settings (
      user_id uuid PRIMARY KEY REFERENCES users (id),
      per_action_cents int8 NOT NULL,
      daily_cents int8 NOT NULL,
      quiet_start text,
      quiet_end text,
      quiet_time_zone text,
      blocked_domains jsonb NOT NULL,
      trust_progression jsonb NOT NULL,
      updated_at timestamptz NOT NULL)`,
  },
  {
    id: '0003_domain_autonomy',
    sql: `CREATE TABLE IF NOT EXISTS domain_autonomy (
      user_id uuid NOT NULL REFERENCES users (id),
      domain text NOT NULL,
      tier text NOT NULL,
      per_action_cents int8,
      daily_cents int8,
      allow_irreversible jsonb NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, domain))`,
  },
  {
    id: '0004_signals',
    sql: `CREATE TABLE IF NOT EXISTS signals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id),
      source text NOT NULL,
      external_id text NOT NULL,
      type text NOT NULL,
      occurred_at timestamptz NOT NULL,
      data jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      UNIQUE (user_id, source, external_id))`,
  },
  {
    id: '0005_decisions',
    sql: `CREATE TABLE IF NOT EXISTS decisions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id),
      signal_id uuid NOT NULL UNIQUE REFERENCES signals (id),
      domain text NOT NULL,
      situation_kind text NOT NULL,
      situation jsonb NOT NULL,
      counterpart text,
      tier text NOT NULL,
      outcome text NOT NULL,
      selected_position int4,
      reasons jsonb NOT NULL,
      not_before timestamptz,
      created_at timestamptz NOT NULL)`,
  },
  {
    id: '0006_decisions_by_user',
    sql: 'CREATE INDEX IF NOT EXISTS decisions_user_created ON decisions (user_id, created_at, id)',
  },
  {
    id: '0007_decisions_by_counterpart',
    sql: 'CREATE INDEX IF NOT EXISTS decisions_user_counterpart ON decisions (user_id, counterpart)',
  },
  {
    id: '0008_candidate_actions',
    sql: `CREATE TABLE IF NOT EXISTS candidate_actions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      decision_id uuid NOT NULL REFERENCES decisions (id),
      position int4 NOT NULL,
      action_type text NOT NULL,
      domain text NOT NULL,
      parameters jsonb NOT NULL,
      reversibility text NOT NULL,
      estimated_cost_cents int8 NOT NULL,
      risk_overall text NOT NULL,
      risk jsonb NOT NULL,
      rationale text NOT NULL,
      prediction jsonb NOT NULL,
      UNIQUE (decision_id, position))`,
  },
  {
    id: '0009_policy_verdicts',
    sql: `CREATE TABLE IF NOT EXISTS policy_verdicts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      candidate_id uuid NOT NULL UNIQUE REFERENCES candidate_actions (id),
      decision_id uuid NOT NULL REFERENCES decisions (id),
      verdict text NOT NULL,
      reasons jsonb NOT NULL,
      not_before timestamptz,
      created_at timestamptz NOT NULL)`,
  },
  {
    id: '0010_explanations',
    sql: `CREATE TABLE IF NOT EXISTS explanations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      decision_id uuid NOT NULL UNIQUE REFERENCES decisions (id),
      summary text NOT NULL,
      body jsonb NOT NULL,
      created_at timestamptz NOT NULL)`,
  },
  {
    id: '0011_approval_requests',
    sql: `CREATE TABLE IF NOT EXISTS approval_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id),
      decision_id uuid NOT NULL UNIQUE REFERENCES decisions (id),
      candidate_id uuid NOT NULL REFERENCES candidate_actions (id),
      status text NOT NULL,
      urgency text NOT NULL,
      expires_at timestamptz NOT NULL,
      responded_at timestamptz,
      response jsonb,
      created_at timestamptz NOT NULL)`,
  },
  {
    id: '0012_approvals_by_user',
    sql: 'CREATE INDEX IF NOT EXISTS approval_requests_user_status ON approval_requests (user_id, status, created_at, id)',
  },
  {
    id: '0013_actions',
    sql: `CREATE TABLE IF NOT EXISTS actions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id),
      decision_id uuid NOT NULL REFERENCES decisions (id),
      candidate_id uuid NOT NULL REFERENCES candidate_actions (id),
      kind text NOT NULL,
      undo_of uuid REFERENCES actions (id),
      action_type text NOT NULL,
      domain text NOT NULL,
      parameters jsonb NOT NULL,
      reversibility text NOT NULL,
      estimated_cost_cents int8 NOT NULL,
      authorized_by text NOT NULL,
      idempotency_key text NOT NULL UNIQUE,
      state text NOT NULL,
      attempts int4 NOT NULL,
      lease_until timestamptz,
      not_before timestamptz,
      result jsonb,
      error text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL)`,
  },
  {
    id: '0014_actions_claimable',
    sql: 'CREATE INDEX IF NOT EXISTS actions_state_created ON actions (state, created_at, id)',
  },
  {
    id: '0015_actions_by_decision',
    sql: 'CREATE INDEX IF NOT EXISTS actions_decision ON actions (decision_id, created_at, id)',
  },
  {
    id: '0016_actions_by_user_domain',
    sql: 'CREATE INDEX IF NOT EXISTS actions_user_domain ON actions (user_id, domain, kind, state)',
  },
  {
    id: '0017_spend_tracking',
    sql: `CREATE TABLE IF NOT EXISTS spend_tracking (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id),
      action_id uuid NOT NULL UNIQUE REFERENCES actions (id),
      domain text NOT NULL,
      amount_cents int8 NOT NULL,
      spent_at timestamptz NOT NULL)`,
  },
  {
    id: '0018_spend_by_user_time',
    sql: 'CREATE INDEX IF NOT EXISTS spend_tracking_user_time ON spend_tracking (user_id, spent_at)',
  },
  {
    id: '0019_twin_profiles',
    sql: `CREATE TABLE IF NOT EXISTS twin_profiles (
      user_id uuid PRIMARY KEY REFERENCES users (id),
      version int4 NOT NULL,
      trust jsonb NOT NULL,
      updated_at timestamptz NOT NULL)`,
  },
  {
    id: '0020_twin_versions',
    sql: `CREATE TABLE IF NOT EXISTS twin_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id),
      version int4 NOT NULL,
      reason text NOT NULL,
      changes jsonb NOT NULL,
      feedback_id uuid,
      created_at timestamptz NOT NULL,
      UNIQUE (user_id, version))`,
  },
  {
    id: '0021_preferences',
    sql: `CREATE TABLE IF NOT EXISTS preferences (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id),
      key text NOT NULL,
      domain text NOT NULL,
      value text NOT NULL,
      confidence float8 NOT NULL,
      source text NOT NULL,
      evidence jsonb NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (user_id, key))`,
  },
  {
    id: '0022_feedback_events',
    sql: `CREATE TABLE IF NOT EXISTS feedback_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id),
      decision_id uuid REFERENCES decisions (id),
      kind text NOT NULL,
      payload jsonb NOT NULL,
      twin_version int4 NOT NULL,
      created_at timestamptz NOT NULL)`,
  },
  {
    id: '0023_calendar_events',
    sql: `CREATE TABLE IF NOT EXISTS calendar_events (
      user_id uuid NOT NULL REFERENCES users (id),
      calendar_id text NOT NULL,
      event_id text NOT NULL,
      summary text NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      status text NOT NULL,
      self_response text,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, calendar_id, event_id))`,
  },
  {
    id: '0024_calendar_events_by_time',
    sql: 'CREATE INDEX IF NOT EXISTS calendar_events_user_time ON calendar_events (user_id, starts_at)',
  },
  {
    id: '0025_google_connections',
    sql: `CREATE TABLE IF NOT EXISTS google_connections (
      user_id uuid PRIMARY KEY REFERENCES users (id),
      status text NOT NULL,
      account_email text,
      scopes jsonb NOT NULL,
      calendars jsonb NOT NULL,
      refresh_token_sealed text NOT NULL,
      status_reason text,
      breaker jsonb,
      connected_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL)`,
  },
  {
    id: '0026_sync_state',
    sql: `CREATE TABLE IF NOT EXISTS sync_state (
      user_id uuid NOT NULL REFERENCES users (id),
      source text NOT NULL,
      resource text NOT NULL,
      cursor text,
      cursor_at timestamptz,
      last_attempt_at timestamptz,
      last_success_at timestamptz,
      last_error text,
      next_poll_at timestamptz,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, source, resource))`,
  },
  {
    id: '0027_oauth_flows',
    sql: `CREATE TABLE IF NOT EXISTS oauth_flows (
      state text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id),
      verifier_sealed text NOT NULL,
      redirect_uri text NOT NULL,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL)`,
  },
  {
    id: '0028_rate_limit_windows',
    sql: `CREATE TABLE IF NOT EXISTS rate_limit_windows (
      user_id uuid NOT NULL REFERENCES users (id),
      window_start timestamptz NOT NULL,
      requests integer NOT NULL,
      PRIMARY KEY (user_id, window_start))`,
  },
  {
    // One row per user with Google credentials: which worker polls them, and until when. A free
    // lease has holder '' and lease_until in 1970.
    id: '0029_poll_leases',
    sql: `CREATE TABLE IF NOT EXISTS poll_leases (
      user_id uuid PRIMARY KEY REFERENCES users (id),
      holder text NOT NULL,
      lease_until timestamptz NOT NULL,
      updated_at timestamptz NOT NULL)`,
  },
  {
    // Workers that claimed recently, holding users or not: the users are shared among them.
    id: '0030_poll_workers',
    sql: `CREATE TABLE IF NOT EXISTS poll_workers (
      worker_id text PRIMARY KEY,
      seen_until timestamptz NOT NULL)`,
  },
  {
    // The temporal profile reads a user's newest answers, newest first: a backwards index range scan.
    id: '0036_feedback_by_user_time',
    sql: 'CREATE INDEX IF NOT EXISTS feedback_events_user_created ON feedback_events (user_id, created_at, id)',
  },
  {
    // One-time dashboard sign-in codes, stored hashed; user_id null: the owner's.
    id: '0040_sign_in_codes',
    sql: `CREATE TABLE IF NOT EXISTS sign_in_codes (
      code_hash text PRIMARY KEY,
      user_id uuid REFERENCES users (id),
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL)`,
  },
  {
    // Dashboard sessions behind the HttpOnly cookie, stored hashed; user_id null: the owner's.
    id: '0041_sessions',
    sql: `CREATE TABLE IF NOT EXISTS sessions (
      token_hash text PRIMARY KEY,
      user_id uuid REFERENCES users (id),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL)`,
  },
  {
    // What the live stream tells a user: written in the same transaction as the change it reports.
    id: '0042_user_events',
    sql: `CREATE TABLE IF NOT EXISTS user_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id),
      kind text NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL)`,
  },
  {
    id: '0043_user_events_by_user_time',
    sql: 'CREATE INDEX IF NOT EXISTS user_events_user_created ON user_events (user_id, created_at, id)',
  },
  {
    // Pruning drops old events of every user at once.
    id: '0044_user_events_by_time',
    sql: 'CREATE INDEX IF NOT EXISTS user_events_created ON user_events (created_at)',
  },
  {
    // "Undo everything SkyTwin did today" reads a user's actions since the start of their day.
    id: '0050_actions_by_user_time',
    sql: 'CREATE INDEX IF NOT EXISTS actions_user_updated ON actions (user_id, updated_at)',
  },
  {
    // Activity reads each decision's confirm or correct answer: one index probe per decision, not a scan.
    id: '0051_feedback_by_decision',
    sql: 'CREATE INDEX IF NOT EXISTS feedback_events_decision ON feedback_events (decision_id)',
  },
  {
    // What each twin version changed, before and after, as data (the dashboard's version history).
    id: '0060_twin_versions_diff',
    sql: 'ALTER TABLE twin_versions ADD COLUMN IF NOT EXISTS diff jsonb',
  },
  {
    // The worker's Gmail quota use for the user, as it last reported it with a poll.
    id: '0061_google_connections_quota',
    sql: 'ALTER TABLE google_connections ADD COLUMN IF NOT EXISTS quota jsonb',
  },
  {
    // A decision's candidates, risk, predictions and verdicts as one document: a row per
    // candidate and per verdict was most of what ingest wrote. Only the selected candidate keeps
    // its candidate_actions and policy_verdicts rows (approvals and actions reference it).
    id: '0070_decisions_candidates',
    sql: 'ALTER TABLE decisions ADD COLUMN IF NOT EXISTS candidates jsonb',
  },
  {
    // Decisions stored before the document existed get it from their candidate and verdict rows.
    id: '0071_decisions_candidates_filled',
    sql: `UPDATE decisions SET candidates = COALESCE((
      SELECT jsonb_agg(jsonb_build_object(
        'id', ca.id,
        'action', jsonb_build_object('type', ca.action_type, 'domain', ca.domain, 'parameters', ca.parameters,
          'reversibility', ca.reversibility, 'estimatedCostCents', ca.estimated_cost_cents),
        'risk', ca.risk, 'rationale', ca.rationale, 'prediction', ca.prediction,
        'verdict', pv.verdict, 'reasons', pv.reasons, 'notBefore', pv.not_before) ORDER BY ca.position)
      FROM candidate_actions ca LEFT JOIN policy_verdicts pv ON pv.candidate_id = ca.id
      WHERE ca.decision_id = decisions.id), '[]'::jsonb)
    WHERE candidates IS NULL`,
  },
  {
    // Ingest reads the accepted events overlapping a new invitation by their end: those ending
    // after it starts are the calendar ahead, which does not grow with the years behind it.
    id: '0075_calendar_events_by_end',
    sql: 'CREATE INDEX IF NOT EXISTS calendar_events_user_end ON calendar_events (user_id, ends_at)',
  },
  {
    // How often each counterpart wrote to or invited a user (their decisions) and how often the
    // user replied (executed replies that succeeded): ingest reads one row per sender instead of
    // counting a history that grows without bound. Written with what they count, in one transaction.
    id: '0080_sender_history',
    sql: `CREATE TABLE IF NOT EXISTS sender_history (
      user_id uuid NOT NULL REFERENCES users (id),
      counterpart text NOT NULL,
      seen_count int8 NOT NULL,
      replied_count int8 NOT NULL,
      PRIMARY KEY (user_id, counterpart))`,
  },
  {
    // The counts of what was stored before the table existed. Sets rather than adds, so running
    // it again gives the same rows.
    id: '0081_sender_history_filled',
    sql: `INSERT INTO sender_history (user_id, counterpart, seen_count, replied_count)
    SELECT user_id, counterpart, sum(seen)::int8, sum(replied)::int8 FROM (
      SELECT user_id, counterpart, 1 AS seen, 0 AS replied FROM decisions WHERE counterpart IS NOT NULL
      UNION ALL
      SELECT a.user_id, d.counterpart, 0 AS seen, 1 AS replied
      FROM actions a JOIN decisions d ON d.id = a.decision_id
      WHERE a.kind = 'execute' AND a.state = 'succeeded' AND a.action_type IN ('draft_reply', 'rsvp')
        AND d.counterpart IS NOT NULL
    ) AS counted
    GROUP BY user_id, counterpart
    ON CONFLICT (user_id, counterpart) DO UPDATE SET seen_count = excluded.seen_count, replied_count = excluded.replied_count`,
  },
  {
    // What a language model proposed for a message (src/llm), keyed by the model and the prompt's
    // version: a re-sync of the same mail does not ask again. Only usable answers are kept.
    id: '0095_model_interpretations',
    sql: `CREATE TABLE IF NOT EXISTS model_interpretations (
      user_id uuid NOT NULL REFERENCES users (id),
      message_id text NOT NULL,
      model text NOT NULL,
      prompt_version text NOT NULL,
      kind text NOT NULL,
      confidence float8 NOT NULL,
      reason text NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, message_id, model, prompt_version))`,
  },
  {
    // The text model of each user's mail (see src/domain/textmodel): a naive Bayes model trained on
    // the user's answers, one small bounded JSON document per user, rewritten with the feedback.
    id: '0085_text_models',
    sql: `CREATE TABLE IF NOT EXISTS text_models (
      user_id uuid PRIMARY KEY REFERENCES users (id),
      model jsonb NOT NULL,
      examples int4 NOT NULL,
      updated_at timestamptz NOT NULL)`,
  },
  {
    // Questions the user sent and is waiting on (src/domain/followups): one row per (thread, asked
    // message), closed by a later message from someone else on the thread (or a newer question of the
    // user's there), or nudged once due.
    id: '0110_follow_ups',
    sql: `CREATE TABLE IF NOT EXISTS follow_ups (
      user_id uuid NOT NULL REFERENCES users (id),
      thread_id text NOT NULL,
      asked_message_id text NOT NULL,
      counterpart text NOT NULL,
      counterpart_name text,
      subject text NOT NULL,
      question text NOT NULL,
      asked_at timestamptz NOT NULL,
      due_at timestamptz NOT NULL,
      closed_at timestamptz,
      closed_reason text,
      decision_id uuid,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, thread_id, asked_message_id))`,
  },
  {
    // The sweep's read: open items by due time, across users.
    id: '0111_follow_ups_due',
    sql: 'CREATE INDEX IF NOT EXISTS follow_ups_due ON follow_ups (due_at, user_id)',
  },
  {
    // Days without an answer after which a question the user sent becomes a follow-up (null: 3).
    id: '0112_user_settings_follow_up_after_days',
    sql: 'ALTER TABLE user_settings ADD COLUMN IF NOT EXISTS follow_up_after_days int4',
  },
  {
    // How each user writes replies (src/domain/drafts/tone.ts): greetings and sign-offs learned from
    // the drafts they edited or approved, one small bounded JSON document per user.
    id: '0100_tone_profiles',
    sql: `CREATE TABLE IF NOT EXISTS tone_profiles (
      user_id uuid PRIMARY KEY REFERENCES users (id),
      profile jsonb NOT NULL,
      updated_at timestamptz NOT NULL)`,
  },
  {
    // The daily briefings delivered (src/services/briefing-delivery.ts): one per user and local date,
    // the primary key is what keeps several API processes from delivering one twice. The optional
    // Gmail draft's state lives beside it so a draft wanted but not yet created is retried.
    id: '0115_briefing_deliveries',
    sql: `CREATE TABLE IF NOT EXISTS briefing_deliveries (
      user_id uuid NOT NULL REFERENCES users (id),
      local_date text NOT NULL,
      delivered_at timestamptz NOT NULL,
      period_start timestamptz NOT NULL,
      draft_state text NOT NULL,
      draft_id text,
      draft_error text,
      PRIMARY KEY (user_id, local_date))`,
  },
  {
    // The sweep's read: drafts wanted and not yet created.
    id: '0116_briefing_deliveries_draft_state',
    sql: 'CREATE INDEX IF NOT EXISTS briefing_deliveries_draft_state ON briefing_deliveries (draft_state, delivered_at)',
  },
  {
    // Whether the daily briefing is also put in the user's Gmail drafts (null: no).
    id: '0117_user_settings_briefing_draft',
    sql: 'ALTER TABLE user_settings ADD COLUMN IF NOT EXISTS briefing_draft boolean',
  },
  {
    // Reply text a language model wrote for a message (src/llm/drafter.ts), keyed by the model and
    // the draft prompt's version: a re-sync of the same mail does not ask again. Only usable texts are kept.
    id: '0105_model_drafts',
    sql: `CREATE TABLE IF NOT EXISTS model_drafts (
      user_id uuid NOT NULL REFERENCES users (id),
      message_id text NOT NULL,
      model text NOT NULL,
      prompt_version text NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, message_id, model, prompt_version))`,
  },
];

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  id text PRIMARY KEY,
  applied_at timestamptz NOT NULL)`;

/** Applies pending steps in order; returns the ids applied. Never run from two processes at once. */
export async function migrate(db: Kysely<Schema>, now: () => Date = () => new Date()): Promise<string[]> {
  await sql.raw(LEDGER).execute(db);
  const done = await sql<{ id: string }>`SELECT id FROM schema_migrations`.execute(db);
  const applied = new Set(done.rows.map((row) => row.id));
  const ran: string[] = [];
  for (const step of MIGRATIONS) {
    if (applied.has(step.id)) continue;
    await sql.raw(step.sql).execute(db);
    await sql`INSERT INTO schema_migrations (id, applied_at) VALUES (${step.id}, ${now()})
              ON CONFLICT (id) DO NOTHING`.execute(db);
    ran.push(step.id);
  }
  return ran;
}

/** True when every known step is recorded: the readiness check. */
export async function isMigrated(db: Kysely<Schema>): Promise<boolean> {
  try {
    const done = await sql<{ id: string }>`SELECT id FROM schema_migrations`.execute(db);
    const applied = new Set(done.rows.map((row) => row.id));
    return MIGRATIONS.every((step) => applied.has(step.id));
  } catch {
    return false;
  }
}
