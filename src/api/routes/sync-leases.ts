import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { claimSyncTargets, MAX_POLL_LEASE_MS, releaseSyncTargets } from '../../services/index.js';
import { assertOwner, type AppDeps } from '../context.js';
import { AnyObject, Uuid, WorkerId, withErrors } from '../schemas.js';

const Claim = Type.Object(
  {
    workerId: WorkerId,
    leaseMs: Type.Integer({ minimum: 1_000, maximum: MAX_POLL_LEASE_MS }),
    busy: Type.Optional(Type.Array(Uuid, { maxItems: 10_000 })),
  },
  { additionalProperties: false },
);
const Release = Type.Object({ workerId: WorkerId }, { additionalProperties: false });

/**
 * The workers' poll leases: each claim renews what the worker holds and hands it its share of
 * the users; only the holder's sync reports are recorded. Several workers, through one API or
 * several, then poll each user once.
 */
export function syncLeaseRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.post('/api/internal/sync-leases', { config: { audience: 'internal' }, schema: { body: Claim, response: withErrors({ 200: AnyObject }) } }, async (request) => {
      assertOwner(request);
      return claimSyncTargets(deps.services, request.body);
    });

    app.post('/api/internal/sync-leases/release', { config: { audience: 'internal' }, schema: { body: Release, response: withErrors({ 200: AnyObject }) } }, async (request) => {
      assertOwner(request);
      return releaseSyncTargets(deps.services, request.body.workerId);
    });
  };
}
