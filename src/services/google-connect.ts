import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../credentials/index.js';
import { AppError, errors } from '../errors/index.js';
import { createPkcePair, isCredentialsRevokedError, SKYTWIN_GOOGLE_SCOPES } from '../google/index.js';
import { findGoogleConnection, findUser, insertOAuthFlow, saveGoogleConnection, takeOAuthFlow } from '../store/index.js';
import { writeWithEvent } from './user-events.js';
import type { ServiceDeps } from './deps.js';
import type { AccessTokens, GoogleTokenEndpoint } from './google-tokens.js';

/** What the Google connection services need besides the database. */
export interface GoogleServices {
  box: SecretBox;
  endpoint: GoogleTokenEndpoint;
  tokens: AccessTokens;
  /** The calendars the user's Google account can see, to pick which to watch. */
  calendarsOf(userId: string): Promise<{ id: string; summary: string; primary: boolean; accessRole: string }[]>;
}

const FLOW_TTL_MS = 10 * 60_000;
const DEFAULT_SCOPES = [...SKYTWIN_GOOGLE_SCOPES];

/**
 * Stores a refresh token obtained elsewhere (headless set-up). It is tried once first, so a
 * mistyped or revoked token is refused now rather than failing every poll later.
 */
export async function connectWithRefreshToken(
  deps: ServiceDeps,
  google: GoogleServices,
  userId: string,
  input: { refreshToken: string; accountEmail: string | null; calendars: string[] | null },
): Promise<void> {
  await requireUser(deps, userId);
  try {
    await google.endpoint.refresh(input.refreshToken);
  } catch (error) {
    if (isCredentialsRevokedError(error)) throw new AppError('invalid_refresh_token', 400, 'Google refused this refresh token (revoked, expired or mistyped)');
    throw new AppError('google_unreachable', 502, `Could not check the refresh token with Google: ${error instanceof Error ? error.message : String(error)}`);
  }
  await writeWithEvent(deps, { userId, kind: 'sync.changed', payload: { connection: 'connected' } }, (trx) => saveGoogleConnection(trx, {
    userId,
    accountEmail: input.accountEmail,
    scopes: DEFAULT_SCOPES,
    calendars: input.calendars,
    refreshTokenSealed: google.box.seal(input.refreshToken, userId),
    now: deps.clock.now(),
  }));
  google.tokens.forget(userId);
}

/** Starts the installed-app flow (PKCE, loopback redirect): the URL to open in a browser. */
export async function startGoogleConsent(
  deps: ServiceDeps,
  google: GoogleServices,
  userId: string,
  redirectUri: string,
): Promise<{ consentUrl: string; state: string; expiresAt: string }> {
  const user = await requireUser(deps, userId);
  const { verifier, challenge } = createPkcePair();
  const state = randomBytes(24).toString('base64url');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + FLOW_TTL_MS);
  await insertOAuthFlow(deps.db, { state, userId, verifierSealed: google.box.seal(verifier, userId), redirectUri, expiresAt, now });
  const consentUrl = google.endpoint.consentUrl({ redirectUri, state, codeChallenge: challenge, loginHint: user.email });
  return { consentUrl, state, expiresAt: expiresAt.toISOString() };
}

/** Completes the flow Google redirected back to; returns the user it connected. */
export async function finishGoogleConsent(
  deps: ServiceDeps,
  google: GoogleServices,
  input: { state: string; code: string },
): Promise<{ userId: string }> {
  const flow = await takeOAuthFlow(deps.db, input.state, deps.clock.now());
  if (!flow) throw new AppError('unknown_oauth_state', 400, 'This sign-in link is unknown, used or expired; start connecting again');
  const verifier = google.box.open(flow.verifierSealed, flow.userId);
  let grant: Awaited<ReturnType<GoogleTokenEndpoint['exchangeCode']>>;
  try {
    grant = await google.endpoint.exchangeCode({ code: input.code, codeVerifier: verifier, redirectUri: flow.redirectUri });
  } catch (error) {
    if (isCredentialsRevokedError(error)) throw new AppError('oauth_code_rejected', 400, 'Google refused the sign-in code; start connecting again');
    throw new AppError('google_unreachable', 502, `Could not finish signing in with Google: ${error instanceof Error ? error.message : String(error)}`);
  }
  await requireUser(deps, flow.userId);
  // A reconnect keeps the account it knew: the consent answer does not name it.
  const existing = await findGoogleConnection(deps.db, flow.userId);
  await writeWithEvent(deps, { userId: flow.userId, kind: 'sync.changed', payload: { connection: 'connected' } }, (trx) => saveGoogleConnection(trx, {
    userId: flow.userId,
    accountEmail: existing?.accountEmail ?? null,
    scopes: grant.scopes.length > 0 ? grant.scopes : DEFAULT_SCOPES,
    calendars: null,
    refreshTokenSealed: google.box.seal(grant.refreshToken, flow.userId),
    now: deps.clock.now(),
  }));
  google.tokens.forget(flow.userId);
  return { userId: flow.userId };
}

async function requireUser(deps: ServiceDeps, userId: string) {
  const user = await findUser(deps.db, userId);
  if (!user) throw errors.notFound('user', userId);
  return user;
}
