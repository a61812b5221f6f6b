import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { demoAccountFor } from './demo-accounts.js';
import { OAuthError, oauthErrors } from './errors.js';
import { authenticate, isRecord, queryString, type EndpointConfig } from './http.js';
import { hash32 } from './random.js';
import type { EmulatorState } from './state/emulator-state.js';

const oauth = (endpoint: string): { config: EndpointConfig } => ({ config: { endpoint, family: 'oauth' } });

/** The token endpoint never caches, like Google's. */
function sendToken(reply: FastifyReply, body: Record<string, unknown>): FastifyReply {
  return reply.header('cache-control', 'no-cache, no-store, max-age=0, must-revalidate').header('pragma', 'no-cache').send(body);
}

const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

function params(body: unknown): Record<string, string> {
  if (!isRecord(body)) return {};
  return Object.fromEntries(Object.entries(body).flatMap(([key, value]) => (typeof value === 'string' ? [[key, value]] : [])));
}

function required(values: Record<string, string>, name: string, message?: string): string {
  const value = values[name];
  if (value === undefined || value === '') throw message ? new OAuthError(400, 'invalid_request', message) : oauthErrors.missing(name);
  return value;
}

function withQuery(uri: string, values: Record<string, string>): string {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(values)) url.searchParams.set(key, value);
  return url.toString();
}

/** OAuth 2.0 as Google's endpoints speak it: consent (automatic), token exchange and refresh, revoke. */
export function oauthRoutes(app: FastifyInstance, state: EmulatorState): void {
  const authorize = async (request: { query: unknown }, reply: FastifyReply): Promise<FastifyReply> => {
    const q = params(request.query);
    const clientId = required(q, 'client_id');
    const redirectUri = required(q, 'redirect_uri');
    try {
      new URL(redirectUri);
    } catch {
      throw new OAuthError(400, 'invalid_request', 'Invalid parameter value for redirect_uri: Missing scheme');
    }
    if (required(q, 'response_type') !== 'code') throw new OAuthError(400, 'unsupported_response_type', `Unsupported response type: ${q.response_type}`);
    const scopes = required(q, 'scope').split(/\s+/).filter(Boolean);
    const method = q.code_challenge_method ?? (q.code_challenge !== undefined ? 'plain' : undefined);
    if (method !== undefined && method !== 'S256' && method !== 'plain') throw new OAuthError(400, 'invalid_request', 'Invalid code_challenge_method value.');
    const hinted = q.login_hint !== undefined ? ((await demoAccountFor(state, q.login_hint)) ?? undefined) : undefined;
    const account = hinted ?? state.accounts.list()[0];
    const extra: Record<string, string> = q.state !== undefined ? { state: q.state } : {};
    if (!account) return reply.redirect(withQuery(redirectUri, { error: 'access_denied', ...extra }), 302);
    const code = state.accounts.createCode({
      email: account.email,
      clientId,
      redirectUri,
      challenge: q.code_challenge ?? null,
      challengeMethod: (method as 'S256' | 'plain' | undefined) ?? null,
      scopes,
      offline: q.access_type !== 'online',
    });
    return reply.redirect(withQuery(redirectUri, { ...extra, code, scope: scopes.join(' ') }), 302);
  };
  app.get('/o/oauth2/v2/auth', oauth('oauth.authorize'), authorize);
  app.get('/o/oauth2/auth', oauth('oauth.authorize'), authorize);

  app.post('/token', oauth('oauth.token'), async (request, reply) => {
    const body = params(request.body);
    const grant = required(body, 'grant_type');
    if (grant === 'refresh_token') {
      required(body, 'client_id', 'Could not determine client ID from request.');
      required(body, 'client_secret', 'client_secret is missing.');
      const owner = state.accounts.refreshTokenOwner(required(body, 'refresh_token'));
      if (!owner) throw oauthErrors.revoked();
      const access = state.accounts.mintAccessToken(owner.email, owner.scopes);
      return sendToken(reply, { access_token: access.token, expires_in: access.expiresIn, scope: owner.scopes.join(' '), token_type: 'Bearer' });
    }
    if (grant === 'authorization_code') {
      const clientId = required(body, 'client_id', 'Could not determine client ID from request.');
      const code = required(body, 'code');
      const redirectUri = required(body, 'redirect_uri');
      const found = state.accounts.peekCode(code);
      if (!found || found.clientId !== clientId) throw oauthErrors.badCode();
      if (found.redirectUri !== redirectUri) throw oauthErrors.redirectMismatch();
      if (found.challenge !== null) {
        const verifier = body.code_verifier;
        if (verifier === undefined || verifier === '') throw oauthErrors.missing('code_verifier');
        const computed = found.challengeMethod === 'S256' ? s256(verifier) : verifier;
        if (computed !== found.challenge) throw oauthErrors.badVerifier();
      }
      state.accounts.redeemCode(code);
      const access = state.accounts.mintAccessToken(found.email, found.scopes);
      const answer: Record<string, unknown> = { access_token: access.token, expires_in: access.expiresIn, scope: found.scopes.join(' '), token_type: 'Bearer' };
      if (found.offline) answer.refresh_token = state.accounts.issueRefreshToken(found.email, found.scopes);
      return sendToken(reply, answer);
    }
    throw oauthErrors.unsupportedGrant(grant);
  });

  app.post('/revoke', oauth('oauth.revoke'), async (request, reply) => {
    const token = queryString(request, 'token') ?? params(request.body).token;
    if (token === undefined || !state.accounts.revokeToken(token)) throw new OAuthError(400, 'invalid_token', 'Token expired or revoked');
    return reply.send({});
  });

  app.get('/oauth2/v3/userinfo', oauth('oauth.userinfo'), async (request) => {
    const email = authenticate(state, request, ['openid', 'email', 'https://www.googleapis.com/auth/userinfo.email']);
    const account = state.account(email);
    return { sub: `1${String(hash32(email)).padStart(20, '0')}`, name: account.displayName, email, email_verified: true };
  });
}
