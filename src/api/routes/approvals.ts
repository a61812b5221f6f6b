import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { answerApprovalRequest } from '../../services/index.js';
import { expireApprovals, listApprovalViews } from '../../store/index.js';
import { assertCanSee, assertUserExists, scopeOf, type AppDeps } from '../context.js';
import { AnyObject, IdParams, UserParams, withErrors } from '../schemas.js';

const ListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('expired'), Type.Literal('all')]),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
const Reject = Type.Union([Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }), Type.Null()]);
const Edit = Type.Object(
  { parameters: Type.Record(Type.String({ maxLength: 100 }), Type.Unknown()) },
  { additionalProperties: false },
);

export function approvalRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/api/users/:userId/approvals',
      { config: { audience: 'user' }, schema: { params: UserParams, querystring: ListQuery, response: withErrors({ 200: AnyObject }) } },
      async (request) => {
        const { userId } = request.params;
        assertCanSee(request, userId);
        await expireApprovals(deps.services.db, deps.services.clock.now(), userId);
        const status = request.query.status ?? 'pending';
        const approvals = await listApprovalViews(deps.services.db, {
          userId,
          status: status === 'all' ? null : status,
          limit: request.query.limit ?? 50,
          offset: request.query.offset ?? 0,
        });
        if (approvals.length === 0) await assertUserExists(deps.services, userId);
        return { approvals };
      },
    );

    app.post('/api/approvals/:id/approve', { config: { audience: 'user' }, schema: { params: IdParams, response: withErrors({ 200: AnyObject }) } }, async (request) =>
      answerApprovalRequest(deps.services, request.params.id, { kind: 'approve' }, scopeOf(request)),
    );

    app.post(
      '/api/approvals/:id/reject',
      { config: { audience: 'user' }, schema: { params: IdParams, body: Type.Optional(Reject), response: withErrors({ 200: AnyObject }) } },
      async (request) =>
        answerApprovalRequest(deps.services, request.params.id, { kind: 'reject', reason: request.body?.reason ?? null }, scopeOf(request)),
    );

    app.post(
      '/api/approvals/:id/edit',
      { config: { audience: 'user' }, schema: { params: IdParams, body: Edit, response: withErrors({ 200: AnyObject }) } },
      async (request) =>
        answerApprovalRequest(deps.services, request.params.id, { kind: 'edit', parameters: request.body.parameters }, scopeOf(request)),
    );
  };
}
