import type { ColumnType, Generated } from 'kysely';

/** jsonb: written as a JSON string (so arrays are not turned into SQL arrays), read back parsed. */
export type Json = ColumnType<unknown, string, string>;
/** int8: node-postgres hands it over as a string; repositories parse it. */
export type Int8 = ColumnType<string, number | string, number | string>;
type Timestamp = ColumnType<Date, Date, Date>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string | null;
  token_hash: string;
  created_at: Timestamp;
}

export interface UserSettingsTable {
  user_id: string;
  per_action_cents: Int8;
  daily_cents: Int8;
  quiet_start: string | null;
  quiet_end: string | null;
  quiet_time_zone: string | null;
  blocked_domains: Json;
  trust_progression: Json;
  /** Null: no briefing draft (the default). */
  briefing_draft?: boolean | null;
  /** Null: the default (3 days). */
  follow_up_after_days?: number | null;
  updated_at: Timestamp;
}

export interface DomainAutonomyTable {
  user_id: string;
  domain: string;
  tier: string;
  per_action_cents: ColumnType<string | null, number | null, number | null>;
  daily_cents: ColumnType<string | null, number | null, number | null>;
  allow_irreversible: Json;
  updated_at: Timestamp;
}

export interface SignalsTable {
  id: Generated<string>;
  user_id: string;
  source: string;
  external_id: string;
  type: string;
  occurred_at: Timestamp;
  data: Json;
  created_at: Timestamp;
}

export interface DecisionsTable {
  id: string;
  user_id: string;
  signal_id: string;
  domain: string;
  situation_kind: string;
  situation: Json;
  counterpart: string | null;
  tier: string;
  outcome: string;
  selected_position: number | null;
  reasons: Json;
  not_before: Date | null;
  /** Every candidate with its risk, prediction and verdict (candidate-document.ts); null only before the upgrade filled it. */
  candidates: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export interface CandidateActionsTable {
  id: Generated<string>;
  decision_id: string;
  position: number;
  action_type: string;
  domain: string;
  parameters: Json;
  reversibility: string;
  estimated_cost_cents: Int8;
  risk_overall: string;
  risk: Json;
  rationale: string;
  prediction: Json;
}

export interface PolicyVerdictsTable {
  id: Generated<string>;
  candidate_id: string;
  decision_id: string;
  verdict: string;
  reasons: Json;
  not_before: Date | null;
  created_at: Timestamp;
}

export interface ExplanationsTable {
  id: Generated<string>;
  decision_id: string;
  summary: string;
  body: Json;
  created_at: Timestamp;
}

export interface ApprovalRequestsTable {
  id: Generated<string>;
  user_id: string;
  decision_id: string;
  candidate_id: string;
  status: string;
  urgency: string;
  expires_at: Timestamp;
  responded_at: Date | null;
  response: ColumnType<unknown, string | null, string | null>;
  created_at: Timestamp;
}

export interface ActionsTable {
  id: Generated<string>;
  user_id: string;
  decision_id: string;
  candidate_id: string;
  kind: string;
  undo_of: string | null;
  action_type: string;
  domain: string;
  parameters: Json;
  reversibility: string;
  estimated_cost_cents: Int8;
  authorized_by: string;
  idempotency_key: string;
  state: string;
  attempts: number;
  lease_until: Date | null;
  not_before: Date | null;
  result: ColumnType<unknown, string | null, string | null>;
  error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SpendTrackingTable {
  id: Generated<string>;
  user_id: string;
  action_id: string;
  domain: string;
  amount_cents: Int8;
  spent_at: Timestamp;
}

export interface TwinProfilesTable {
  user_id: string;
  version: number;
  trust: Json;
  updated_at: Timestamp;
}

export interface TwinVersionsTable {
  id: Generated<string>;
  user_id: string;
  version: number;
  reason: string;
  changes: Json;
  /** Null for versions written before 0060. */
  diff: ColumnType<unknown, string | null | undefined, string | null>;
  feedback_id: string | null;
  created_at: Timestamp;
}

export interface PreferencesTable {
  id: Generated<string>;
  user_id: string;
  key: string;
  domain: string;
  value: string;
  confidence: number;
  source: string;
  evidence: Json;
  updated_at: Timestamp;
}

export interface FeedbackEventsTable {
  id: string;
  user_id: string;
  decision_id: string | null;
  kind: string;
  payload: Json;
  twin_version: number;
  created_at: Timestamp;
}

export interface CalendarEventsTable {
  user_id: string;
  calendar_id: string;
  event_id: string;
  summary: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: string;
  self_response: string | null;
  updated_at: Timestamp;
}

export interface GoogleConnectionsTable {
  user_id: string;
  status: string;
  account_email: string | null;
  scopes: Json;
  calendars: Json;
  refresh_token_sealed: string;
  status_reason: string | null;
  breaker: ColumnType<unknown, string | null, string | null>;
  /** The worker's last reported Gmail quota use; null until it reports one. */
  quota: ColumnType<unknown, string | null | undefined, string | null>;
  connected_at: Timestamp;
  updated_at: Timestamp;
}

export interface SyncStateTable {
  user_id: string;
  source: string;
  resource: string;
  cursor: string | null;
  cursor_at: Timestamp | null;
  last_attempt_at: Timestamp | null;
  last_success_at: Timestamp | null;
  last_error: string | null;
  next_poll_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface OAuthFlowsTable {
  state: string;
  user_id: string;
  verifier_sealed: string;
  redirect_uri: string;
  expires_at: Timestamp;
  created_at: Timestamp;
}

export interface RateLimitWindowsTable {
  user_id: string;
  window_start: Timestamp;
  requests: number;
}

export interface PollLeasesTable {
  user_id: string;
  /** The worker id holding the lease; '' when free. */
  holder: string;
  lease_until: Timestamp;
  updated_at: Timestamp;
}

export interface PollWorkersTable {
  worker_id: string;
  seen_until: Timestamp;
}

export interface SignInCodesTable {
  code_hash: string;
  user_id: string | null;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string | null;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  created_at: Timestamp;
}

export interface UserEventsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  payload: Json;
  created_at: Timestamp;
}

/** A language model's usable answer for one message, per model and prompt version (a cache). */
export interface ModelInterpretationsTable {
  user_id: string;
  message_id: string;
  model: string;
  prompt_version: string;
  kind: string;
  confidence: number;
  reason: string;
  created_at: Timestamp;
}

/** Per user and counterpart: decisions about them and executed replies to them that succeeded. */
export interface SenderHistoryTable {
  user_id: string;
  counterpart: string;
  seen_count: Int8;
  replied_count: Int8;
}

/** One user's text model (src/domain/textmodel) as its JSON document, and how many examples it learned. */
export interface TextModelsTable {
  user_id: string;
  model: Json;
  examples: number;
  updated_at: Timestamp;
}

/** The tone learned from a user's replies (src/domain/drafts/tone.ts). */
export interface ToneProfilesTable {
  user_id: string;
  profile: Json;
  updated_at: Timestamp;
}

/** A question the user sent on a thread, waiting on an answer; `decision_id` is the nudge proposed once due. */
export interface FollowUpsTable {
  user_id: string;
  thread_id: string;
  asked_message_id: string;
  counterpart: string;
  counterpart_name: string | null;
  subject: string;
  question: string;
  asked_at: Timestamp;
  due_at: Timestamp;
  closed_at: Timestamp | null;
  /** `answered` or `asked_again`. */
  closed_reason: string | null;
  decision_id: string | null;
  created_at: Timestamp;
}

/** One delivered daily briefing per user and local date, and its optional Gmail draft. */
export interface BriefingDeliveriesTable {
  user_id: string;
  local_date: string;
  delivered_at: Timestamp;
  period_start: Timestamp;
  draft_state: string;
  draft_id: string | null;
  draft_error: string | null;
}

/** Reply text a language model wrote for one message, cached per model and prompt version. */
export interface ModelDraftsTable {
  user_id: string;
  message_id: string;
  model: string;
  prompt_version: string;
  body: string;
  created_at: Timestamp;
}

export interface Schema {
  users: UsersTable;
  user_settings: UserSettingsTable;
  domain_autonomy: DomainAutonomyTable;
  signals: SignalsTable;
  decisions: DecisionsTable;
  candidate_actions: CandidateActionsTable;
  policy_verdicts: PolicyVerdictsTable;
  explanations: ExplanationsTable;
  approval_requests: ApprovalRequestsTable;
  actions: ActionsTable;
  spend_tracking: SpendTrackingTable;
  twin_profiles: TwinProfilesTable;
  twin_versions: TwinVersionsTable;
  preferences: PreferencesTable;
  feedback_events: FeedbackEventsTable;
  calendar_events: CalendarEventsTable;
  google_connections: GoogleConnectionsTable;
  sync_state: SyncStateTable;
  oauth_flows: OAuthFlowsTable;
  rate_limit_windows: RateLimitWindowsTable;
  poll_leases: PollLeasesTable;
  poll_workers: PollWorkersTable;
  sign_in_codes: SignInCodesTable;
  sessions: SessionsTable;
  user_events: UserEventsTable;
  text_models: TextModelsTable;
  sender_history: SenderHistoryTable;
  model_interpretations: ModelInterpretationsTable;
  model_drafts: ModelDraftsTable;
  briefing_deliveries: BriefingDeliveriesTable;
  follow_ups: FollowUpsTable;
  tone_profiles: ToneProfilesTable;
}
