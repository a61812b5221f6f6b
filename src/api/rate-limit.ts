import type { FastifyReply } from 'fastify';
import { errors } from '../errors/index.js';
import { judge, windowsAt, type RateLimitPolicy, type RateLimitVerdict } from '../resilience/index.js';
import type { ServiceDeps } from '../services/index.js';
import { countRequestByToken, countRequestForUser, findUserByTokenHash } from '../store/index.js';

/**
 * Resolves a user-scoped token and, with a limit set, counts the request against that user in the
 * same statement. The counts are rows, so the limit holds across restarts and across API processes
 * sharing a database. Null: the token is no user's. Throws 429 when the user is over the limit.
 */
export async function userForToken(services: ServiceDeps, policy: RateLimitPolicy | null, tokenHash: string, reply: FastifyReply): Promise<string | null> {
  if (policy === null) return (await findUserByTokenHash(services.db, tokenHash))?.id ?? null;
  const nowMs = services.clock.now().getTime();
  const { currentStartMs, previousStartMs } = windowsAt(nowMs, policy.windowMs);
  const counted = await countRequestByToken(services.counters ?? services.db, tokenHash, { currentStart: new Date(currentStartMs), previousStart: new Date(previousStartMs) });
  if (counted === null) return null;
  const verdict = judge(policy, nowMs, counted);
  const headers = rateLimitHeaders(policy, verdict);
  if (!verdict.allowed) throw errors.rateLimited(verdict.retryAfterSeconds, headers);
  void reply.headers(headers);
  return counted.userId;
}

/** A user's dashboard session counts against that user's limit exactly as the user's token does. */
export async function countUserRequest(services: ServiceDeps, policy: RateLimitPolicy | null, userId: string, reply: FastifyReply): Promise<void> {
  if (policy === null) return;
  const nowMs = services.clock.now().getTime();
  const { currentStartMs, previousStartMs } = windowsAt(nowMs, policy.windowMs);
  const counted = await countRequestForUser(services.counters ?? services.db, userId, { currentStart: new Date(currentStartMs), previousStart: new Date(previousStartMs) });
  const verdict = judge(policy, nowMs, counted);
  const headers = rateLimitHeaders(policy, verdict);
  if (!verdict.allowed) throw errors.rateLimited(verdict.retryAfterSeconds, headers);
  void reply.headers(headers);
}

/** CONTRACT.md's RateLimit-* fields, and the IETF draft's (draft-ietf-httpapi-ratelimit-headers-12) policy and state. */
export function rateLimitHeaders(policy: RateLimitPolicy, verdict: RateLimitVerdict): Record<string, string> {
  const windowSeconds = Math.max(1, Math.round(policy.windowMs / 1000));
  return {
    'ratelimit-limit': String(policy.limit),
    'ratelimit-remaining': String(verdict.remaining),
    'ratelimit-reset': String(verdict.resetSeconds),
    'ratelimit-policy': `"default";q=${policy.limit};w=${windowSeconds}`,
    ratelimit: `"default";r=${verdict.remaining};t=${verdict.allowed ? verdict.resetSeconds : verdict.retryAfterSeconds}`,
  };
}
