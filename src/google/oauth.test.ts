import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialsRevokedError, PermanentGoogleError, TransientGoogleError } from './errors.js';
import type { GoogleLogEvent } from './log.js';
import { OAuthClient, type OAuthClientOptions } from './oauth.js';
import { createPkcePair } from './pkce.js';
import { SKYTWIN_GOOGLE_SCOPES } from './scopes.js';
import { ScriptedServer } from './scripted-server.testkit.js';

const NOW = new Date('2025-03-10T12:00:00.000Z');
const SECRET = 'GOCSPX-client-secret-value';
const REFRESH_TOKEN = '1//0refresh-token-value';

let server: ScriptedServer;
let events: GoogleLogEvent[];

beforeEach(async () => {
  server = await ScriptedServer.start();
  events = [];
});

afterEach(async () => {
  await server.close();
});

function oauth(overrides: Partial<OAuthClientOptions> = {}): OAuthClient {
  return new OAuthClient({
    tokenUrl: `${server.url}/token`,
    authUrl: 'https://accounts.example.test/o/oauth2/v2/auth',
    clientId: 'client-123.apps.googleusercontent.com',
    clientSecret: SECRET,
    retry: { timeScale: 0 },
    timeoutMs: 2000,
    log: (event) => events.push(event),
    now: () => NOW,
    ...overrides,
  });
}

function form(index = 0): Record<string, string> {
  const request = server.requests[index];
  if (!request) throw new Error(`no request ${index}`);
  return Object.fromEntries(new URLSearchParams(request.body));
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

const invalidGrant = { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };

describe('OAuthClient', () => {
  it('builds a consent URL for offline access with PKCE', () => {
    const url = new URL(
      oauth().consentUrl({
        redirectUri: 'http://127.0.0.1:3100/oauth/callback',
        state: 'st-1',
        codeChallenge: 'challenge-abc',
        scopes: SKYTWIN_GOOGLE_SCOPES,
        loginHint: 'ada@example.com',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://accounts.example.test/o/oauth2/v2/auth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'client-123.apps.googleusercontent.com',
      redirect_uri: 'http://127.0.0.1:3100/oauth/callback',
      response_type: 'code',
      scope:
        'https://www.googleapis.com/auth/gmail.modify https://www.googleapis.com/auth/calendar.events https://www.googleapis.com/auth/calendar.readonly',
      state: 'st-1',
      code_challenge: 'challenge-abc',
      code_challenge_method: 'S256',
      access_type: 'offline',
      prompt: 'consent',
      login_hint: 'ada@example.com',
    });
    expect(url.searchParams.has('client_secret')).toBe(false);
  });

  it('exchanges a code for tokens', async () => {
    server.enqueue({
      body: { access_token: 'ya29.access', expires_in: 3599, refresh_token: REFRESH_TOKEN, scope: 'a b', token_type: 'Bearer' },
    });
    await expect(oauth().exchangeCode({ code: '4/0code', codeVerifier: 'verifier-xyz', redirectUri: 'http://127.0.0.1/cb' })).resolves.toEqual({
      accessToken: 'ya29.access',
      refreshToken: REFRESH_TOKEN,
      expiresAt: new Date(NOW.getTime() + 3_599_000),
      scope: ['a', 'b'],
    });
    const request = server.requests[0];
    expect(request).toMatchObject({ method: 'POST', pathname: '/token' });
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(form()).toEqual({
      grant_type: 'authorization_code',
      code: '4/0code',
      code_verifier: 'verifier-xyz',
      redirect_uri: 'http://127.0.0.1/cb',
      client_id: 'client-123.apps.googleusercontent.com',
      client_secret: SECRET,
    });
  });

  it('insists on a refresh token from the code exchange', async () => {
    server.enqueue({ body: { access_token: 'ya29.access', expires_in: 3599, scope: 'a' } });
    const error = await failure(oauth().exchangeCode({ code: '4/0code', codeVerifier: 'v', redirectUri: 'http://127.0.0.1/cb' }));
    expect(error).toBeInstanceOf(PermanentGoogleError);
    expect(error).toMatchObject({ reason: 'no_refresh_token' });
  });

  it('refreshes an access token', async () => {
    server.enqueue({ body: { access_token: 'ya29.fresh', expires_in: 3600, token_type: 'Bearer' } });
    await expect(oauth().refresh(REFRESH_TOKEN)).resolves.toEqual({
      accessToken: 'ya29.fresh',
      expiresAt: new Date(NOW.getTime() + 3_600_000),
    });
    expect(form()).toMatchObject({ grant_type: 'refresh_token', refresh_token: REFRESH_TOKEN });
  });

  it('reports invalid_grant as revoked credentials, without retrying', async () => {
    server.enqueue(invalidGrant, { body: { access_token: 'ya29.fresh', expires_in: 3600 } });
    const error = await failure(oauth().refresh(REFRESH_TOKEN));
    expect(error).toBeInstanceOf(CredentialsRevokedError);
    expect(error).toMatchObject({ code: 'google_credentials_revoked', status: 400, reason: 'invalid_grant' });
    expect((error as Error).message).toMatch(/reconnect/);
    expect(server.requests).toHaveLength(1);
  });

  it('retries transient token-endpoint failures, honouring Retry-After', async () => {
    server.enqueue(
      { status: 503, body: 'unavailable', headers: { 'retry-after': '3' } },
      { drop: true },
      { status: 429, body: { error: 'rate_limit_exceeded' } },
      { body: { access_token: 'ya29.fresh', expires_in: 3600 } },
    );
    await expect(oauth().refresh(REFRESH_TOKEN)).resolves.toMatchObject({ accessToken: 'ya29.fresh' });
    expect(server.requests).toHaveLength(4);
    expect(events.flatMap((e) => (e.type === 'retry' ? [e.delayMs] : []))).toEqual([3000, 2000, 4000]);
  });

  it('gives up on the token endpoint after 1 + 3 attempts', async () => {
    const down = { status: 500, body: { error: 'internal_failure' } };
    server.enqueue(down, down, down, down);
    await expect(failure(oauth().refresh(REFRESH_TOKEN))).resolves.toBeInstanceOf(TransientGoogleError);
    expect(server.requests).toHaveLength(4);
  });

  it('reports a misconfigured client as permanent, without retrying', async () => {
    server.enqueue({ status: 401, body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' } });
    const error = await failure(oauth().refresh(REFRESH_TOKEN));
    expect(error).toBeInstanceOf(PermanentGoogleError);
    expect((error as Error).message).toContain('GOOGLE_CLIENT_ID');
    expect(server.requests).toHaveLength(1);
  });

  it('keeps the refresh token, code and client secret out of errors and logs', async () => {
    const echo = `bad request for ${REFRESH_TOKEN} with ${SECRET}`;
    server.enqueue({ status: 400, body: { error: 'invalid_request', error_description: echo } });
    const error = await failure(oauth().refresh(REFRESH_TOKEN));
    const everything = [String(error), JSON.stringify(error), JSON.stringify(events)].join('\n');
    expect(everything).not.toContain('refresh-token-value');
    expect(everything).not.toContain('client-secret-value');
  });
});

describe('createPkcePair', () => {
  it('makes a 43-character verifier and its S256 challenge', () => {
    const pair = createPkcePair();
    expect(pair.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pair.challenge).toBe(createHash('sha256').update(pair.verifier).digest('base64url'));
    expect(createPkcePair().verifier).not.toBe(pair.verifier);
  });
});
