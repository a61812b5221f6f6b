import type { Config } from '../config/index.js';
import { loadSecretBox } from '../credentials/index.js';
import { GoogleExecutor, gmailBriefingDrafts, type ActionExecutor } from '../executor/index.js';
import { GMAIL_QUOTA_WINDOW_MS, GoogleClient, OAuthClient, SKYTWIN_GOOGLE_SCOPES, splitGmailQuota } from '../google/index.js';
import { QuotaBudget } from '../resilience/index.js';
import { AccessTokens, type BriefingDraftPort, type GoogleServices, type GoogleTokenEndpoint, type ServiceDeps } from '../services/index.js';

/**
 * Google for the API process: the token endpoint, the access-token broker over stored refresh
 * tokens, and the executor that acts on Gmail and Calendar with them. Null without an OAuth client.
 */
export function wireGoogle(config: Config, services: ServiceDeps): { google: GoogleServices; executor: ActionExecutor; briefingDrafts: BriefingDraftPort } | null {
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
  const clients = new Map<string, GoogleClient>();
  const executorUnits = splitGmailQuota(config.gmailQuotaUnitsPerMin).executor;
  const clientFor = (userId: string): GoogleClient => {
    let client = clients.get(userId);
    if (!client) {
      client = new GoogleClient({
        // The executor's share of the user's Gmail quota; the worker paces itself to the rest.
        gmailBudget: new QuotaBudget({ units: executorUnits, windowMs: GMAIL_QUOTA_WINDOW_MS }),
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
  };
  const google: GoogleServices = {
    box,
    endpoint,
    tokens,
    calendarsOf: async (userId) => {
      const calendars = [];
      let pageToken: string | undefined;
      do {
        const page = await clientFor(userId).calendar.calendarList.list(pageToken ? { pageToken } : {});
        for (const entry of page.items ?? []) {
          calendars.push({ id: entry.id, summary: entry.summaryOverride ?? entry.summary ?? entry.id, primary: entry.primary === true, accessRole: entry.accessRole ?? 'reader' });
        }
        pageToken = page.nextPageToken;
      } while (pageToken);
      return calendars;
    },
  };
  return { google, executor: new GoogleExecutor(clientFor), briefingDrafts: gmailBriefingDrafts((userId) => clientFor(userId).gmail) };
}
