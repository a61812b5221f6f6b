// Side effects through the durable outbox: the runner that claims and runs actions, the
// ActionExecutor contract, and its implementations (Google, and a recording one for tests).
export type { ActionExecutor, ExecutionOutcome } from './action-executor.js';
export { RecordingExecutor } from './recording-executor.js';
export type { RecordedCall } from './recording-executor.js';
export { OutboxRunner } from './outbox-runner.js';
export type { OutboxRunnerOptions } from './outbox-runner.js';
export { GoogleExecutor } from './google-executor.js';
export type { GoogleAccount } from './google-executor.js';
export { draftMarker, replyMessage } from './google-drafts.js';
export { gmailBriefingDrafts } from './briefing-drafts.js';
