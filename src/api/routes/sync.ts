import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../errors/index.js';
import { reportSync, syncTargets, syncView } from '../../services/index.js';
import { assertCanSee, assertOwner, type AppDeps } from '../context.js';
import { AnyObject, UserParams, WorkerId, withErrors } from '../schemas.js';

const Timestamp = Type.String({ format: 'date-time' });
const SourceReport = Type.Object(
  {
    source: Type.Union([Type.Literal('gmail'), Type.Literal('calendar')]),
    resource: Type.String({ maxLength: 300 }),
    ok: Type.Boolean(),
    cursor: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 2048 }), Type.Null()])),
    error: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    nextPollAt: Type.Union([Timestamp, Type.Null()]),
  },
  { additionalProperties: false },
);
const Breaker = Type.Object(
  {
    state: Type.Union([Type.Literal('closed'), Type.Literal('open'), Type.Literal('half_open')]),
    consecutiveFailures: Type.Integer({ minimum: 0 }),
    openUntil: Type.Union([Timestamp, Type.Null()]),
    snapshot: Type.Unknown(),
  },
  { additionalProperties: false },
);
const Report = Type.Object(
  { sources: Type.Array(SourceReport, { maxItems: 60 }), breaker: Type.Optional(Breaker), workerId: Type.Optional(WorkerId) },
  { additionalProperties: false },
);
const TokenRequest = Type.Object({ rejected: Type.Optional(Type.String({ maxLength: 4096 })) }, { additionalProperties: false });

/**
 * Sync state for users (`GET /api/users/:userId/sync`) and the worker's internal routes: whom to
 * poll, a current access token (refresh tokens never leave this process), and poll reports.
 */
export function syncRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/api/users/:userId/sync', { config: { audience: 'user' }, schema: { params: UserParams, response: withErrors({ 200: AnyObject }) } }, async (request) => {
      assertCanSee(request, request.params.userId);
      return syncView(deps.services, request.params.userId);
    });

    app.get('/api/internal/sync-targets', { config: { audience: 'internal' }, schema: { response: withErrors({ 200: AnyObject }) } }, async (request) => {
      assertOwner(request);
      return { targets: await syncTargets(deps.services) };
    });

    app.post(
      '/api/internal/users/:userId/google-token',
      { config: { audience: 'internal' }, schema: { params: UserParams, body: TokenRequest, response: withErrors({ 200: AnyObject }) } },
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
      { config: { audience: 'internal' }, schema: { params: UserParams, body: Report, response: withErrors({ 204: Type.Null() }) } },
      async (request, reply) => {
        assertOwner(request);
        await reportSync(deps.services, request.params.userId, request.body);
        return reply.status(204).send(null);
      },
    );
  };
}
