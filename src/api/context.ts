import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GoogleServices, ServiceDeps } from '../services/index.js';
import { errors } from '../errors/index.js';
import type { RateLimitPolicy } from '../resilience/index.js';
import { findUser } from '../store/index.js';
import type { StreamTiming } from './event-stream.js';

export interface ReadinessCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface AppDeps {
  services: ServiceDeps;
  /** The owner's token (the `api-token` file): reaches every user. */
  apiToken: string;
  /** The port clients must name in Host; a function because tests listen on port 0. */
  port: () => number;
  /** `host:port` names accepted in Host besides the loopback names on `port` (SKYTWIN_API_ALLOWED_HOSTS). */
  allowedHosts?: readonly string[];
  readiness: () => Promise<ReadinessCheck[]>;
  demoMode: boolean;
  /** Google credentials handling; null when no OAuth client is configured. */
  google?: GoogleServices | null;
  /** False until the database is connected and migrated: every non-health route answers 503 meanwhile. */
  isServing: () => boolean;
  logLevel?: string;
  /** Requests per window a user-scoped token may make (SKYTWIN_RATE_LIMIT); null: no limit. */
  rateLimit: RateLimitPolicy | null;
  /** Live stream timing (poll, heartbeat, overlap); tests shorten it. */
  streamTiming?: Partial<StreamTiming>;
}

/** Who is calling: the owner, or one user through a user-scoped token. */
export type Caller = { kind: 'owner' } | { kind: 'user'; userId: string };

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the security hook on routes whose audience needs a token; null elsewhere. */
    caller: Caller | null;
  }
}

/** The authenticated caller; a handler reached without one answers 401, whatever let it through. */
export function callerOf(request: FastifyRequest): Caller {
  if (request.caller === null) throw errors.unauthorized();
  return request.caller;
}

/** The user id a user-scoped caller is confined to, or null for the owner. */
export function scopeOf(request: FastifyRequest): string | null {
  const caller = callerOf(request);
  return caller.kind === 'user' ? caller.userId : null;
}

/** Another user's objects are reported missing, not forbidden, so ids cannot be probed. */
export function assertCanSee(request: FastifyRequest, userId: string): void {
  const scope = scopeOf(request);
  if (scope !== null && scope !== userId) throw errors.notFound('user', userId);
}

export function assertOwner(request: FastifyRequest): void {
  if (callerOf(request).kind !== 'owner') {
    throw errors.notFound('route', `${request.method} ${request.routeOptions.url ?? request.url}`);
  }
}

export type Reply = FastifyReply;

/** An empty list for a user who does not exist is a 404, not an empty page. */
export async function assertUserExists(services: ServiceDeps, userId: string): Promise<void> {
  if (!(await findUser(services.db, userId))) throw errors.notFound('user', userId);
}
