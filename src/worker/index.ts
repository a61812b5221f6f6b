// The worker: a client of SkyTwin's API that polls Google for every connected user, posts new
// signals in batches, and reports cursors and circuit-breaker state back. It never opens the database.
export { Worker } from './worker.js';
export type { SourceSyncer, WorkerOptions } from './worker.js';
export { WorkerApi, ApiRejectedError, WorkerStoppingError } from './api-client.js';
export type { SourceReport, SyncTarget } from './api-client.js';
export { answerOf, matchesContract, OffContractAnswerError } from './answers.js';
export { googleSyncer } from './google-syncer.js';
export type { GoogleSyncerOptions } from './google-syncer.js';
export { apiTokenSource } from './api-tokens.js';
