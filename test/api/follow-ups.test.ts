import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followUpsDue } from '../../src/store/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { emailSignal } from '../support/signals.js';
import { addUser, countRows, setSettings } from '../support/users.js';

// The follow-up wait as a setting, and POST /api/events/sent-mail: what it records, what it refuses.

const MONDAY = '2026-11-30T09:00:00.000Z';
const DAY = 86_400_000;
const at = (days: number) => new Date(Date.parse(MONDAY) + days * DAY);

describe('follow-up settings and sent mail over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(undefined, new ManualClock(new Date(MONDAY)));
  });
  afterAll(async () => t.close());

  const sent = (userId: string, body: string, messageId: string) =>
    emailSignal(userId, { messageId, threadId: messageId, from: 'Ann <ann@example.com>', to: ['Bob <bob@example.com>'], subject: 'Slides', bodyText: body, labels: ['SENT'] }, MONDAY);

  it('shows the wait (3 days unless set), takes a new one that moves what is waiting, and refuses a bad one', async () => {
    const user = await addUser(t, 'ann@example.com');
    const shown = await t.call({ method: 'GET', url: `/api/users/${user.id}/settings` });
    expect(shown.body.followUpAfterDays).toBe(3);

    const posted = await t.call({ method: 'POST', url: '/api/events/sent-mail', payload: { signals: [sent(user.id, 'Could you send the slides?', 's1'), sent(user.id, 'Here they are.', 's2')] } });
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    expect(posted.body.results).toEqual([
      { externalId: 's1', question: 'Could you send the slides?' },
      { externalId: 's2', question: null },
    ]);
    expect(await countRows(t, 'decisions')).toBe(0);
    expect((await followUpsDue(t.database.db, user.id, at(3))).map((item) => item.askedMessageId)).toEqual(['s1']);

    expect((await setSettings(t, user.id, { followUpAfterDays: 5 })).followUpAfterDays).toBe(5);
    expect(await followUpsDue(t.database.db, user.id, at(4))).toEqual([]);
    expect((await followUpsDue(t.database.db, user.id, at(5))).map((item) => item.dueAt)).toEqual([at(5)]);

    const refused = await t.call({ method: 'PUT', url: `/api/users/${user.id}/settings`, payload: { followUpAfterDays: 0 } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.error.details)).toContain('followUpAfterDays');
    expect((await t.call({ method: 'GET', url: `/api/users/${user.id}/settings` })).body.followUpAfterDays).toBe(5);
  });

  it('refuses mail the user did not send, and another user\'s mail under a user token, changing nothing', async () => {
    const ann = await addUser(t);
    const other = await addUser(t);
    const received = emailSignal(ann.id, { bodyText: 'Could you call me?' });
    const notSent = await t.call({ method: 'POST', url: '/api/events/sent-mail', payload: { signals: [received] } });
    expect(notSent.status).toBe(400);
    expect(notSent.body.error.details).toEqual([{ field: 'signals[0]', message: expect.stringContaining('SENT') }]);
    const foreign = await t.call({ method: 'POST', url: '/api/events/sent-mail', token: ann.token, payload: { signals: [sent(other.id, 'Any news?', 'f1')] } });
    expect(foreign.status).toBe(404);
    expect(await followUpsDue(t.database.db, other.id, at(30))).toEqual([]);
    expect(await followUpsDue(t.database.db, ann.id, at(30))).toEqual([]);
  });
});
