import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { deletePreference, readTemporalProfile, readTwin, restatePreference } from '../../services/index.js';
import { assertCanSee, type AppDeps } from '../context.js';
import { AnyObject, TemporalProfileBody, Uuid, withErrors } from '../schemas.js';

const KeyParams = Type.Object({ userId: Uuid, key: Type.String({ minLength: 3, maxLength: 200 }) });
const PreferenceBody = Type.Object({ value: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export function twinRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/api/users/:userId/twin',
      { config: { audience: 'user' }, schema: { params: Type.Object({ userId: Uuid }), response: withErrors({ 200: AnyObject }) } },
      async (request) => {
        assertCanSee(request, request.params.userId);
        return readTwin(deps.services, request.params.userId);
      },
    );
    app.get(
      '/api/users/:userId/twin/temporal-profile',
      { config: { audience: 'user' }, schema: { params: Type.Object({ userId: Uuid }), response: withErrors({ 200: TemporalProfileBody }) } },
      async (request) => {
        assertCanSee(request, request.params.userId);
        return readTemporalProfile(deps.services, request.params.userId);
      },
    );
    app.put(
      '/api/users/:userId/twin/preferences/:key',
      { config: { audience: 'user' }, schema: { params: KeyParams, body: PreferenceBody, response: withErrors({ 200: AnyObject }) } },
      async (request) => {
        assertCanSee(request, request.params.userId);
        const preference = await restatePreference(deps.services, request.params.userId, request.params.key, request.body.value);
        return { preference };
      },
    );
    app.delete(
      '/api/users/:userId/twin/preferences/:key',
      { config: { audience: 'user' }, schema: { params: KeyParams, response: withErrors({ 200: AnyObject }) } },
      async (request) => {
        assertCanSee(request, request.params.userId);
        return deletePreference(deps.services, request.params.userId, request.params.key);
      },
    );
  };
}
