import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError, errors } from '../../errors/index.js';
import { connectionView, connectWithRefreshToken, finishGoogleConsent, startGoogleConsent, type GoogleServices } from '../../services/index.js';
import { findGoogleConnection, setWatchedCalendars } from '../../store/index.js';
import { assertCanSee, type AppDeps } from '../context.js';
import { UserParams, withErrors } from '../schemas.js';
import { CalendarListBody, ConnectionBody, ConsentStartBody, OAuthCallbackQuery, StoreRefreshTokenBody, WatchCalendarsBody } from '../../contract/index.js';

export const OAUTH_CALLBACK_PATH = '/api/oauth/google/callback';

/** Connecting a user's Google account: headless (a refresh token) or through the consent screen. */
export function connectionRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    const google = (): GoogleServices => {
      if (!deps.google) throw new AppError('google_not_configured', 409, 'Google is not configured: set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET, or run in demo mode');
      return deps.google;
    };

    app.get('/api/users/:userId/connections/google', { config: { audience: 'user' }, schema: { params: UserParams, response: withErrors({ 200: ConnectionBody }) } }, async (request) => {
      assertCanSee(request, request.params.userId);
      const connection = await findGoogleConnection(deps.services.db, request.params.userId);
      if (!connection) throw errors.notFound('Google connection for user', request.params.userId);
      return connectionView(connection);
    });

    app.post(
      '/api/users/:userId/connections/google',
      { config: { audience: 'user' }, schema: { params: UserParams, body: StoreRefreshTokenBody, response: withErrors({ 201: ConnectionBody }) } },
      async (request, reply) => {
        const { userId } = request.params;
        assertCanSee(request, userId);
        await connectWithRefreshToken(deps.services, google(), userId, {
          refreshToken: request.body.refreshToken,
          accountEmail: request.body.accountEmail ?? null,
          calendars: request.body.calendars ?? null,
        });
        const connection = await findGoogleConnection(deps.services.db, userId);
        if (!connection) throw errors.notFound('Google connection for user', userId);
        return reply.status(201).send(connectionView(connection));
      },
    );

    app.post('/api/users/:userId/connections/google/consent', { config: { audience: 'user' }, schema: { params: UserParams, response: withErrors({ 200: ConsentStartBody }) } }, async (request) => {
      assertCanSee(request, request.params.userId);
      const redirectUri = `http://127.0.0.1:${deps.port()}${OAUTH_CALLBACK_PATH}`;
      return startGoogleConsent(deps.services, google(), request.params.userId, redirectUri);
    });

    app.get('/api/users/:userId/connections/google/calendars', { config: { audience: 'user' }, schema: { params: UserParams, response: withErrors({ 200: CalendarListBody }) } }, async (request) => {
      const { userId } = request.params;
      assertCanSee(request, userId);
      const connection = await findGoogleConnection(deps.services.db, userId);
      if (!connection) throw errors.notFound('Google connection for user', userId);
      const available = await google().calendarsOf(userId);
      return { watched: connection.calendars, available: available.map((calendar) => ({ ...calendar, watched: connection.calendars.includes(calendar.id) || (calendar.primary && connection.calendars.includes('primary')) })) };
    });

    app.put(
      '/api/users/:userId/connections/google/calendars',
      { config: { audience: 'user' }, schema: { params: UserParams, body: WatchCalendarsBody, response: withErrors({ 200: ConnectionBody }) } },
      async (request) => {
        const { userId } = request.params;
        assertCanSee(request, userId);
        const calendars = [...new Set(request.body.calendars)];
        if (!(await setWatchedCalendars(deps.services.db, userId, calendars, deps.services.clock.now()))) {
          throw errors.notFound('Google connection for user', userId);
        }
        const connection = await findGoogleConnection(deps.services.db, userId);
        if (!connection) throw errors.notFound('Google connection for user', userId);
        return connectionView(connection);
      },
    );

    // Google's redirect lands here in the user's browser: the one-time state authenticates it.
    app.get(OAUTH_CALLBACK_PATH, { config: { audience: 'link' }, schema: { querystring: OAuthCallbackQuery } }, async (request, reply) => {
      const { state, code, error } = request.query;
      const page = (status: number, title: string, text: string) =>
        reply.status(status).type('text/html; charset=utf-8').send(callbackPage(title, text));
      if (error) return page(400, 'Google access was not granted', `Google answered "${error}". Start connecting again from SkyTwin when you are ready.`);
      if (!state || !code) return page(400, 'Incomplete sign-in', 'This address is missing its state or code. Start connecting again from SkyTwin.');
      try {
        const { userId } = await finishGoogleConsent(deps.services, google(), { state, code });
        return page(200, 'Google account connected', `SkyTwin now watches this account for user ${userId}. You can close this tab.`);
      } catch (failure) {
        if (failure instanceof AppError) return page(failure.status, 'Could not connect Google', failure.message);
        throw failure;
      }
    });
  };
}

function callbackPage(title: string, text: string): string {
  const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SkyTwin: ${escape(title)}</title><link rel="stylesheet" href="/notice.css"></head><body><main class="notice"><h1>${escape(title)}</h1><p>${escape(text)}</p></main></body></html>`;
}
