import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { giveDecisionFeedback, undoDecision } from '../../services/index.js';
import { listDecisionItems, readDecisionView } from '../../store/index.js';
import { errors } from '../../errors/index.js';
import { assertCanSee, assertUserExists, scopeOf, type AppDeps } from '../context.js';
import { ActionTypeName, AnyObject, IdParams, UserParams, withErrors } from '../schemas.js';
import { dateProblem } from '../dates.js';

const ListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

const Feedback = Type.Union([
  Type.Object({ kind: Type.Literal('confirm') }, { additionalProperties: false }),
  Type.Object(
    {
      kind: Type.Literal('correct'),
      action: ActionTypeName,
      parameters: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    },
    { additionalProperties: false },
  ),
]);

export function decisionRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/api/users/:userId/decisions',
      { config: { audience: 'user' }, schema: { params: UserParams, querystring: ListQuery, response: withErrors({ 200: AnyObject }) } },
      async (request) => {
        assertCanSee(request, request.params.userId);
        const limit = request.query.limit ?? 50;
        const before = request.query.cursor ? decodeCursor(request.query.cursor) : null;
        const items = await listDecisionItems(deps.services.db, { userId: request.params.userId, limit, before });
        if (items.length === 0) await assertUserExists(deps.services, request.params.userId);
        const last = items.at(-1);
        return { decisions: items, nextCursor: items.length === limit && last ? encodeCursor(last.createdAt, last.id) : null };
      },
    );

    app.get('/api/decisions/:id', { config: { audience: 'user' }, schema: { params: IdParams, response: withErrors({ 200: AnyObject }) } }, async (request) => {
      const view = await readDecisionView(deps.services.db, request.params.id);
      const scope = scopeOf(request);
      if (!view || (scope !== null && view.userId !== scope)) throw errors.notFound('decision', request.params.id);
      return view;
    });

    app.post('/api/decisions/:id/undo', { config: { audience: 'user' }, schema: { params: IdParams, response: withErrors({ 202: AnyObject }) } }, async (request, reply) => {
      const result = await undoDecision(deps.services, request.params.id, scopeOf(request));
      return reply.status(202).send(result);
    });

    app.post(
      '/api/decisions/:id/feedback',
      { config: { audience: 'user' }, schema: { params: IdParams, body: Feedback, response: withErrors({ 200: AnyObject }) } },
      async (request) => {
        const body = request.body;
        const answer =
          body.kind === 'confirm'
            ? ({ kind: 'confirm' } as const)
            : ({ kind: 'correct', action: body.action, parameters: body.parameters ?? null } as const);
        return giveDecisionFeedback(deps.services, request.params.id, answer, scopeOf(request));
      },
    );
  };
}

function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(`${createdAt}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [createdAt = '', id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!id || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) || dateProblem(createdAt) !== null) {
    throw errors.validation('cursor is not one this API gave out', [{ field: 'cursor', message: 'use nextCursor from the previous page' }]);
  }
  return { createdAt: new Date(createdAt), id };
}
