import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { attachNudge, closeAnswered, followUpsDue, followUpsToNudge, recordQuestions, rescheduleFollowUps, type AskedQuestion } from './follow-ups.js';
import { loadIngestContext } from './ingest-context.js';
import { insertUser } from './users.js';

const T0 = new Date('2026-11-30T09:00:00Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(T0.getTime() + days * DAY);

describe.each(backends())('follow-ups (%s)', (backend) => {
  let database: TestDatabase;
  let userId: string;
  const question = (threadId: string, askedAt: Date, askedMessageId = `m-${threadId}`): AskedQuestion => ({
    userId,
    threadId,
    askedMessageId,
    counterpart: 'bob@example.com',
    counterpartName: 'Bob',
    subject: `About ${threadId}`,
    question: 'Could you send the slides?',
    askedAt,
    dueAt: new Date(askedAt.getTime() + 3 * DAY),
  });

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    userId = randomUUID();
    await insertUser(database.db, { id: userId, email: `asker-${userId}@example.com`, name: null, tokenHash: `hash-${userId}`, now: T0 });
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });
  // Ingest reads the open questions on a batch's threads with the rest of its context.
  const openOn = async (threads: string[]) =>
    (await loadIngestContext(database.db, { userId, keys: [], counterparts: [], calendar: null, threads, now: T0 }))?.openQuestions ?? [];

  it('lists open questions once due, closes answered ones, and keeps a re-sync from recording twice', async () => {
    const db = database.db;
    expect(await recordQuestions(db, [question('t1', T0), question('t2', T0)], T0)).toBe(2);
    expect(await recordQuestions(db, [question('t1', T0)], at(1))).toBe(0);
    expect(await followUpsDue(db, userId, at(2))).toEqual([]);
    const due = await followUpsDue(db, userId, at(3));
    expect(due.map((d) => d.threadId)).toEqual(['t1', 't2']);
    expect(due[0]).toMatchObject({ counterpart: 'bob@example.com', counterpartName: 'Bob', subject: 'About t1', decisionId: null, askedAt: T0, dueAt: at(3) });

    // A message on t2 sent before the question does not answer it; one after does.
    expect((await openOn(['t2', 'elsewhere'])).map((q) => ({ ...q }))).toEqual([{ threadId: 't2', askedMessageId: 'm-t2', askedAt: T0 }]);
    expect(await closeAnswered(db, userId, [{ threadId: 't2', at: at(-1) }], await openOn(['t2']))).toEqual([]);
    const nudge = randomUUID();
    await attachNudge(db, { userId, threadId: 't2', askedMessageId: 'm-t2' }, nudge);
    await attachNudge(db, { userId, threadId: 't2', askedMessageId: 'm-t2' }, randomUUID());
    expect((await followUpsDue(db, userId, at(3))).find((d) => d.threadId === 't2')?.decisionId).toBe(nudge);
    const stale = await openOn(['t2']);
    expect(await closeAnswered(db, userId, [{ threadId: 't2', at: at(4) }], stale)).toEqual([{ threadId: 't2', decisionId: nudge, counterpart: 'bob@example.com', at: at(4) }]);
    expect(await openOn(['t2'])).toEqual([]);
    // A list read before another request closed the question closes nothing twice.
    expect(await closeAnswered(db, userId, [{ threadId: 't2', at: at(5) }], stale)).toEqual([]);
    expect((await followUpsToNudge(db, at(5))).filter((d) => d.userId === userId).map((d) => d.threadId)).toEqual(['t1']);
  });

  it('closes an older question when the user asks again on the thread, and reschedules open ones', async () => {
    const db = database.db;
    await recordQuestions(db, [question('t3', at(10), 'first')], at(10));
    await recordQuestions(db, [question('t3', at(11), 'second')], at(11));
    expect((await followUpsDue(db, userId, at(20))).filter((d) => d.threadId === 't3').map((d) => d.askedMessageId)).toEqual(['second']);
    await rescheduleFollowUps(db, userId, 7);
    expect((await followUpsDue(db, userId, at(17))).filter((d) => d.threadId === 't3')).toEqual([]);
    expect((await followUpsDue(db, userId, at(18))).find((d) => d.threadId === 't3')?.dueAt).toEqual(at(18));
  });
});
