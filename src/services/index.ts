// Application services: the use cases behind the API, each one transactional write path.
// Business rules live in the domain; these gather its input and persist its output.
export type { ServiceDeps } from './deps.js';
export { ingestSignals } from './ingest.js';
export type { IngestResult } from './ingest.js';
export { answerApprovalRequest } from './approvals.js';
export type { ApprovalAnswer } from './approvals.js';
export { undoDecision } from './undo.js';
export { giveDecisionFeedback } from './shadow-feedback.js';
export type { ShadowAnswer } from './shadow-feedback.js';
export { createUser } from './users.js';
export { updateSettings } from './settings.js';
export type { SettingsPatch } from './settings.js';
export { readTwin, restatePreference, deletePreference } from './twin.js';
export { hashToken, newToken, sameToken } from './tokens.js';
export { CalendarState } from './calendar-state.js';
export { AccessTokens } from './google-tokens.js';
export type { GoogleTokenEndpoint, TokenGrant } from './google-tokens.js';
export { connectWithRefreshToken, finishGoogleConsent, startGoogleConsent } from './google-connect.js';
export type { GoogleServices } from './google-connect.js';
export { connectionView, reportSync, syncTargets, syncView } from './sync.js';
export type { SyncReportInput, SyncSource, SyncTarget } from './sync.js';
export { claimSyncTargets, releaseSyncTargets, MAX_POLL_LEASE_MS } from './poll-leases.js';
export type { PollLeaseGrant, PollLeaseRequest } from './poll-leases.js';
export { ACTIVE_USER_DAYS, activeHoursOf, TemporalProfiles } from './temporal-profiles.js';
export { readTemporalProfile, temporalProfileOf, temporalSummary } from './temporal.js';
export { ensureDemoUser } from './demo.js';
export type { DemoAccount } from './demo.js';
