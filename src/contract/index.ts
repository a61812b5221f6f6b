// The HTTP contract: every request and response as a TypeBox schema with its Static<> type,
// declared once and imported by the API's routes, the worker, the dashboard (types only) and tests.
export * from './common.js';
export * from './temporal.js';
