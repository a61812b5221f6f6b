import type { FastifyPluginAsync } from 'fastify';
import { ingestSignals } from '../../services/index.js';
import { errors } from '../../errors/index.js';
import { scopeOf, type AppDeps } from '../context.js';
import { AnyObject, withErrors } from '../schemas.js';
import { parseSignals } from '../signal-validation.js';

export function eventRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (app) => {
    app.post(
      '/api/events/ingest',
      { config: { audience: 'user' }, bodyLimit: 8 * 1024 * 1024, schema: { response: withErrors({ 200: AnyObject }) } },
      async (request) => {
        const signals = parseSignals(request.body);
        const scope = scopeOf(request);
        const foreign = scope === null ? undefined : signals.find((signal) => signal.userId !== scope);
        if (foreign) throw errors.notFound('user', foreign.userId);
        return { results: await ingestSignals(deps.services, signals) };
      },
    );
  };
}
