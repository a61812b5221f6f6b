import type { FastifyInstance } from 'fastify';
import { errors } from '../../errors/index.js';
import { findUserByTokenHash } from '../../store/index.js';
import { hashToken, sameToken } from '../../services/index.js';
import type { AppDeps } from '../context.js';
import { OAUTH_CALLBACK_PATH } from '../routes/connections.js';

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Refuses any Host but loopback with our port (a DNS-rebinding page cannot reach the API),
 * then resolves the bearer token to the owner or one user. Health routes need no token.
 */
export function installSecurity(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('caller', null as unknown as { kind: 'owner' });
  app.addHook('onRequest', async (request) => {
    const host = request.headers.host ?? '';
    const allowed = LOOPBACK_HOSTS.map((name) => `${name}:${deps.port()}`);
    if (!allowed.includes(host.toLowerCase())) throw errors.forbiddenHost(host);
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/health/')) return;
    // Google's redirect carries no token: its one-time state is checked by the route.
    const open = request.url === OAUTH_CALLBACK_PATH || request.url.startsWith(`${OAUTH_CALLBACK_PATH}?`);
    if (!deps.isServing()) throw errors.unavailable('SkyTwin is starting: the database is not ready yet; retry shortly');
    if (open) return;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw errors.unauthorized();
    const token = match[1];
    if (sameToken(token, deps.apiToken)) {
      request.caller = { kind: 'owner' };
      return;
    }
    const user = await findUserByTokenHash(deps.services.db, hashToken(token));
    if (!user) throw errors.unauthorized();
    request.caller = { kind: 'user', userId: user.id };
  });
}
