import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createUser } from '../../services/index.js';
import { findUser, listUsers } from '../../store/index.js';
import { errors } from '../../errors/index.js';
import { assertCanSee, assertOwner, callerOf, type AppDeps } from '../context.js';
import { CreatedUserBody, CreateUserBody, UsersViewBody, UsersViewEntry } from '../../contract/index.js';
import { UserParams, withErrors } from '../schemas.js';

export function userRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.post('/api/users', { config: { audience: 'owner' }, schema: { body: CreateUserBody, response: withErrors({ 201: CreatedUserBody }) } }, async (request, reply) => {
      assertOwner(request);
      const user = await createUser(deps.services, { email: request.body.email, name: request.body.name ?? null });
      return reply.status(201).send(user);
    });
    app.get('/api/users', { config: { audience: 'user' }, schema: { response: withErrors({ 200: UsersViewBody }) } }, async (request) => {
      const caller = callerOf(request);
      if (caller.kind === 'user') {
        const user = await findUser(deps.services.db, caller.userId);
        return { users: user ? [user] : [] };
      }
      return { users: await listUsers(deps.services.db) };
    });
    app.get('/api/users/:userId', { config: { audience: 'user' }, schema: { params: UserParams, response: withErrors({ 200: UsersViewEntry }) } }, async (request) => {
      assertCanSee(request, request.params.userId);
      const user = await findUser(deps.services.db, request.params.userId);
      if (!user) throw errors.notFound('user', request.params.userId);
      return user;
    });
  };
}
