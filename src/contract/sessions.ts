import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './common.js';

/** POST /api/sessions: the owner's token mints an owner link, or one for `userId`; a user's token mints that user's. */
export const CreateSessionBody = Type.Object(
  { userId: Type.Optional(Type.Union([Uuid, Type.Null()])) },
  { additionalProperties: false },
);
export type CreateSessionBody = Static<typeof CreateSessionBody>;

/** A one-time sign-in link: opening it sets the dashboard's HttpOnly session cookie. */
export const SignInLinkBody = Type.Object({
  url: Type.String({ format: 'uri' }),
  expiresAt: Type.String({ format: 'date-time' }),
  userId: Type.Union([Uuid, Type.Null()]),
});
export type SignInLinkBody = Static<typeof SignInLinkBody>;

/** GET /signin: the one-time code from the link. */
export const SignInQuery = Type.Object({ code: Type.Optional(Type.String({ maxLength: 4000 })) });
export type SignInQuery = Static<typeof SignInQuery>;

/** GET /api/session: who the caller is and, for a cookie session, until when. */
export const SessionBody = Type.Object({
  kind: Type.Union([Type.Literal('owner'), Type.Literal('user')]),
  userId: Type.Union([Uuid, Type.Null()]),
  /** How the caller proved who they are: a dashboard session cookie, or a Bearer token. */
  via: Type.Union([Type.Literal('cookie'), Type.Literal('token')]),
  /** When a cookie session ends; null for a token. */
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type SessionBody = Static<typeof SessionBody>;

/** POST /api/session/signout. */
export const SignedOutBody = Type.Object({ signedOut: Type.Boolean() });
export type SignedOutBody = Static<typeof SignedOutBody>;
