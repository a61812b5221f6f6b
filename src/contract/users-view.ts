// Users as the owner's Users page lists them.
import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './common.js';

export const UsersViewEntry = Type.Object({ id: Uuid, email: Type.String(), name: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String({ format: 'date-time' }) });
export type UsersViewUser = Static<typeof UsersViewEntry>;

/** GET /api/users: every user for the owner; only the caller for a user-scoped token. */
export const UsersViewBody = Type.Object({ users: Type.Array(UsersViewEntry) });
export type UsersView = Static<typeof UsersViewBody>;
