import type { SecretBox } from '../credentials/index.js';
import { errors } from '../errors/index.js';
import { isCredentialsRevokedError } from '../google/index.js';
import { findGoogleConnection, markNeedsReconnect } from '../store/index.js';
import { writeWithEvent } from './user-events.js';
import type { ServiceDeps } from './deps.js';

export interface TokenGrant {
  accessToken: string;
  expiresAt: Date;
}

/** What SkyTwin needs of Google's token endpoint; the Google OAuth client implements it. */
export interface GoogleTokenEndpoint {
  refresh(refreshToken: string): Promise<TokenGrant>;
  exchangeCode(input: { code: string; codeVerifier: string; redirectUri: string }): Promise<TokenGrant & { refreshToken: string; scopes: string[] }>;
  consentUrl(input: { redirectUri: string; state: string; codeChallenge: string; loginHint?: string }): string;
}

/** Refresh this long before expiry, so a token handed out is good for at least this long. */
const EARLY_MS = 60_000;

/**
 * Hands out current Google access tokens for a user: cached until shortly before expiry, one
 * refresh at a time per user however many callers ask, a fresh one when a caller reports the
 * cached one rejected. A dead refresh token marks the connection `needs_reconnect` once; after
 * that no call goes to Google until the user reconnects.
 */
export class AccessTokens {
  private readonly cache = new Map<string, TokenGrant>();
  private readonly inflight = new Map<string, Promise<TokenGrant>>();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly box: SecretBox,
    private readonly endpoint: GoogleTokenEndpoint,
  ) {}

  async current(userId: string, rejected?: string): Promise<TokenGrant> {
    const cached = this.cache.get(userId);
    const now = this.deps.clock.now().getTime();
    if (cached && cached.accessToken !== rejected && cached.expiresAt.getTime() - EARLY_MS > now) return cached;
    const running = this.inflight.get(userId);
    if (running) return running;
    const refresh = this.refresh(userId).finally(() => this.inflight.delete(userId));
    this.inflight.set(userId, refresh);
    return refresh;
  }

  /** Forgets a user's cached token (new credentials were stored). */
  forget(userId: string): void {
    this.cache.delete(userId);
  }

  private async refresh(userId: string): Promise<TokenGrant> {
    const connection = await findGoogleConnection(this.deps.db, userId);
    if (!connection) throw errors.googleNotConnected(userId);
    if (connection.status !== 'connected') throw errors.googleNeedsReconnect(userId);
    const refreshToken = this.box.open(connection.refreshTokenSealed, userId);
    try {
      const grant = await this.endpoint.refresh(refreshToken);
      this.cache.set(userId, grant);
      return grant;
    } catch (error) {
      // The refresh token is dead (revoked, expired): only the user can fix it.
      if (!isCredentialsRevokedError(error)) throw error;
      this.cache.delete(userId);
      const event = { userId, kind: 'sync.changed', payload: { connection: 'needs_reconnect' } };
      await writeWithEvent(this.deps, event, (trx) => markNeedsReconnect(trx, userId, 'Google refused the refresh token (revoked or expired)', this.deps.clock.now()));
      throw errors.googleNeedsReconnect(userId);
    }
  }
}
