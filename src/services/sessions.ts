import { randomBytes } from 'node:crypto';
import { errors } from '../errors/index.js';
import { findLiveSession, findUser, isEndedSession, inTransaction, insertSession, insertSignInCode, redeemSignInCode, revokeSession, type SessionRecord } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { hashToken } from './tokens.js';

/** A sign-in link works once, for this long: printed at start, it is often opened much later. */
export const SIGN_IN_CODE_TTL_MS = 12 * 60 * 60 * 1000;
/** A session lasts this long from sign-in (fixed, not sliding: the cookie's Max-Age says the same). */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export interface SignInLink {
  url: string;
  expiresAt: Date;
}

/**
 * A one-time sign-in link for the dashboard, for the owner (userId null) or one user. Only the
 * code's hash is stored: the link is the secret, shown once.
 */
export async function mintSignInLink(deps: ServiceDeps, origin: string, userId: string | null): Promise<SignInLink> {
  if (userId !== null && !(await findUser(deps.db, userId))) throw errors.notFound('user', userId);
  const code = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + SIGN_IN_CODE_TTL_MS);
  await insertSignInCode(deps.db, { codeHash: hashToken(code), userId, expiresAt, now });
  return { url: `${origin}/signin?code=${code}`, expiresAt };
}

export type SignInResult =
  | { ok: true; token: string; userId: string | null; expiresAt: Date }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/** Spends a sign-in code and opens a session in one transaction: a used code always has its session. */
export async function signInWithCode(deps: ServiceDeps, code: string): Promise<SignInResult> {
  const token = randomBytes(32).toString('base64url');
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const redeemed = await redeemSignInCode(trx, hashToken(code), now);
    if (!redeemed.ok) return redeemed;
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await insertSession(trx, { tokenHash: hashToken(token), userId: redeemed.userId, expiresAt, now });
    return { ok: true as const, token, userId: redeemed.userId, expiresAt };
  });
}

export async function sessionForToken(deps: ServiceDeps, token: string): Promise<SessionRecord | null> {
  return findLiveSession(deps.db, hashToken(token), deps.clock.now());
}

/**
 * A refused cookie that once named a session (signed out, expired) is the browser holding on to
 * it, not someone guessing: it need not count against the client's failed-token allowance.
 */
export async function wasSession(deps: ServiceDeps, token: string): Promise<boolean> {
  return isEndedSession(deps.db, hashToken(token));
}

export async function signOut(deps: ServiceDeps, token: string): Promise<boolean> {
  return revokeSession(deps.db, hashToken(token), deps.clock.now());
}
