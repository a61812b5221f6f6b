// The HTTP contract: every request and response as a TypeBox schema with its Static<> type,
// declared once and imported by the API's routes, the worker, the dashboard (types only) and tests.
export * from './common.js';
export * from './temporal.js';
export * from './briefing.js';
export * from './twin.js';
export * from './settings.js';
export * from './sync-view.js';
export * from './users-view.js';
export * from './health.js';
export * from './ingest.js';
export * from './sync.js';
export * from './sync-leases.js';
export * from './connections.js';
export * from './approvals.js';
export * from './decisions.js';
export * from './sessions.js';
export * from './stream.js';
export * from './users.js';
