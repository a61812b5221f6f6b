import { Type, type Static } from '@sinclair/typebox';
import { ConnectionStatus } from './sync.js';

const CalendarId = Type.String({ minLength: 1, maxLength: 300 });

/** What a client may see of a Google connection: never the credentials. */
export const ConnectionBody = Type.Object({
  provider: Type.Literal('google'),
  status: ConnectionStatus,
  /** Why it needs reconnecting, in words; null while connected. */
  statusReason: Type.Union([Type.String(), Type.Null()]),
  accountEmail: Type.Union([Type.String(), Type.Null()]),
  scopes: Type.Array(Type.String()),
  calendars: Type.Array(Type.String()),
  connectedAt: Type.String({ format: 'date-time' }),
});
export type Connection = Static<typeof ConnectionBody>;

/** POST /api/users/:userId/connections/google: store credentials without the browser flow. */
export const StoreRefreshTokenBody = Type.Object(
  {
    refreshToken: Type.String({ minLength: 10, maxLength: 2048 }),
    accountEmail: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    calendars: Type.Optional(Type.Array(CalendarId, { minItems: 1, maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type StoreRefreshToken = Static<typeof StoreRefreshTokenBody>;

/** PUT /api/users/:userId/connections/google/calendars: the calendars to watch. */
export const WatchCalendarsBody = Type.Object({ calendars: Type.Array(CalendarId, { minItems: 1, maxItems: 50 }) }, { additionalProperties: false });
export type WatchCalendars = Static<typeof WatchCalendarsBody>;

/** GET /api/users/:userId/connections/google/calendars: what is watched, and every calendar the account can see. */
export const CalendarListBody = Type.Object({
  watched: Type.Array(Type.String()),
  available: Type.Array(
    Type.Object({ id: Type.String(), summary: Type.String(), primary: Type.Boolean(), accessRole: Type.String(), watched: Type.Boolean() }),
  ),
});
export type CalendarList = Static<typeof CalendarListBody>;

/** POST /api/users/:userId/connections/google/consent: the address to open; its state expires. */
export const ConsentStartBody = Type.Object({
  consentUrl: Type.String(),
  state: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type ConsentStart = Static<typeof ConsentStartBody>;

/** Google's redirect back (GET /api/oauth/google/callback); it answers an HTML page. */
export const OAuthCallbackQuery = Type.Object({
  state: Type.Optional(Type.String({ maxLength: 200 })),
  code: Type.Optional(Type.String({ maxLength: 2048 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
});
export type OAuthCallback = Static<typeof OAuthCallbackQuery>;
