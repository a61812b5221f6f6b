import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { StreamBody, StreamQuery, UserParams, withErrors } from '../../contract/index.js';
import { assertCanSee, assertUserExists, type AppDeps } from '../context.js';
import { LiveStream, STREAM_TIMING } from '../event-stream.js';
import { DATA_CSP, SECURITY_HEADERS } from '../plugins/security.js';

/**
 * GET /api/users/:userId/stream: the user's changes as Server-Sent Events, one request for as long
 * as the page is open (counted once by the rate limit). Closing the API ends every stream first,
 * so app.close() never waits on a browser.
 */
export function streamRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const open = new Set<LiveStream>();
    const timing = { ...STREAM_TIMING, ...deps.streamTiming };
    app.addHook('preClose', async () => {
      for (const stream of open) stream.close();
    });

    app.get(
      '/api/users/:userId/stream',
      // No HEAD twin: a HEAD would hold a stream open with nothing to send.
      { config: { audience: 'user' }, exposeHeadRoute: false, schema: { params: UserParams, querystring: StreamQuery, response: withErrors({ 200: StreamBody }) } },
      async (request, reply) => {
        const { userId } = request.params;
        assertCanSee(request, userId);
        await assertUserExists(deps.services, userId);
        const header = request.headers['last-event-id'];
        const lastEventId = (typeof header === 'string' ? header : null) ?? request.query.lastEventId ?? null;
        reply.hijack();
        const out = reply.raw;
        const earlier: Record<string, string> = {};
        for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) earlier[name] = String(value);
        out.writeHead(200, {
          ...earlier,
          ...SECURITY_HEADERS,
          'content-security-policy': DATA_CSP,
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        const stream = new LiveStream({
          db: () => deps.services.db,
          userId,
          lastEventId,
          timing,
          bus: deps.services.events,
          out,
          onError: (error) => request.log.warn({ err: error }, 'live stream read failed; retrying at the next poll'),
        });
        open.add(stream);
        request.raw.on('close', () => {
          open.delete(stream);
          stream.close();
        });
        out.on('error', () => stream.close());
        try {
          await stream.start();
        } catch (error) {
          request.log.warn({ err: error }, 'live stream could not start');
          open.delete(stream);
          stream.close();
        }
      },
    );
  };
}
