import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  /** Kept server-side until the code comes back. */
  verifier: string;
  /** Sent in the consent URL; method S256. */
  challenge: string;
}

/** A PKCE verifier of 43 base64url characters (32 random bytes) and its S256 challenge. */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier) };
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}
