import Fastify, { type FastifyInstance } from 'fastify';
import { stdTimeFunctions } from 'pino';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { installBodyGuard } from './body-guard.js';
import type { AppDeps } from './context.js';
import { answerFrameworkError, installErrorHandling } from './plugins/errors.js';
import { installSecurity } from './plugins/security.js';
import { approvalRoutes } from './routes/approvals.js';
import { briefingRoutes } from './routes/briefing.js';
import { connectionRoutes } from './routes/connections.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { decisionRoutes } from './routes/decisions.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { sessionRoutes } from './routes/sessions.js';
import { settingsRoutes } from './routes/settings.js';
import { streamRoutes } from './routes/stream.js';
import { syncRoutes } from './routes/sync.js';
import { syncLeaseRoutes } from './routes/sync-leases.js';
import { twinRoutes } from './routes/twin.js';
import { userRoutes } from './routes/users.js';
import { installLazySerializers, LazySchemas } from './lazy-schemas.js';
import { installValidation } from './validation.js';

/** Builds the HTTP app; only server.ts listens. Tests call it with inject. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    // ISO times, like every other SkyTwin log line, rather than pino's epoch milliseconds.
    logger: deps.logLevel && deps.logLevel !== 'silent' ? { level: deps.logLevel, timestamp: stdTimeFunctions.isoTime } : false,
    bodyLimit: 1024 * 1024,
    frameworkErrors: answerFrameworkError,
  }).withTypeProvider<TypeBoxTypeProvider>();
  installErrorHandling(app);
  // Route schemas compile on their first use, not before the API can listen (see LazySchemas).
  const schemas = new LazySchemas();
  installValidation(app, schemas);
  installLazySerializers(app, schemas);
  installBodyGuard(app);
  installSecurity(app, deps);
  await app.register(healthRoutes(deps));
  await app.register(userRoutes(deps));
  await app.register(eventRoutes(deps));
  await app.register(decisionRoutes(deps));
  await app.register(approvalRoutes(deps));
  await app.register(twinRoutes(deps));
  await app.register(briefingRoutes(deps));
  await app.register(settingsRoutes(deps));
  await app.register(connectionRoutes(deps));
  await app.register(syncRoutes(deps));
  await app.register(syncLeaseRoutes(deps));
  await app.register(sessionRoutes(deps));
  await app.register(streamRoutes(deps));
  await app.register(dashboardRoutes(deps));
  return app;
}
