import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { deletePreference, forgetTextModel, preferenceView, readTemporalProfile, readTwinVersions, readTwinView, restatePreference } from '../../services/index.js';
import { assertCanSee, type AppDeps } from '../context.js';
import {
  PreferenceBody,
  PreferenceKeyParams,
  PreferenceRemoved,
  PreferenceSaved,
  TemporalProfileBody,
  TextModelForgotten,
  TwinBody,
  TwinVersionsBody,
  TwinVersionsQuery,
  Uuid,
  withErrors,
} from '../../contract/index.js';

const UserParams = Type.Object({ userId: Uuid });

export function twinRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/api/users/:userId/twin',
      { config: { audience: 'user' }, schema: { params: UserParams, response: withErrors({ 200: TwinBody }) } },
      async (request) => {
        assertCanSee(request, request.params.userId);
        return readTwinView(deps.services, request.params.userId);
      },
    );
    app.get(
      '/api/users/:userId/twin/versions',
      { config: { audience: 'user' }, schema: { params: UserParams, querystring: TwinVersionsQuery, response: withErrors({ 200: TwinVersionsBody }) } },
      async (request) => {
        assertCanSee(request, request.params.userId);
        return readTwinVersions(deps.services, request.params.userId, { cursor: request.query.cursor ?? null, limit: request.query.limit ?? 20 });
      },
    );
    app.get(
      '/api/users/:userId/twin/temporal-profile',
      { config: { audience: 'user' }, schema: { params: UserParams, response: withErrors({ 200: TemporalProfileBody }) } },
      async (request) => {
        assertCanSee(request, request.params.userId);
        return readTemporalProfile(deps.services, request.params.userId);
      },
    );
    app.put(
      '/api/users/:userId/twin/preferences/:key',
      { config: { audience: 'user' }, schema: { params: PreferenceKeyParams, body: PreferenceBody, response: withErrors({ 200: PreferenceSaved }) } },
      async (request) => {
        assertCanSee(request, request.params.userId);
        const saved = await restatePreference(deps.services, request.params.userId, request.params.key, request.body.value);
        return { preference: saved.preference ? preferenceView(saved.preference) : null, version: saved.version };
      },
    );
    app.delete(
      '/api/users/:userId/twin/preferences/:key',
      { config: { audience: 'user' }, schema: { params: PreferenceKeyParams, response: withErrors({ 200: PreferenceRemoved }) } },
      async (request) => {
        assertCanSee(request, request.params.userId);
        return deletePreference(deps.services, request.params.userId, request.params.key);
      },
    );
    app.delete(
      '/api/users/:userId/twin/text-model',
      { config: { audience: 'user' }, schema: { params: UserParams, response: withErrors({ 200: TextModelForgotten }) } },
      async (request) => {
        assertCanSee(request, request.params.userId);
        return forgetTextModel(deps.services, request.params.userId);
      },
    );
  };
}
