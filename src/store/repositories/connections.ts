import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';
import { json } from './parse.js';

export type ConnectionStatus = 'connected' | 'needs_reconnect';

export interface GoogleConnectionRecord {
  userId: string;
  status: ConnectionStatus;
  accountEmail: string | null;
  scopes: string[];
  calendars: string[];
  /** Sealed with the credentials box; never leaves the API process. */
  refreshTokenSealed: string;
  statusReason: string | null;
  /** The worker's last breaker report for this user. */
  breaker: unknown;
  connectedAt: Date;
  updatedAt: Date;
}

function toRecord(row: {
  user_id: string;
  status: string;
  account_email: string | null;
  scopes: unknown;
  calendars: unknown;
  refresh_token_sealed: string;
  status_reason: string | null;
  breaker: unknown;
  connected_at: Date;
  updated_at: Date;
}): GoogleConnectionRecord {
  return {
    userId: row.user_id,
    status: row.status === 'connected' ? 'connected' : 'needs_reconnect',
    accountEmail: row.account_email,
    scopes: row.scopes as string[],
    calendars: row.calendars as string[],
    refreshTokenSealed: row.refresh_token_sealed,
    statusReason: row.status_reason,
    breaker: row.breaker,
    connectedAt: row.connected_at,
    updatedAt: row.updated_at,
  };
}

/** Stores fresh credentials: the connection is `connected` again whatever it was. */
export async function saveGoogleConnection(
  db: Kysely<Schema>,
  connection: { userId: string; accountEmail: string | null; scopes: string[]; calendars: string[] | null; refreshTokenSealed: string; now: Date },
): Promise<void> {
  const values = {
    status: 'connected',
    account_email: connection.accountEmail,
    scopes: json(connection.scopes),
    refresh_token_sealed: connection.refreshTokenSealed,
    status_reason: null,
    breaker: null,
    connected_at: connection.now,
    updated_at: connection.now,
  };
  await db
    .insertInto('google_connections')
    .values({ user_id: connection.userId, calendars: json(connection.calendars ?? ['primary']), ...values })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet(connection.calendars ? { ...values, calendars: json(connection.calendars) } : values),
    )
    .execute();
}

export async function findGoogleConnection(db: Kysely<Schema>, userId: string): Promise<GoogleConnectionRecord | null> {
  const row = await db.selectFrom('google_connections').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function listGoogleConnections(db: Kysely<Schema>): Promise<GoogleConnectionRecord[]> {
  const rows = await db.selectFrom('google_connections').selectAll().orderBy('connected_at').orderBy('user_id').execute();
  return rows.map(toRecord);
}

/** Marks credentials dead (e.g. revoked); the worker stops polling the user until they reconnect. */
export async function markNeedsReconnect(db: Kysely<Schema>, userId: string, reason: string, now: Date): Promise<void> {
  await db
    .updateTable('google_connections')
    .set({ status: 'needs_reconnect', status_reason: reason, updated_at: now })
    .where('user_id', '=', userId)
    .execute();
}

export async function setWatchedCalendars(db: Kysely<Schema>, userId: string, calendars: string[], now: Date): Promise<boolean> {
  const result = await db
    .updateTable('google_connections')
    .set({ calendars: json(calendars), updated_at: now })
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface OAuthFlowRecord {
  state: string;
  userId: string;
  verifierSealed: string;
  redirectUri: string;
  expiresAt: Date;
}

export async function insertOAuthFlow(db: Kysely<Schema>, flow: OAuthFlowRecord & { now: Date }): Promise<void> {
  await db
    .insertInto('oauth_flows')
    .values({
      state: flow.state,
      user_id: flow.userId,
      verifier_sealed: flow.verifierSealed,
      redirect_uri: flow.redirectUri,
      expires_at: flow.expiresAt,
      created_at: flow.now,
    })
    .execute();
}

/** Consumes a pending flow: a state works once, and not after it expired (expired ones are swept). */
export async function takeOAuthFlow(db: Kysely<Schema>, state: string, now: Date): Promise<OAuthFlowRecord | null> {
  await db.deleteFrom('oauth_flows').where('expires_at', '<=', now).execute();
  const row = await db.deleteFrom('oauth_flows').where('state', '=', state).returningAll().executeTakeFirst();
  if (!row) return null;
  return { state: row.state, userId: row.user_id, verifierSealed: row.verifier_sealed, redirectUri: row.redirect_uri, expiresAt: row.expires_at };
}
