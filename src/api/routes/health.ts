import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../context.js';

/** Liveness answers as soon as HTTP is served; readiness only once the database is connected and migrated. */
export function healthRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/api/health/live', { config: { audience: 'public' } }, async () => ({ status: 'pass' }));
    app.get('/api/health/ready', { config: { audience: 'public' } }, async (_request, reply) => {
      const checks = await deps.readiness();
      const ok = checks.every((check) => check.ok);
      return reply
        .status(ok ? 200 : 503)
        .type('application/health+json')
        .send({
          status: ok ? 'pass' : 'fail',
          demoMode: deps.demoMode,
          checks: Object.fromEntries(
            checks.map((check) => [check.name, [{ status: check.ok ? 'pass' : 'fail', output: check.detail }]]),
          ),
        });
    });
  };
}
