import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errors } from '../../errors/index.js';
import { mintSignInLink, SESSION_TTL_MS, sessionForToken, signInWithCode, signOut } from '../../services/index.js';
import { CreateSessionBody, SessionBody, SignedOutBody, SignInLinkBody, SignInQuery, withErrors } from '../../contract/index.js';
import { callerOf, type AppDeps } from '../context.js';
import { clearedSessionCookie, sessionCookie, sessionCookieOf } from '../session-cookie.js';
import { signInProblemPage } from '../sign-in-page.js';

/**
 * Sign-in as Jupyter does it: a token holder asks for a one-time link; opening it swaps the code
 * for an HttpOnly session cookie and sends the browser to the dashboard, so no secret stays in
 * the address bar, in history or in the page's storage.
 */
export function sessionRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      '/api/sessions',
      {
        config: { audience: 'user' },
        schema: { body: CreateSessionBody, response: withErrors({ 201: SignInLinkBody }) },
        // A bare `curl -X POST` with the token asks for the owner's link: no body means `{}`.
        preValidation: async (request) => {
          if (request.body === undefined || request.body === null) request.body = {};
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const asked = request.body?.userId ?? null;
        // A user's token (or session) mints links for that user only; another id is simply not there.
        if (caller.kind === 'user' && asked !== null && asked !== caller.userId) throw errors.notFound('user', asked);
        const userId = caller.kind === 'user' ? caller.userId : asked;
        const link = await mintSignInLink(deps.services, `http://${request.headers.host ?? `127.0.0.1:${deps.port()}`}`, userId);
        return reply.status(201).header('cache-control', 'no-store').send({ url: link.url, expiresAt: link.expiresAt.toISOString(), userId });
      },
    );

    app.get('/signin', { config: { audience: 'link' }, schema: { querystring: SignInQuery } }, async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      const code = request.query.code ?? '';
      const result = /^[A-Za-z0-9_-]{20,200}$/.test(code) ? await signInWithCode(deps.services, code) : { ok: false as const, reason: 'unknown' as const };
      if (!result.ok) {
        return reply.status(result.reason === 'unknown' ? 400 : 410).type('text/html; charset=utf-8').send(signInProblemPage(result.reason));
      }
      const maxAge = Math.max(1, Math.floor((result.expiresAt.getTime() - deps.services.clock.now().getTime()) / 1000));
      // 303: the browser follows with a GET to / and the code leaves the address bar.
      return reply.status(303).header('set-cookie', sessionCookie(result.token, Math.min(maxAge, SESSION_TTL_MS / 1000))).header('location', '/').send();
    });

    app.get('/api/session', { config: { audience: 'user' }, schema: { response: withErrors({ 200: SessionBody }) } }, async (request, reply) => {
      const caller = callerOf(request);
      void reply.header('cache-control', 'no-store');
      const cookie = request.headers.authorization ? null : sessionCookieOf(request.headers.cookie);
      const session = cookie === null ? null : await sessionForToken(deps.services, cookie);
      return {
        kind: caller.kind,
        userId: caller.kind === 'user' ? caller.userId : null,
        via: session ? ('cookie' as const) : ('token' as const),
        expiresAt: session ? session.expiresAt.toISOString() : null,
      };
    });

    const end = async (request: { headers: { authorization?: string; cookie?: string } }) => {
      const cookie = request.headers.authorization ? null : sessionCookieOf(request.headers.cookie);
      return cookie === null ? false : signOut(deps.services, cookie);
    };
    const signOutSchema = { response: withErrors({ 200: SignedOutBody }) };
    app.post('/api/session/signout', { config: { audience: 'user' }, schema: signOutSchema }, async (request, reply) => {
      callerOf(request);
      const signedOut = await end(request);
      return reply.header('set-cookie', clearedSessionCookie()).send({ signedOut });
    });
    app.delete('/api/session', { config: { audience: 'user' }, schema: signOutSchema }, async (request, reply) => {
      callerOf(request);
      const signedOut = await end(request);
      return reply.header('set-cookie', clearedSessionCookie()).send({ signedOut });
    });
  };
}
