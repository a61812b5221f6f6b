import type { Config } from '../config/index.js';
import { loadSecretBox } from '../credentials/index.js';
import { GoogleExecutor, type ActionExecutor } from '../executor/index.js';
import { GoogleClient, OAuthClient, SKYTWIN_GOOGLE_SCOPES } from '../google/index.js';
import { AccessTokens, type GoogleServices, type GoogleTokenEndpoint, type ServiceDeps } from '../services/index.js';

/**
 * Google for the API process: the token endpoint, the access-token broker over stored refresh
 * tokens, and the executor that acts on Gmail and Calendar with them. Null without an OAuth client.
 */
export function wireGoogle(config: Config, services: ServiceDeps): { google: GoogleServices; executor: ActionExecutor } | null {
  if (config.googleClientId === null || config.googleClientSecret === null) return null;
  const oauth = new OAuthClient({
    tokenUrl: config.googleOAuthTokenUrl,
    authUrl: config.googleOAuthAuthUrl,
    clientId: config.googleClientId,
    clientSecret: config.googleClientSecret,
    timeoutMs: config.googleTimeoutMs,
  });
  const endpoint: GoogleTokenEndpoint = {
    refresh: (refreshToken) => oauth.refresh(refreshToken),
    exchangeCode: async (input) => {
      const granted = await oauth.exchangeCode(input);
      return { accessToken: granted.accessToken, expiresAt: granted.expiresAt, refreshToken: granted.refreshToken, scopes: granted.scope };
    },
    consentUrl: (input) => oauth.consentUrl({ ...input, scopes: SKYTWIN_GOOGLE_SCOPES }),
  };
  const box = loadSecretBox(config.dataDir);
  const tokens = new AccessTokens(services, box, endpoint);
  const google: GoogleServices = { box, endpoint, tokens };
  const clients = new Map<string, GoogleClient>();
  const executor = new GoogleExecutor((userId) => {
    let client = clients.get(userId);
    if (!client) {
      client = new GoogleClient({
        apiBaseUrl: config.googleApiBaseUrl,
        timeoutMs: config.googleTimeoutMs,
        tokens: {
          current: async () => (await tokens.current(userId)).accessToken,
          refresh: async (rejected) => (await tokens.current(userId, rejected)).accessToken,
        },
      });
      clients.set(userId, client);
    }
    return client;
  });
  return { google, executor };
}
