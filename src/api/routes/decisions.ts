import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { giveDecisionFeedback, listActivity, previewUndoToday, readDecision, runUndoToday, undoDecision } from '../../services/index.js';
import { assertCanSee, assertUserExists, scopeOf, type AppDeps } from '../context.js';
import {
  DecisionBody,
  DecisionList,
  DecisionListQuery,
  FeedbackBody,
  FeedbackResult,
  IdParams,
  UndoResult,
  UndoTodayBody,
  UndoTodayPreview,
  UndoTodayResult,
  UserParams,
  withErrors,
} from '../schemas.js';

export function decisionRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/api/users/:userId/decisions',
      { config: { audience: 'user' }, schema: { params: UserParams, querystring: DecisionListQuery, response: withErrors({ 200: DecisionList }) } },
      async (request) => {
        assertCanSee(request, request.params.userId);
        const list = await listActivity(deps.services, request.params.userId, request.query);
        if (list.decisions.length === 0) await assertUserExists(deps.services, request.params.userId);
        return list;
      },
    );

    app.get(
      '/api/decisions/:id',
      { config: { audience: 'user' }, schema: { params: IdParams, response: withErrors({ 200: DecisionBody }) } },
      async (request) => readDecision(deps.services, request.params.id, scopeOf(request)),
    );

    app.post(
      '/api/decisions/:id/undo',
      { config: { audience: 'user' }, schema: { params: IdParams, response: withErrors({ 202: UndoResult }) } },
      async (request, reply) => {
        const result = await undoDecision(deps.services, request.params.id, scopeOf(request));
        return reply.status(202).send(result);
      },
    );

    app.post(
      '/api/decisions/:id/feedback',
      { config: { audience: 'user' }, schema: { params: IdParams, body: FeedbackBody, response: withErrors({ 200: FeedbackResult }) } },
      async (request) => {
        const body = request.body;
        const answer =
          body.kind === 'confirm'
            ? ({ kind: 'confirm' } as const)
            : ({ kind: 'correct', action: body.action, parameters: body.parameters ?? null } as const);
        return giveDecisionFeedback(deps.services, request.params.id, answer, scopeOf(request));
      },
    );

    app.get(
      '/api/users/:userId/undo-today',
      { config: { audience: 'user' }, schema: { params: UserParams, response: withErrors({ 200: UndoTodayPreview }) } },
      async (request) => {
        assertCanSee(request, request.params.userId);
        await assertUserExists(deps.services, request.params.userId);
        return previewUndoToday(deps.services, request.params.userId);
      },
    );

    app.post(
      '/api/users/:userId/undo-today',
      { config: { audience: 'user' }, schema: { params: UserParams, body: UndoTodayBody, response: withErrors({ 200: UndoTodayResult }) } },
      async (request) => {
        assertCanSee(request, request.params.userId);
        await assertUserExists(deps.services, request.params.userId);
        return runUndoToday(deps.services, request.params.userId, request.body.ids, scopeOf(request));
      },
    );
  };
}
