import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { PollLeaseClaimBody, PollLeaseGrantBody, PollLeaseReleaseBody, PollLeaseReleasedBody } from '../../contract/index.js';
import { claimSyncTargets, releaseSyncTargets } from '../../services/index.js';
import { assertOwner, type AppDeps } from '../context.js';
import { withErrors } from '../schemas.js';

/**
 * The workers' poll leases: each claim renews what the worker holds and hands it its share of
 * the users; only the holder's sync reports are recorded. Several workers, through one API or
 * several, then poll each user once.
 */
export function syncLeaseRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      '/api/internal/sync-leases',
      { config: { audience: 'internal' }, schema: { body: PollLeaseClaimBody, response: withErrors({ 200: PollLeaseGrantBody }) } },
      async (request) => {
        assertOwner(request);
        return claimSyncTargets(deps.services, request.body);
      },
    );

    app.post(
      '/api/internal/sync-leases/release',
      { config: { audience: 'internal' }, schema: { body: PollLeaseReleaseBody, response: withErrors({ 200: PollLeaseReleasedBody }) } },
      async (request) => {
        assertOwner(request);
        return releaseSyncTargets(deps.services, request.body.workerId);
      },
    );
  };
}
