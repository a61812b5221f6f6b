import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { BriefingBody, UserParams, withErrors } from '../../contract/index.js';
import { readBriefing } from '../../services/index.js';
import { assertCanSee, type AppDeps } from '../context.js';

export function briefingRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/api/users/:userId/briefing',
      { config: { audience: 'user' }, schema: { params: UserParams, response: withErrors({ 200: BriefingBody }) } },
      async (request) => {
        assertCanSee(request, request.params.userId);
        return readBriefing(deps.services, request.params.userId);
      },
    );
  };
}
