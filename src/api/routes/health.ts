import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { HealthLiveBody, HealthReadyBody, type HealthReady } from '../../contract/index.js';
import type { AppDeps } from '../context.js';

/** Liveness answers as soon as HTTP is served; readiness only once the database is connected and migrated. */
export function healthRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/api/health/live', { config: { audience: 'public' }, schema: { response: { 200: HealthLiveBody } } }, async () => ({ status: 'pass' as const }));
    // 503 carries the same health document as 200: which check failed, and why.
    app.get('/api/health/ready', { config: { audience: 'public' }, schema: { response: { 200: HealthReadyBody, 503: HealthReadyBody } } }, async (_request, reply) => {
      const checks = await deps.readiness();
      const ok = checks.every((check) => check.ok);
      const body: HealthReady = {
        status: ok ? 'pass' : 'fail',
        demoMode: deps.demoMode,
        checks: Object.fromEntries(checks.map((check) => [check.name, [{ status: check.ok ? 'pass' : 'fail', output: check.detail }]])),
      };
      return reply.status(ok ? 200 : 503).type('application/health+json').send(body);
    });
  };
}
