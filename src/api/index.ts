// The HTTP API and dashboard (Fastify): buildApp for tests, startApi for the real process.
// Routes are thin; the services do the work.
export { buildApp } from './app.js';
export { startApi } from './server.js';
export type { RunningApi, ApiOptions } from './server.js';
export type { AppDeps, ReadinessCheck, Caller } from './context.js';
export { declaredRoutes, requireDeclaredAudience, type Audience, type DeclaredRoute } from './access.js';
export { MAX_JSON_DEPTH } from './body-guard.js';
