import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { recentAnswers } from './answers.js';
import { json } from './parse.js';
import { insertUser } from './users.js';

const T0 = new Date('2026-11-02T08:00:00Z');
const MINUTE = 60_000;
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

describe.each(backends())('recent answers (%s)', (backend) => {
  let database: TestDatabase;
  let userId: string;
  /** Answer ids in the order given, newest last. */
  const answered: string[] = [];

  async function decision(minute: number): Promise<string> {
    const signalId = randomUUID();
    const decisionId = randomUUID();
    await database.db
      .insertInto('signals')
      .values({ id: signalId, user_id: userId, source: 'gmail', external_id: `m${minute}`, type: 'email', occurred_at: at(minute), data: json({}), created_at: at(minute) })
      .execute();
    await database.db
      .insertInto('decisions')
      .values({
        id: decisionId,
        user_id: userId,
        signal_id: signalId,
        domain: 'email',
        situation_kind: 'newsletter',
        situation: json({ urgency: (minute / 10) % 2 === 0 ? 'high' : 'normal' }),
        counterpart: null,
        tier: 'suggest',
        outcome: 'needs_approval',
        selected_position: 0,
        reasons: json([]),
        not_before: null,
        created_at: at(minute),
      })
      .execute();
    return decisionId;
  }

  async function feedback(decisionId: string | null, kind: string, minute: number): Promise<string> {
    const id = randomUUID();
    await database.db
      .insertInto('feedback_events')
      .values({ id, user_id: userId, decision_id: decisionId, kind, payload: json({}), twin_version: 1, created_at: at(minute) })
      .execute();
    return id;
  }

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    userId = randomUUID();
    await insertUser(database.db, { id: userId, email: `answers-${userId}@example.com`, name: null, tokenHash: `hash-${userId}`, now: T0 });
    for (let i = 0; i < 12; i++) {
      const decisionId = await decision(i * 10);
      answered.push(await feedback(decisionId, i % 3 === 0 ? 'reject' : 'approve', i * 10 + 5));
      // A restated preference is not an answer, even on a decision, and must not take a place in the list.
      await feedback(i % 4 === 0 ? decisionId : null, 'restate', i * 10 + 6);
    }
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  it('lists the newest answers first, only answers, with their decisions', async () => {
    const five = await recentAnswers(database.db, userId, 5);
    expect(five.map((a) => a.answerId)).toEqual(answered.slice(-5).reverse());
    expect(five[0]).toMatchObject({ kind: 'approve', domain: 'email', urgency: 'normal', askedAt: at(110), answeredAt: at(115) });
    expect(five[1]).toMatchObject({ kind: 'approve', urgency: 'high', askedAt: at(100), answeredAt: at(105) });
    const all = await recentAnswers(database.db, userId, 100);
    expect(all.map((a) => a.answerId)).toEqual([...answered].reverse());
  });
});
