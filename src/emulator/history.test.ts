import { afterEach, describe, expect, it } from 'vitest';
import { googleError, startTestEmulator, type TestEmulator } from './emulator.testkit.js';

interface HistoryBody {
  history?: {
    id: string;
    messages: { id: string; threadId: string }[];
    messagesAdded?: { message: { id: string; threadId: string; labelIds: string[] } }[];
    messagesDeleted?: { message: { id: string; threadId: string } }[];
    labelsAdded?: { message: { id: string; labelIds: string[] }; labelIds: string[] }[];
    labelsRemoved?: { message: { id: string; labelIds: string[] }; labelIds: string[] }[];
  }[];
  nextPageToken?: string;
  historyId: string;
}

let t: TestEmulator;
afterEach(() => t?.close());

const mail = (subject: string) => ({ from: 'Bob <bob@example.com>', subject, text: `About ${subject}` });
const profileHistoryId = async (): Promise<string> => (await t.api<{ historyId: string }>('/gmail/v1/users/me/profile')).body.historyId;

describe('history.list', () => {
  it('reports additions and label changes after a start id, with increasing record ids', async () => {
    t = await startTestEmulator();
    await t.control.addMessage(t.email, mail('before'));
    const start = await profileHistoryId();
    const a = await t.control.addMessage(t.email, mail('one'));
    await t.api(`/gmail/v1/users/me/messages/${a.id}/modify`, { method: 'POST', body: { addLabelIds: ['STARRED'], removeLabelIds: ['UNREAD'] } });

    const res = await t.api<HistoryBody>(`/gmail/v1/users/me/history?startHistoryId=${start}`);
    expect(res.status).toBe(200);
    const history = res.body.history ?? [];
    expect(history).toHaveLength(2);
    expect(history[0]).toEqual({
      id: String(Number(start) + 1),
      messages: [{ id: a.id, threadId: a.threadId }],
      messagesAdded: [{ message: { id: a.id, threadId: a.threadId, labelIds: ['INBOX', 'UNREAD'] } }],
    });
    expect(history[1]).toEqual({
      id: String(Number(start) + 2),
      messages: [{ id: a.id, threadId: a.threadId }],
      labelsAdded: [{ message: { id: a.id, threadId: a.threadId, labelIds: ['INBOX', 'STARRED'] }, labelIds: ['STARRED'] }],
      labelsRemoved: [{ message: { id: a.id, threadId: a.threadId, labelIds: ['INBOX', 'STARRED'] }, labelIds: ['UNREAD'] }],
    });
    expect(res.body.historyId).toBe(await profileHistoryId());
    expect(res.body.nextPageToken).toBeUndefined();

    const nothingNew = await t.api<HistoryBody>(`/gmail/v1/users/me/history?startHistoryId=${res.body.historyId}`);
    expect(nothingNew.body).toEqual({ historyId: res.body.historyId });
  });

  it('filters by historyTypes and labelId, and records deletions', async () => {
    t = await startTestEmulator();
    const start = await profileHistoryId();
    const a = await t.control.addMessage(t.email, mail('a'));
    const b = await t.control.addMessage(t.email, { ...mail('b'), labels: ['SPAM'] });
    await t.api(`/gmail/v1/users/me/messages/${a.id}/modify`, { method: 'POST', body: { removeLabelIds: ['INBOX'] } });
    await t.control.deleteMessage(t.email, b.id);

    const added = await t.api<HistoryBody>(`/gmail/v1/users/me/history?startHistoryId=${start}&historyTypes=messageAdded`);
    expect(added.body.history?.map((h) => h.messagesAdded?.[0]?.message.id)).toEqual([a.id, b.id]);
    expect(added.body.history?.every((h) => h.labelsRemoved === undefined)).toBe(true);

    const removedOrDeleted = await t.api<HistoryBody>(`/gmail/v1/users/me/history?startHistoryId=${start}&historyTypes=labelRemoved&historyTypes=messageDeleted`);
    expect(removedOrDeleted.body.history?.map((h) => Object.keys(h).sort())).toEqual([
      ['id', 'labelsRemoved', 'messages'],
      ['id', 'messages', 'messagesDeleted'],
    ]);
    expect(removedOrDeleted.body.history?.[1]?.messagesDeleted?.[0]?.message.id).toBe(b.id);

    const spamOnly = await t.api<HistoryBody>(`/gmail/v1/users/me/history?startHistoryId=${start}&labelId=SPAM`);
    expect(spamOnly.body.history?.map((h) => h.messages[0]?.id)).toEqual([b.id, b.id]);

    const badType = await t.api(`/gmail/v1/users/me/history?startHistoryId=${start}&historyTypes=messageRead`);
    expect(badType.status).toBe(400);
    const missing = await t.api('/gmail/v1/users/me/history');
    expect(missing.status).toBe(400);
    expect(googleError(missing.body).reason).toBe('invalidArgument');
  });

  it('pages with maxResults', async () => {
    t = await startTestEmulator();
    const start = await profileHistoryId();
    for (let i = 0; i < 5; i += 1) await t.control.addMessage(t.email, mail(`m${i}`));
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const res = await t.api<HistoryBody>(`/gmail/v1/users/me/history?startHistoryId=${start}&maxResults=2${token ? `&pageToken=${token}` : ''}`);
      expect((res.body.history ?? []).length).toBeLessThanOrEqual(2);
      ids.push(...(res.body.history ?? []).map((h) => h.id));
      token = res.body.nextPageToken;
    } while (token);
    expect(ids).toEqual([1, 2, 3, 4, 5].map((n) => String(Number(start) + n)));
  });

  it('answers 404 once the start id is older than the retained window', async () => {
    t = await startTestEmulator({ historyRetention: 3 });
    const start = await profileHistoryId();
    await t.control.addMessage(t.email, mail('1'));
    await t.control.addMessage(t.email, mail('2'));
    await t.control.addMessage(t.email, mail('3'));
    expect((await t.api(`/gmail/v1/users/me/history?startHistoryId=${start}`)).status).toBe(200);
    await t.control.addMessage(t.email, mail('4'));
    const expired = await t.api(`/gmail/v1/users/me/history?startHistoryId=${start}`);
    expect(expired.status).toBe(404);
    expect(googleError(expired.body)).toMatchObject({ code: 404, reason: 'notFound', status: 'NOT_FOUND' });
    const stillKept = await t.api<HistoryBody>(`/gmail/v1/users/me/history?startHistoryId=${Number(start) + 1}`);
    expect(stillKept.status).toBe(200);
    expect(stillKept.body.history).toHaveLength(3);
  });

  it('answers 404 for every earlier id after the control API expires cursors; the new profile id works', async () => {
    t = await startTestEmulator();
    await t.control.addMessage(t.email, mail('x'));
    const before = await profileHistoryId();
    await t.control.expireCursors(t.email);
    expect((await t.api(`/gmail/v1/users/me/history?startHistoryId=${before}`)).status).toBe(404);
    const after = await profileHistoryId();
    expect(Number(after)).toBeGreaterThan(Number(before));
    const fresh = await t.control.addMessage(t.email, mail('y'));
    const res = await t.api<HistoryBody>(`/gmail/v1/users/me/history?startHistoryId=${after}`);
    expect(res.body.history?.[0]?.messagesAdded?.[0]?.message.id).toBe(fresh.id);
  });
});
