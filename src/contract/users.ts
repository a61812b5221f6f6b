// Adding users (owner only) and reading them; the list's shapes are the Users page's (users-view.ts).
import { Type, type Static } from '@sinclair/typebox';
import { SettingsBody } from './settings.js';
import { UsersViewEntry } from './users-view.js';

/** POST /api/users */
export const CreateUserBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 320 }),
    name: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type CreateUserInput = Static<typeof CreateUserBody>;

/** POST /api/users (201): the new user, its settings (observer everywhere) and its token, shown this once. */
export const CreatedUserBody = Type.Composite([UsersViewEntry, Type.Object({ token: Type.String({ minLength: 1 }), settings: SettingsBody })]);
export type CreatedUser = Static<typeof CreatedUserBody>;
