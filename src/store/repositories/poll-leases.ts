import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';
import { toInt } from './parse.js';

/** A free lease: nobody holds it, and it lapsed long ago. */
const FREE = { holder: '', lease_until: new Date(0) };

/** A worker unseen this long is dropped from poll_workers (it only counts while its claim is live anyway). */
const FORGET_WORKER_MS = 24 * 60 * 60_000;

export interface PollLeaseClaim {
  workerId: string;
  now: Date;
  leaseMs: number;
  /** Users this worker is polling right now: it keeps them even above its fair share. */
  busy: readonly string[];
}

/**
 * One worker's claim, also its renewal: it keeps (and extends) every lease it still holds, takes
 * free or lapsed ones up to its fair share of the users (their count divided among the workers
 * whose last claim is still live), and gives back what it holds above that share and is not polling, so
 * a worker that joins later gets users on the next claims. Every change is a conditional
 * `UPDATE … RETURNING`, so two workers never win the same user. Returns the user ids it holds.
 */
export async function claimPollLeases(db: Kysely<Schema>, claim: PollLeaseClaim): Promise<string[]> {
  const { workerId, now } = claim;
  const leaseUntil = new Date(now.getTime() + claim.leaseMs);
  await db
    .insertInto('poll_leases')
    .columns(['user_id', 'holder', 'lease_until', 'updated_at'])
    .expression((eb) => eb.selectFrom('google_connections').select((s) => ['user_id', s.val(FREE.holder).as('holder'), s.val(FREE.lease_until).as('lease_until'), s.val(now).as('updated_at')]))
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();

  // Held means no other worker changed the holder since; a lapsed lease nobody took is still ours.
  const renewed = await db
    .updateTable('poll_leases')
    .set({ lease_until: leaseUntil, updated_at: now })
    .where('holder', '=', workerId)
    .where('user_id', 'in', (eb) => eb.selectFrom('google_connections').select('user_id'))
    .returning('user_id')
    .execute();
  const held = renewed.map((row) => row.user_id).sort();

  await db
    .insertInto('poll_workers')
    .values({ worker_id: workerId, seen_until: leaseUntil })
    .onConflict((oc) => oc.column('worker_id').doUpdateSet({ seen_until: leaseUntil }))
    .execute();
  await db.deleteFrom('poll_workers').where('seen_until', '<', new Date(now.getTime() - FORGET_WORKER_MS)).execute();
  const users = await db
    .selectFrom('poll_leases')
    .innerJoin('google_connections', 'google_connections.user_id', 'poll_leases.user_id')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  const workers = await db
    .selectFrom('poll_workers')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('seen_until', '>=', now)
    .executeTakeFirstOrThrow();
  const share = Math.ceil(toInt(users.count) / Math.max(1, toInt(workers.count)));

  if (held.length > share) {
    const busy = new Set(claim.busy);
    const surplus = held.filter((userId) => !busy.has(userId)).slice(0, held.length - share);
    if (surplus.length > 0) {
      const released = await db
        .updateTable('poll_leases')
        .set({ ...FREE, updated_at: now })
        .where('holder', '=', workerId)
        .where('user_id', 'in', surplus)
        .returning('user_id')
        .execute();
      const gone = new Set(released.map((row) => row.user_id));
      return held.filter((userId) => !gone.has(userId));
    }
    return held;
  }
  if (held.length === share) return held;

  const candidates = await db
    .selectFrom('poll_leases')
    .innerJoin('google_connections', 'google_connections.user_id', 'poll_leases.user_id')
    .select('poll_leases.user_id')
    .where('poll_leases.lease_until', '<', now)
    .orderBy('poll_leases.lease_until')
    .orderBy('poll_leases.user_id')
    .limit(share - held.length)
    .execute();
  if (candidates.length === 0) return held;
  // The condition is checked again on each row as it is updated: of two workers racing for a
  // lapsed lease, one update matches and the other finds it live and skips it.
  const won = await db
    .updateTable('poll_leases')
    .set({ holder: workerId, lease_until: leaseUntil, updated_at: now })
    .where(
      'user_id',
      'in',
      candidates.map((row) => row.user_id),
    )
    .where('lease_until', '<', now)
    .returning('user_id')
    .execute();
  return [...held, ...won.map((row) => row.user_id)].sort();
}

/** Gives back every lease a worker holds (a clean shutdown); returns how many. */
export async function releasePollLeases(db: Kysely<Schema>, workerId: string, now: Date): Promise<number> {
  await db.deleteFrom('poll_workers').where('worker_id', '=', workerId).execute();
  const rows = await db.updateTable('poll_leases').set({ ...FREE, updated_at: now }).where('holder', '=', workerId).returning('user_id').execute();
  return rows.length;
}

/**
 * True when `workerId` still holds the user's lease. Run inside the transaction that records a
 * sync report: the update locks the row, so no other worker can take the lease before that
 * transaction commits, and a report from a worker that lost the lease never lands.
 */
export async function confirmPollLease(db: Kysely<Schema>, userId: string, workerId: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('poll_leases')
    .set({ updated_at: now })
    .where('user_id', '=', userId)
    .where('holder', '=', workerId)
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

export interface PollLeaseRecord {
  userId: string;
  holder: string | null;
  leaseUntil: Date;
}

export async function listPollLeases(db: Kysely<Schema>): Promise<PollLeaseRecord[]> {
  const rows = await db.selectFrom('poll_leases').selectAll().orderBy('user_id').execute();
  return rows.map((row) => ({ userId: row.user_id, holder: row.holder === '' ? null : row.holder, leaseUntil: row.lease_until }));
}
