import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { answerApprovalRequest, bulkApprove, readApprovalInbox } from '../../services/index.js';
import { assertCanSee, assertUserExists, scopeOf, type AppDeps } from '../context.js';
import {
  ApprovalAnswerResult,
  ApprovalList,
  ApprovalListQuery,
  ApproveBody,
  BulkApproveBody,
  BulkApproveResult,
  EditBody,
  IdParams,
  RejectBody,
  UserParams,
  withErrors,
} from '../schemas.js';

export function approvalRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/api/users/:userId/approvals',
      { config: { audience: 'user' }, schema: { params: UserParams, querystring: ApprovalListQuery, response: withErrors({ 200: ApprovalList }) } },
      async (request) => {
        const { userId } = request.params;
        assertCanSee(request, userId);
        const status = request.query.status ?? 'pending';
        const list = await readApprovalInbox(deps.services, {
          userId,
          status: status === 'all' ? null : status,
          limit: request.query.limit ?? 50,
          cursor: request.query.cursor ?? null,
          offset: request.query.offset ?? 0,
          group: request.query.group ?? null,
        });
        if (list.total === 0) await assertUserExists(deps.services, userId);
        return list;
      },
    );

    app.post(
      '/api/users/:userId/approvals/bulk-approve',
      { config: { audience: 'user' }, schema: { params: UserParams, body: BulkApproveBody, response: withErrors({ 200: BulkApproveResult }) } },
      async (request) => {
        const { userId } = request.params;
        assertCanSee(request, userId);
        await assertUserExists(deps.services, userId);
        return bulkApprove(deps.services, userId, request.body, scopeOf(request));
      },
    );

    app.post(
      '/api/approvals/:id/approve',
      { config: { audience: 'user' }, schema: { params: IdParams, body: ApproveBody, response: withErrors({ 200: ApprovalAnswerResult }) } },
      async (request) =>
        answerApprovalRequest(deps.services, request.params.id, { kind: 'approve', always: request.body?.always === true }, scopeOf(request)),
    );

    app.post(
      '/api/approvals/:id/reject',
      { config: { audience: 'user' }, schema: { params: IdParams, body: RejectBody, response: withErrors({ 200: ApprovalAnswerResult }) } },
      async (request) =>
        answerApprovalRequest(deps.services, request.params.id, { kind: 'reject', reason: request.body?.reason ?? null }, scopeOf(request)),
    );

    app.post(
      '/api/approvals/:id/edit',
      { config: { audience: 'user' }, schema: { params: IdParams, body: EditBody, response: withErrors({ 200: ApprovalAnswerResult }) } },
      async (request) =>
        answerApprovalRequest(deps.services, request.params.id, { kind: 'edit', parameters: request.body.parameters }, scopeOf(request)),
    );
  };
}
