import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../errors/index.js';
import { readSyncView, reportSync, syncTargets } from '../../services/index.js';
import { assertCanSee, assertOwner, type AppDeps } from '../context.js';
import { UserParams, withErrors } from '../schemas.js';
import { GoogleTokenBody, GoogleTokenRequestBody, SyncReportBody, SyncTargetsBody, SyncViewBody } from '../../contract/index.js';

/**
 * Sync state for users (`GET /api/users/:userId/sync`) and the worker's internal routes: whom to
 * poll, a current access token (refresh tokens never leave this process), and poll reports.
 */
export function syncRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/api/users/:userId/sync', { config: { audience: 'user' }, schema: { params: UserParams, response: withErrors({ 200: SyncViewBody }) } }, async (request) => {
      assertCanSee(request, request.params.userId);
      return readSyncView(deps.services, request.params.userId);
    });

    app.get('/api/internal/sync-targets', { config: { audience: 'internal' }, schema: { response: withErrors({ 200: SyncTargetsBody }) } }, async (request) => {
      assertOwner(request);
      return { targets: await syncTargets(deps.services) };
    });

    app.post(
      '/api/internal/users/:userId/google-token',
      { config: { audience: 'internal' }, schema: { params: UserParams, body: GoogleTokenRequestBody, response: withErrors({ 200: GoogleTokenBody }) } },
      async (request, reply) => {
        assertOwner(request);
        if (!deps.google) throw new AppError('google_not_configured', 409, 'Google is not configured');
        const grant = await deps.google.tokens.current(request.params.userId, request.body.rejected);
        void reply.header('cache-control', 'no-store');
        return { accessToken: grant.accessToken, expiresAt: grant.expiresAt.toISOString() };
      },
    );

    app.put(
      '/api/internal/users/:userId/sync',
      { config: { audience: 'internal' }, schema: { params: UserParams, body: SyncReportBody, response: withErrors({ 204: Type.Null() }) } },
      async (request, reply) => {
        assertOwner(request);
        await reportSync(deps.services, request.params.userId, request.body);
        return reply.status(204).send(null);
      },
    );
  };
}
