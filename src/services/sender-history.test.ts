import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { backends } from '../../test/support/database.js';
import { emailSignal, invitation, newsletter } from '../../test/support/signals.js';
import { addUser, setSettings } from '../../test/support/users.js';
import { loadIngestContext, MIGRATIONS, type Schema } from '../store/index.js';

interface Counts {
  user_id: string;
  counterpart: string;
  seen: number;
  replied: number;
}

/**
 * What ingest counted before the counters were stored: every decision about the counterpart, and
 * every executed reply to it (draft_reply or rsvp, kind execute) that succeeded. Kept here only,
 * as the reference the stored counters must equal.
 */
async function countedFromHistory(db: Kysely<Schema>): Promise<Counts[]> {
  const seen = await sql<{ user_id: string; counterpart: string; n: string }>`
    SELECT user_id, counterpart, count(*) AS n FROM decisions WHERE counterpart IS NOT NULL GROUP BY user_id, counterpart`.execute(db);
  const replied = await sql<{ user_id: string; counterpart: string; n: string }>`
    SELECT a.user_id, d.counterpart, count(*) AS n
    FROM actions a JOIN decisions d ON d.id = a.decision_id
    WHERE a.kind = 'execute' AND a.state = 'succeeded' AND a.action_type IN ('draft_reply', 'rsvp') AND d.counterpart IS NOT NULL
    GROUP BY a.user_id, d.counterpart`.execute(db);
  const byKey = new Map<string, Counts>();
  const entry = (userId: string, counterpart: string) => {
    const key = `${userId} ${counterpart}`;
    const found = byKey.get(key) ?? { user_id: userId, counterpart, seen: 0, replied: 0 };
    byKey.set(key, found);
    return found;
  };
  for (const row of seen.rows) entry(row.user_id, row.counterpart).seen = Number(row.n);
  for (const row of replied.rows) entry(row.user_id, row.counterpart).replied = Number(row.n);
  return sorted([...byKey.values()]);
}

async function stored(db: Kysely<Schema>): Promise<Counts[]> {
  const rows = await db.selectFrom('sender_history').selectAll().execute();
  return sorted(rows.map((row) => ({ user_id: row.user_id, counterpart: row.counterpart, seen: Number(row.seen_count), replied: Number(row.replied_count) })));
}

function sorted(rows: Counts[]): Counts[] {
  return rows.sort((a, b) => `${a.user_id} ${a.counterpart}`.localeCompare(`${b.user_id} ${b.counterpart}`));
}

async function queuedReplies(db: Kysely<Schema>): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    SELECT count(*) AS n FROM actions WHERE kind = 'execute' AND state = 'pending' AND action_type = 'draft_reply'`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

const SENDERS = ['Bob <bob@example.com>', 'Carol <carol@example.org>', 'dave@example.net'];

describe.each(backends())('stored sender history (%s)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t.close());

  async function post(signals: object[]) {
    const response = await t.call({ method: 'POST', url: '/api/events/ingest', payload: { signals } });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.results as { decisionId: string; duplicate: boolean }[];
  }

  async function answerAll(userId: string) {
    const pending = await t.call({ method: 'GET', url: `/api/users/${userId}/approvals?status=pending&limit=100` });
    const approvals = pending.body.approvals as { id: string }[];
    for (const [index, approval] of approvals.entries()) {
      const verb = index % 4 === 3 ? 'reject' : 'approve';
      const answered = await t.call({ method: 'POST', url: `/api/approvals/${approval.id}/${verb}`, payload: verb === 'reject' ? {} : undefined });
      expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    }
  }

  it('equals the counts over the whole history, through replies that failed, undone ones and duplicates, and the backfill gives the same rows', async () => {
    const db = t.database.db;
    const users = [await addUser(t), await addUser(t)];
    let replyFailed = false;
    await setSettings(t, users[0]?.id ?? '', { trustTiers: { email: 'suggest', calendar: 'suggest' } });
    await setSettings(t, users[1]?.id ?? '', { trustTiers: { email: 'moderate', calendar: 'moderate' } });
    for (const user of users) {
      for (let round = 0; round < 3; round++) {
        const batch = [
          ...SENDERS.map((from, index) => emailSignal(user.id, { from, subject: `Question ${round}.${index}`, bodyText: `Hi, can you send me the notes from ${round}? Thanks` })),
          invitation(user.id, { organizer: 'erin@example.com', start: `2026-11-2${6 + round}T10:00:00+01:00`, end: `2026-11-2${6 + round}T11:00:00+01:00` }),
          invitation(user.id, { organizer: 'bob@example.com', start: `2026-12-0${1 + round}T15:00:00Z`, end: `2026-12-0${1 + round}T16:00:00Z` }),
          newsletter(user.id),
        ];
        await post(batch);
        // The same signals again, in one batch with a new one: duplicates decide nothing and count nothing.
        const again = await post([...batch.slice(0, 2), emailSignal(user.id, { from: SENDERS[round] ?? '', subject: 'Quick one' })]);
        expect(again.map((r) => r.duplicate)).toEqual([true, true, false]);
        await answerAll(user.id);
        // One reply fails when it runs, so it is not a reply sent. The failure is scripted only when a
        // reply is queued: one left armed would fail the undo below instead.
        if (!replyFailed && (await queuedReplies(db)) > 0) {
          t.executor.script('draft_reply', { status: 'failed', reason: 'Gmail refused the draft' });
          replyFailed = true;
        }
        await t.runner.drain();
      }
    }
    // Undo the first reply that went out: the undo succeeds, the reply it undoes still counts as sent.
    const [reply] = (
      await sql<{ decision_id: string }>`
        SELECT decision_id FROM actions WHERE kind = 'execute' AND state = 'succeeded' AND action_type = 'draft_reply' ORDER BY created_at, id LIMIT 1`.execute(db)
    ).rows;
    const undo = await t.call({ method: 'POST', url: `/api/decisions/${reply?.decision_id ?? ''}/undo` });
    expect(undo.status, JSON.stringify(undo.body)).toBe(202);
    await t.runner.drain();

    const states = await sql<{ kind: string; state: string; action_type: string; n: string }>`
      SELECT kind, state, action_type, count(*) AS n FROM actions GROUP BY kind, state, action_type`.execute(db);
    const has = (kind: string, state: string, type: string) => states.rows.some((r) => r.kind === kind && r.state === state && r.action_type === type);
    // The history holds what the counters must get right, or the comparison below proves little.
    expect(has('execute', 'succeeded', 'draft_reply')).toBe(true);
    expect(has('execute', 'succeeded', 'rsvp')).toBe(true);
    expect(has('execute', 'failed', 'draft_reply')).toBe(true);
    expect(has('undo', 'succeeded', 'draft_reply')).toBe(true);

    const reference = await countedFromHistory(db);
    expect(reference.filter((row) => row.replied > 0).length).toBeGreaterThanOrEqual(3);
    expect(reference.some((row) => row.seen > row.replied + 1)).toBe(true);
    expect(new Set(reference.map((row) => row.user_id)).size).toBe(2);
    expect(await stored(db)).toEqual(reference);

    // What the pipeline reads for a batch is the same numbers, and nothing for a sender never seen.
    for (const user of users) {
      const counterparts = [...reference.filter((row) => row.user_id === user.id).map((row) => row.counterpart), 'nobody@example.com'];
      const context = await loadIngestContext(db, { userId: user.id, keys: [], counterparts, calendar: null, now: t.clock.now() });
      const read = [...(context?.senders ?? new Map()).entries()].map(([counterpart, history]) => [counterpart, history.seenCount, history.repliedCount]);
      const expected = counterparts.map((c) => {
        const row = reference.find((r) => r.user_id === user.id && r.counterpart === c);
        return [c, row?.seen ?? 0, row?.replied ?? 0];
      });
      expect(read).toEqual(expected);
    }

    // The migration that fills the table for an existing database gives the same rows, twice over.
    const fill = MIGRATIONS.find((m) => m.id === '0081_sender_history_filled');
    if (!fill) throw new Error('the backfill migration is missing');
    await sql`DELETE FROM sender_history`.execute(db);
    await sql.raw(fill.sql).execute(db);
    expect(await stored(db)).toEqual(reference);
    await sql`UPDATE sender_history SET seen_count = seen_count + 5`.execute(db);
    await sql.raw(fill.sql).execute(db);
    expect(await stored(db)).toEqual(reference);
  });
});
