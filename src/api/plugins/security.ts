import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors } from '../../errors/index.js';
import { hashToken, sameToken, sessionForToken, wasSession } from '../../services/index.js';
import { audienceOf, needsToken, ownerOnly, requireDeclaredAudience, type Audience } from '../access.js';
import { AuthThrottle } from '../auth-throttle.js';
import type { AppDeps } from '../context.js';
import { countUserRequest, userForToken } from '../rate-limit.js';
import { clearedSessionCookie, sessionCookieOf } from '../session-cookie.js';

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Pages may load only SkyTwin's own files, and no other site may frame them (click-jacking). */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
export const DATA_CSP = "default-src 'none'; frame-ancestors 'none'";

/** On every answer, including those Fastify's router gives before any hook runs. */
export const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' } as const;

/**
 * The API's boundary, in order: a loopback Host with our port, or a name the owner listed in
 * SKYTWIN_API_ALLOWED_HOSTS (a DNS-rebinding page cannot reach the API); no state change from another origin's page; then the token the matched route's
 * declared audience asks for. Every answer carries the security headers.
 */
export function installSecurity(app: FastifyInstance, deps: AppDeps): void {
  const throttle = new AuthThrottle(deps.services.clock);
  app.decorateRequest('caller', null);
  requireDeclaredAudience(app);

  app.addHook('onRequest', async (request, reply) => {
    void reply.headers(SECURITY_HEADERS);
    const origins = [...LOOPBACK_HOSTS.map((name) => `${name}:${deps.port()}`), ...(deps.allowedHosts ?? [])];
    const host = request.headers.host ?? '';
    if (!origins.includes(host.toLowerCase())) throw errors.forbiddenHost(host);
    if (!SAFE_METHODS.has(request.method)) refuseForeignPage(request, origins);
    // No route matched: the not-found handler answers, and there is nothing to authorize.
    if (request.is404) return;

    const audience = audienceOf(request.routeOptions.config);
    if (audience === null) throw errors.unauthorized();
    if (audience === 'public') return;
    if (!deps.isServing()) throw errors.unavailable('SkyTwin is starting: the database is not ready yet; retry shortly');
    if (!needsToken(audience)) return;

    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? null;
    // The owner's token is checked first so the owner is never throttled on success.
    if (token !== null && sameToken(token, deps.apiToken)) {
      request.caller = { kind: 'owner' };
      return;
    }
    const wait = throttle.blockedFor(request.ip);
    if (wait > 0) throw errors.tooManyFailedTokens(wait);
    // A Bearer header always wins; without one, the dashboard's session cookie may speak.
    const cookie = token === null ? sessionCookieOf(request.headers.cookie) : null;
    if (cookie !== null) {
      await authenticateSession(request, reply, cookie, audience);
      return;
    }
    if (token === null) throw errors.unauthorized();
    // Every request made with a user's token counts against that user's limit.
    const userId = await userForToken(deps.services, deps.rateLimit, hashToken(token), reply);
    if (userId === null) {
      throttle.recordFailure(request.ip);
      throw errors.unauthorized();
    }
    // A user token on an owner route learns nothing about the route: it is simply not there.
    if (ownerOnly(audience)) throw errors.notFound('route', `${request.method} ${request.routeOptions.url ?? ''}`);
    request.caller = { kind: 'user', userId };
  });

  /**
   * A session cookie is sent by the browser on its own, so a change made with it must come from
   * SkyTwin's own page: Origin names this very host, or the browser says same-origin. Internal
   * (worker) routes are never reached by a cookie; owner routes only by the owner's session.
   */
  async function authenticateSession(request: FastifyRequest, reply: FastifyReply, cookie: string, audience: Audience): Promise<void> {
    const session = await sessionForToken(deps.services, cookie);
    if (session === null) {
      if (!(await wasSession(deps.services, cookie))) throttle.recordFailure(request.ip);
      // The browser drops the cookie, so the page's next requests carry none and say how to sign in.
      void reply.header('set-cookie', clearedSessionCookie());
      throw errors.sessionEnded();
    }
    if (!SAFE_METHODS.has(request.method)) requireOwnPage(request);
    const route = `${request.method} ${request.routeOptions.url ?? ''}`;
    if (audience === 'internal') throw errors.notFound('route', route);
    if (session.userId === null) {
      request.caller = { kind: 'owner' };
      return;
    }
    if (ownerOnly(audience)) throw errors.notFound('route', route);
    await countUserRequest(deps.services, deps.rateLimit, session.userId, reply);
    request.caller = { kind: 'user', userId: session.userId };
  }

  app.addHook('onSend', async (_request, reply, payload) => {
    // A 304 has no body and no content type; a browser merges its headers into the cached page,
    // so a data policy on it would replace the page's and block the page's own script on reload.
    if (reply.statusCode === 304) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    void reply.header('content-security-policy', type.startsWith('text/html') ? PAGE_CSP : DATA_CSP);
    return payload;
  });
}

/** The cookie's rule is stricter than refuseForeignPage's: the page must say where it is from, and it must be here. */
function requireOwnPage(request: FastifyRequest): void {
  const host = (request.headers.host ?? '').toLowerCase();
  const origin = request.headers.origin?.toLowerCase();
  if (origin === `http://${host}` || origin === `https://${host}`) return;
  if (origin === undefined && request.headers['sec-fetch-site'] === 'same-origin') return;
  throw errors.crossOrigin(origin ?? 'an unnamed page');
}

/**
 * A browser names the page that sent a request in Origin (and Sec-Fetch-Site). A change asked for
 * by any page but SkyTwin's own is refused, even with a valid token: the token may be in that
 * browser. Clients that are not browsers (the CLI, the worker, curl) send neither header.
 */
function refuseForeignPage(request: FastifyRequest, origins: string[]): void {
  const origin = request.headers.origin;
  if (origin !== undefined && !origins.some((allowed) => origin.toLowerCase() === `http://${allowed}`)) {
    throw errors.crossOrigin(origin);
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw errors.crossOrigin(origin ?? `a ${String(site)} page`);
}
