import { retryPolicy } from '../resilience/index.js';
import { describeAnswer, errorFromResponse, readGoogleErrorBody } from './classify.js';
import { CredentialsRevokedError, isTransientGoogleError, PermanentGoogleError, TransientGoogleError } from './errors.js';
import { sendOnce, type FetchFunction, type RawResponse } from './http.js';
import type { GoogleLogEvent } from './log.js';
import type { RetrySettings } from './transport.js';

export const GOOGLE_AUTH_URL = 'https://accounts.google.com/o/oauth2/v2/auth';
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

const OPERATION = 'oauth.token';

export interface OAuthClientOptions {
  tokenUrl: string;
  authUrl: string;
  clientId: string;
  clientSecret: string;
  fetch?: FetchFunction;
  /** Per token-endpoint call; 30 s by default. */
  timeoutMs?: number;
  retry?: RetrySettings;
  log?: (event: GoogleLogEvent) => void;
  now?: () => Date;
}

export interface ConsentRequest {
  redirectUri: string;
  state: string;
  /** The S256 challenge from createPkcePair(). */
  codeChallenge: string;
  scopes: readonly string[];
  loginHint?: string;
}

export interface GrantedTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  scope: string[];
}

export interface RefreshedToken {
  accessToken: string;
  expiresAt: Date;
}

/**
 * Google's OAuth 2.0 endpoints for a web-server client with PKCE. Transient token-endpoint
 * failures are retried like API calls; `invalid_grant` becomes CredentialsRevokedError.
 */
export class OAuthClient {
  private readonly fetch: FetchFunction;
  private readonly timeoutMs: number;
  private readonly now: () => Date;
  private readonly log: (event: GoogleLogEvent) => void;

  constructor(private readonly options: OAuthClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? (() => {});
  }

  /** The address to send the user to; offline access and forced consent so a refresh token comes back. */
  consentUrl(request: ConsentRequest): string {
    const url = new URL(this.options.authUrl);
    const params: Record<string, string> = {
      client_id: this.options.clientId,
      redirect_uri: request.redirectUri,
      response_type: 'code',
      scope: request.scopes.join(' '),
      state: request.state,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
      access_type: 'offline',
      prompt: 'consent',
    };
    if (request.loginHint) params['login_hint'] = request.loginHint;
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.toString();
  }

  async exchangeCode(grant: { code: string; codeVerifier: string; redirectUri: string }): Promise<GrantedTokens> {
    const answer = await this.tokenRequest(
      { grant_type: 'authorization_code', code: grant.code, code_verifier: grant.codeVerifier, redirect_uri: grant.redirectUri },
      [grant.code, grant.codeVerifier],
      'Google did not accept the authorization code (expired, already used or for another redirect URI); start connecting the account again',
    );
    const refreshToken = answer['refresh_token'];
    if (typeof refreshToken !== 'string' || refreshToken === '') {
      throw new PermanentGoogleError(
        { operation: OPERATION, status: 200, reason: 'no_refresh_token' },
        `${OPERATION}: Google granted no refresh token; remove SkyTwin's access in the Google account settings and connect again`,
      );
    }
    const scope = answer['scope'];
    return {
      ...this.accessToken(answer),
      refreshToken,
      scope: typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [],
    };
  }

  async refresh(refreshToken: string): Promise<RefreshedToken> {
    const answer = await this.tokenRequest(
      { grant_type: 'refresh_token', refresh_token: refreshToken },
      [refreshToken],
      'Google no longer accepts the stored credentials (revoked, expired or the password changed); reconnect the Google account',
    );
    return this.accessToken(answer);
  }

  private async tokenRequest(form: Record<string, string>, secrets: string[], revokedMessage: string): Promise<Record<string, unknown>> {
    const body = new URLSearchParams({ ...form, client_id: this.options.clientId, client_secret: this.options.clientSecret });
    const allSecrets = [...secrets, this.options.clientSecret];
    const policy = retryPolicy({
      ...this.options.retry,
      isRetryable: (error) => isTransientGoogleError(error) && error.operation === OPERATION,
      retryAfterMs: (error) => (isTransientGoogleError(error) ? error.retryAfterMs : null),
      onRetry: ({ attempt, delayMs, error }) => {
        const failure = error instanceof TransientGoogleError ? error : null;
        this.log({ type: 'retry', operation: OPERATION, attempt, delayMs, kind: failure?.kind ?? null, status: failure?.status ?? null, reason: failure?.reason ?? null });
      },
    });
    const response = await policy.execute(async () => {
      const answer = await this.send(body);
      if (answer.status >= 200 && answer.status < 300) return answer;
      throw this.failure(answer, allSecrets, revokedMessage);
    });
    return parseTokenAnswer(response);
  }

  private async send(body: URLSearchParams): Promise<RawResponse> {
    try {
      const response = await sendOnce(
        this.options.tokenUrl,
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body },
        { operation: OPERATION, fetch: this.fetch, timeoutMs: this.timeoutMs },
      );
      this.log({ type: 'response', operation: OPERATION, method: 'POST', status: response.status, durationMs: Math.round(response.durationMs) });
      return response;
    } catch (error) {
      if (error instanceof TransientGoogleError) this.log({ type: 'no_response', operation: OPERATION, method: 'POST', kind: error.kind });
      throw error;
    }
  }

  private failure(response: RawResponse, secrets: string[], revokedMessage: string): Error {
    const said = readGoogleErrorBody(response.text);
    const failure = { operation: OPERATION, status: response.status, reason: said.reason };
    if (response.status === 400 && said.reason === 'invalid_grant') return new CredentialsRevokedError(failure, `${OPERATION}: ${revokedMessage}`);
    const general = errorFromResponse(response, { operation: OPERATION, now: this.now(), secrets });
    if (isTransientGoogleError(general)) return general;
    // invalid_client, unauthorized_client and the like: the SkyTwin OAuth settings are wrong.
    return new PermanentGoogleError(
      failure,
      `${OPERATION}: Google's token endpoint refused the request (${describeAnswer(response.status, said, secrets)}); check GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET`,
    );
  }

  private accessToken(answer: Record<string, unknown>): RefreshedToken {
    const accessToken = answer['access_token'];
    const expiresIn = answer['expires_in'];
    if (typeof accessToken !== 'string' || accessToken === '' || typeof expiresIn !== 'number' || !(expiresIn > 0)) {
      throw new PermanentGoogleError(
        { operation: OPERATION, status: 200, reason: 'malformed_token_response' },
        `${OPERATION}: Google's token answer lacked access_token or expires_in`,
      );
    }
    return { accessToken, expiresAt: new Date(this.now().getTime() + expiresIn * 1000) };
  }
}

function parseTokenAnswer(response: RawResponse): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(response.text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new PermanentGoogleError(
    { operation: OPERATION, status: response.status, reason: 'malformed_token_response' },
    `${OPERATION}: Google's token answer was not a JSON object`,
  );
}
