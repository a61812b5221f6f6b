import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';

export interface UserRecord {
  id: string;
  email: string;
  name: string | null;
  createdAt: string;
}

type Row = { id: string; email: string; name: string | null; created_at: Date };

const toUser = (row: Row): UserRecord => ({
  id: row.id,
  email: row.email,
  name: row.name,
  createdAt: row.created_at.toISOString(),
});

export async function insertUser(
  db: Kysely<Schema>,
  user: { id: string; email: string; name: string | null; tokenHash: string; now: Date },
): Promise<UserRecord | null> {
  const row = await db
    .insertInto('users')
    .values({ id: user.id, email: user.email, name: user.name, token_hash: user.tokenHash, created_at: user.now })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning(['id', 'email', 'name', 'created_at'])
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function findUser(db: Kysely<Schema>, id: string): Promise<UserRecord | null> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function findUserByTokenHash(db: Kysely<Schema>, tokenHash: string): Promise<UserRecord | null> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'created_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function listUsers(db: Kysely<Schema>): Promise<UserRecord[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'created_at'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toUser);
}

export async function findUserByEmail(db: Kysely<Schema>, email: string): Promise<UserRecord | null> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'created_at'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return row ? toUser(row) : null;
}
