import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleError, startTestEmulator, type TestEmulator } from './emulator.testkit.js';

interface ListBody {
  messages?: { id: string; threadId: string }[];
  nextPageToken?: string;
  resultSizeEstimate: number;
}
interface Part {
  partId: string;
  mimeType: string;
  filename: string;
  headers: { name: string; value: string }[];
  body: { size: number; data?: string; attachmentId?: string };
  parts?: Part[];
}
interface MessageBody {
  id: string;
  threadId: string;
  labelIds: string[];
  snippet: string;
  historyId: string;
  internalDate: string;
  sizeEstimate: number;
  payload?: Part;
  raw?: string;
}

const NOW = Date.parse('2026-11-24T12:00:00Z');
const hoursAgo = (h: number): string => new Date(NOW - h * 3_600_000).toISOString();
const decode = (data: string | undefined): Buffer => Buffer.from(data ?? '', 'base64url');

let t: TestEmulator;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestEmulator({ clock: { now: () => new Date(NOW) } });
  const add = async (key: string, input: Parameters<TestEmulator['control']['addMessage']>[1]) => {
    ids[key] = (await t.control.addMessage(t.email, input)).id;
  };
  await add('old', { from: 'Old Friend <old@friend.example>', subject: 'From last month', text: 'Long ago', date: hoursAgo(24 * 30), labels: ['INBOX'] });
  await add('news', {
    from: 'Digest <digest@news.example>',
    subject: 'Weekly digest',
    text: "It's the week's news & more",
    html: '<p>It&#39;s the week&#39;s news &amp; more</p>',
    labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'],
    headers: { 'List-Unsubscribe': '<mailto:unsubscribe@news.example>' },
    date: hoursAgo(30),
    messageId: 'digest-1@news.example',
  });
  await add('mixed', {
    from: 'Billing <billing@shop.example>',
    subject: 'Your invoice',
    text: 'Invoice attached. Total €12.50',
    html: '<p>Invoice attached. Total €12.50</p>',
    multipart: 'mixed',
    attachments: [{ filename: 'invoice.txt', mimeType: 'text/plain', text: 'INVOICE 42' }],
    date: hoursAgo(5),
  });
  await add('latin', { from: 'Jörg Müller <joerg@example.de>', subject: 'Grüße aus Köln', text: 'Schöne Grüße, bis Montag', charset: 'ISO-8859-1', multipart: false, date: hoursAgo(2) });
  await add('spam', { from: 'Spammer <win@spam.example>', subject: 'You won', text: 'Click', labels: ['SPAM'], date: hoursAgo(1) });
});
afterAll(() => t.close());

describe('users.getProfile', () => {
  it('answers the address, totals and the history id as a string', async () => {
    const res = await t.api('/gmail/v1/users/me/profile');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ emailAddress: t.email, messagesTotal: 5, threadsTotal: 5, historyId: expect.stringMatching(/^\d+$/) });
  });

  it('accepts the account address as userId and refuses someone else', async () => {
    expect((await t.api(`/gmail/v1/users/${encodeURIComponent(t.email)}/profile`)).status).toBe(200);
    const other = await t.api('/gmail/v1/users/bob%40example.com/profile');
    expect(other.status).toBe(403);
    expect(googleError(other.body).reason).toBe('forbidden');
  });
});

describe('messages.list', () => {
  it('lists newest first with ids and thread ids, leaving out spam', async () => {
    const res = await t.api<ListBody>('/gmail/v1/users/me/messages');
    expect(res.status).toBe(200);
    expect(res.body.messages?.map((m) => m.id)).toEqual([ids.latin, ids.mixed, ids.news, ids.old]);
    expect(res.body.messages?.[0]).toEqual({ id: ids.latin, threadId: ids.latin });
    expect(res.body.resultSizeEstimate).toBe(4);
    expect(res.body.nextPageToken).toBeUndefined();
    for (const m of res.body.messages ?? []) expect(m.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('supports in:inbox, newer_than, is:unread and rfc822msgid, combined by spaces', async () => {
    const q = async (query: string): Promise<string[]> =>
      ((await t.api<ListBody>(`/gmail/v1/users/me/messages?q=${encodeURIComponent(query)}`)).body.messages ?? []).map((m) => m.id);
    expect(await q('in:inbox newer_than:2d')).toEqual([ids.latin, ids.mixed, ids.news]);
    expect(await q('in:inbox newer_than:3h')).toEqual([ids.latin]);
    expect(await q('is:unread newer_than:1d')).toEqual([ids.latin, ids.mixed]);
    expect(await q('rfc822msgid:<digest-1@news.example>')).toEqual([ids.news]);
    expect(await q('rfc822msgid:digest-1@news.example')).toEqual([ids.news]);
    expect(await q('in:inbox -is:unread')).toEqual([ids.old]);
    expect(await q('in:spam')).toEqual([ids.spam]);
    expect(await q('from:billing@shop.example has:attachment')).toEqual([ids.mixed]);
    expect(await q('older_than:7d')).toEqual([ids.old]);
  });

  it('filters by every labelIds given and omits messages when nothing matches', async () => {
    const res = await t.api<ListBody>('/gmail/v1/users/me/messages?labelIds=INBOX&labelIds=CATEGORY_UPDATES');
    expect(res.body.messages?.map((m) => m.id)).toEqual([ids.news]);
    const none = await t.api<ListBody>('/gmail/v1/users/me/messages?labelIds=STARRED');
    expect(none.body).toEqual({ resultSizeEstimate: 0 });
  });

  it('pages with maxResults and nextPageToken until the last page', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await t.api<ListBody>(`/gmail/v1/users/me/messages?maxResults=3${token ? `&pageToken=${token}` : ''}`);
      seen.push(...(res.body.messages ?? []).map((m) => m.id));
      token = res.body.nextPageToken;
      pages += 1;
    } while (token);
    expect(pages).toBe(2);
    expect(seen).toEqual([ids.latin, ids.mixed, ids.news, ids.old]);
    const bad = await t.api('/gmail/v1/users/me/messages?pageToken=garbage');
    expect(bad.status).toBe(400);
    expect(googleError(bad.body)).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT', reason: 'invalidArgument' });
  });
});

describe('messages.get', () => {
  it('answers multipart/alternative in full format with base64url bodies and no padding', async () => {
    const res = await t.api<MessageBody>(`/gmail/v1/users/me/messages/${ids.news}`);
    expect(res.status).toBe(200);
    const m = res.body;
    expect(Object.keys(m)).toEqual(['id', 'threadId', 'labelIds', 'snippet', 'payload', 'sizeEstimate', 'historyId', 'internalDate']);
    expect(m).toMatchObject({ id: ids.news, threadId: ids.news, labelIds: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'], internalDate: String(NOW - 30 * 3_600_000) });
    expect(m.snippet).toBe('It&#39;s the week&#39;s news &amp; more');
    expect(m.historyId).toMatch(/^\d+$/);
    const payload = m.payload as Part;
    expect(payload).toMatchObject({ partId: '', mimeType: 'multipart/alternative', filename: '', body: { size: 0 } });
    expect(payload.headers).toContainEqual({ name: 'List-Unsubscribe', value: '<mailto:unsubscribe@news.example>' });
    expect(payload.headers).toContainEqual({ name: 'Subject', value: 'Weekly digest' });
    const [plain, html] = payload.parts ?? [];
    expect(plain).toMatchObject({ partId: '0', mimeType: 'text/plain' });
    expect(html).toMatchObject({ partId: '1', mimeType: 'text/html' });
    expect(plain?.body.data).not.toMatch(/[=+/]/);
    expect(decode(plain?.body.data).toString('utf8')).toBe("It's the week's news & more");
    expect(plain?.body.size).toBe(decode(plain?.body.data).length);
    expect(decode(html?.body.data).toString('utf8')).toContain('&amp; more');
  });

  it('nests alternative inside multipart/mixed and gives attachments an id to fetch', async () => {
    const m = (await t.api<MessageBody>(`/gmail/v1/users/me/messages/${ids.mixed}`)).body;
    const payload = m.payload as Part;
    expect(payload.mimeType).toBe('multipart/mixed');
    expect(payload.parts?.map((p) => [p.partId, p.mimeType, p.filename])).toEqual([
      ['0', 'multipart/alternative', ''],
      ['1', 'text/plain', 'invoice.txt'],
    ]);
    expect(payload.parts?.[0]?.parts?.map((p) => p.partId)).toEqual(['0.0', '0.1']);
    expect(decode(payload.parts?.[0]?.parts?.[0]?.body.data).toString('utf8')).toBe('Invoice attached. Total €12.50');
    const attachment = payload.parts?.[1]?.body;
    expect(attachment?.data).toBeUndefined();
    expect(attachment?.size).toBe(10);
    const fetched = await t.api<{ size: number; data: string }>(`/gmail/v1/users/me/messages/${ids.mixed}/attachments/${attachment?.attachmentId}`);
    expect(decode(fetched.body.data).toString()).toBe('INVOICE 42');
  });

  it('keeps the declared charset: body bytes are ISO-8859-1 and headers decode', async () => {
    const m = (await t.api<MessageBody>(`/gmail/v1/users/me/messages/${ids.latin}`)).body;
    const payload = m.payload as Part;
    expect(payload.mimeType).toBe('text/plain');
    expect(payload.headers).toContainEqual({ name: 'Content-Type', value: 'text/plain; charset="ISO-8859-1"' });
    expect(payload.headers).toContainEqual({ name: 'Subject', value: 'Grüße aus Köln' });
    expect(payload.headers).toContainEqual({ name: 'From', value: 'Jörg Müller <joerg@example.de>' });
    const bytes = decode(payload.body.data);
    expect(bytes.toString('latin1')).toBe('Schöne Grüße, bis Montag');
    expect(bytes.includes(0xf6)).toBe(true);
    expect(m.snippet).toBe('Schöne Grüße, bis Montag');
  });

  it('answers metadata (selected headers), minimal and raw formats', async () => {
    const meta = (await t.api<MessageBody>(`/gmail/v1/users/me/messages/${ids.news}?format=metadata&metadataHeaders=Subject&metadataHeaders=list-unsubscribe`)).body;
    expect(meta.payload?.headers).toEqual([
      { name: 'Subject', value: 'Weekly digest' },
      { name: 'List-Unsubscribe', value: '<mailto:unsubscribe@news.example>' },
    ]);
    expect(meta.payload?.parts).toBeUndefined();
    const minimal = (await t.api<MessageBody>(`/gmail/v1/users/me/messages/${ids.news}?format=minimal`)).body;
    expect(minimal.payload).toBeUndefined();
    expect(minimal.snippet).toBeTruthy();
    const raw = (await t.api<MessageBody>(`/gmail/v1/users/me/messages/${ids.news}?format=raw`)).body;
    const text = decode(raw.raw).toString('latin1');
    expect(text).toMatch(/^From: Digest <digest@news.example>\r\n/);
    expect(text).toContain('Message-ID: <digest-1@news.example>');
    expect(raw.sizeEstimate).toBe(decode(raw.raw).length);
    const bad = await t.api(`/gmail/v1/users/me/messages/${ids.news}?format=html`);
    expect(bad.status).toBe(400);
  });

  it('answers 404 notFound in Google shape for an unknown id', async () => {
    const res = await t.api('/gmail/v1/users/me/messages/0123456789abcdef');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: {
        code: 404,
        message: 'Requested entity was not found.',
        errors: [{ message: 'Requested entity was not found.', domain: 'global', reason: 'notFound' }],
        status: 'NOT_FOUND',
      },
    });
  });
});

describe('messages.modify', () => {
  it('changes labels, answers id/threadId/labelIds, and reaches the same end state on repeat', async () => {
    const body = { addLabelIds: ['STARRED'], removeLabelIds: ['UNREAD', 'INBOX'] };
    const first = await t.api(`/gmail/v1/users/me/messages/${ids.mixed}/modify`, { method: 'POST', body });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id: ids.mixed, threadId: ids.mixed, labelIds: ['STARRED'] });
    const historyAfterFirst = (await t.api<MessageBody>(`/gmail/v1/users/me/messages/${ids.mixed}?format=minimal`)).body.historyId;
    const second = await t.api(`/gmail/v1/users/me/messages/${ids.mixed}/modify`, { method: 'POST', body });
    expect(second.body).toEqual(first.body);
    expect((await t.api<MessageBody>(`/gmail/v1/users/me/messages/${ids.mixed}?format=minimal`)).body.historyId).toBe(historyAfterFirst);
    await t.api(`/gmail/v1/users/me/messages/${ids.mixed}/modify`, { method: 'POST', body: { addLabelIds: ['INBOX', 'UNREAD'], removeLabelIds: ['STARRED'] } });
  });

  it('refuses unknown labels and empty changes with 400', async () => {
    const unknown = await t.api(`/gmail/v1/users/me/messages/${ids.mixed}/modify`, { method: 'POST', body: { addLabelIds: ['Label_999'] } });
    expect(unknown.status).toBe(400);
    expect(googleError(unknown.body).message).toBe('Invalid label: Label_999');
    const empty = await t.api(`/gmail/v1/users/me/messages/${ids.mixed}/modify`, { method: 'POST', body: {} });
    expect(empty.status).toBe(400);
    const notJson = await fetch(`${t.url}/gmail/v1/users/me/messages/${ids.mixed}/modify`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
    expect(googleError(await notJson.json()).reason).toBe('parseError');
  });
});

describe('drafts', () => {
  const raw = (messageId: string): string =>
    Buffer.from(`From: ann@example.com\r\nTo: bob@example.com\r\nSubject: Re: Weekly digest\r\nMessage-ID: <${messageId}>\r\nIn-Reply-To: <digest-1@news.example>\r\nContent-Type: text/plain; charset="UTF-8"\r\n\r\nThanks!\r\n`).toString('base64url');

  it('creates, finds by rfc822msgid, gets and deletes a draft', async () => {
    const created = await t.api<{ id: string; message: { id: string; threadId: string; labelIds: string[] } }>('/gmail/v1/users/me/drafts', {
      method: 'POST',
      body: { message: { raw: raw('skytwin-action-1@skytwin.local'), threadId: ids.news } },
    });
    expect(created.status).toBe(200);
    expect(created.body.id).toMatch(/^r-?\d+$/);
    expect(created.body.message).toEqual({ id: expect.stringMatching(/^[0-9a-f]{16}$/), threadId: ids.news, labelIds: ['DRAFT'] });

    const listed = await t.api(`/gmail/v1/users/me/drafts?q=${encodeURIComponent('rfc822msgid:<skytwin-action-1@skytwin.local>')}`);
    expect(listed.body).toEqual({ drafts: [{ id: created.body.id, message: { id: created.body.message.id, threadId: ids.news } }], resultSizeEstimate: 1 });
    expect((await t.api('/gmail/v1/users/me/drafts?q=rfc822msgid:other@x')).body).toEqual({ resultSizeEstimate: 0 });

    const got = await t.api<{ id: string; message: MessageBody }>(`/gmail/v1/users/me/drafts/${created.body.id}`);
    expect(got.body.id).toBe(created.body.id);
    expect(got.body.message.labelIds).toEqual(['DRAFT']);
    expect(decode(got.body.message.payload?.body.data).toString()).toBe('Thanks!\r\n');

    const deleted = await fetch(`${t.url}/gmail/v1/users/me/drafts/${created.body.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${t.token}` } });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect((await t.api(`/gmail/v1/users/me/drafts/${created.body.id}`)).status).toBe(404);
    expect((await t.api(`/gmail/v1/users/me/messages/${created.body.message.id}`)).status).toBe(404);
  });

  it('pages drafts and refuses a draft without raw', async () => {
    for (const n of [1, 2, 3]) await t.api('/gmail/v1/users/me/drafts', { method: 'POST', body: { message: { raw: raw(`page-${n}@skytwin.local`) } } });
    const first = await t.api<{ drafts: { id: string }[]; nextPageToken?: string }>('/gmail/v1/users/me/drafts?maxResults=2');
    expect(first.body.drafts).toHaveLength(2);
    const second = await t.api<{ drafts: { id: string }[]; nextPageToken?: string }>(`/gmail/v1/users/me/drafts?maxResults=2&pageToken=${first.body.nextPageToken}`);
    expect(second.body.drafts).toHaveLength(1);
    expect(second.body.nextPageToken).toBeUndefined();
    const missing = await t.api('/gmail/v1/users/me/drafts', { method: 'POST', body: { message: {} } });
    expect(missing.status).toBe(400);
  });
});

describe('sending and threads', () => {
  it('sends a reply into the thread, sends a draft, and reads the thread oldest first', async () => {
    const raw = Buffer.from('From: ann@example.com\r\nTo: old@friend.example\r\nSubject: Re: From last month\r\n\r\nGood to hear from you.\r\n').toString('base64url');
    const sent = await t.api<{ id: string; threadId: string; labelIds: string[] }>('/gmail/v1/users/me/messages/send', { method: 'POST', body: { raw, threadId: ids.old } });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ id: expect.stringMatching(/^[0-9a-f]{16}$/), threadId: ids.old, labelIds: ['SENT'] });
    const thread = await t.api<{ id: string; historyId: string; messages: MessageBody[] }>(`/gmail/v1/users/me/threads/${ids.old}?format=minimal`);
    expect(thread.body.id).toBe(ids.old);
    expect(thread.body.messages.map((m) => m.id)).toEqual([ids.old, sent.body.id]);

    const draft = await t.api<{ id: string; message: { id: string } }>('/gmail/v1/users/me/drafts', { method: 'POST', body: { message: { raw } } });
    const delivered = await t.api<{ id: string; labelIds: string[] }>('/gmail/v1/users/me/drafts/send', { method: 'POST', body: { id: draft.body.id } });
    expect(delivered.body).toMatchObject({ id: draft.body.message.id, labelIds: ['SENT'] });
    expect((await t.api(`/gmail/v1/users/me/drafts/${draft.body.id}`)).status).toBe(404);
    expect((await t.api('/gmail/v1/users/me/threads/ffffffffffffffff')).status).toBe(404);
  });

  it('answers 400 for an id that cannot be a message id', async () => {
    const res = await t.api('/gmail/v1/users/me/messages/not-an-id!');
    expect(res.status).toBe(400);
    expect(googleError(res.body)).toMatchObject({ message: 'Invalid id value', reason: 'invalidArgument' });
  });
});

describe('labels', () => {
  it('lists system labels and creates user labels; a duplicate name is 409', async () => {
    const listed = await t.api<{ labels: { id: string; name: string; type: string }[] }>('/gmail/v1/users/me/labels');
    expect(listed.body.labels).toContainEqual(expect.objectContaining({ id: 'INBOX', name: 'INBOX', type: 'system' }));
    expect(listed.body.labels).toContainEqual(expect.objectContaining({ id: 'CATEGORY_PROMOTIONS', type: 'system' }));
    const created = await t.api('/gmail/v1/users/me/labels', { method: 'POST', body: { name: 'SkyTwin/Newsletters' } });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ id: 'Label_1', name: 'SkyTwin/Newsletters', type: 'user', messageListVisibility: 'show', labelListVisibility: 'labelShow' });
    const again = await t.api('/gmail/v1/users/me/labels', { method: 'POST', body: { name: 'skytwin/newsletters' } });
    expect(again.status).toBe(409);
    expect(googleError(again.body)).toMatchObject({ code: 409, message: 'Label name exists or conflicts' });
    const modified = await t.api(`/gmail/v1/users/me/messages/${ids.news}/modify`, { method: 'POST', body: { addLabelIds: ['Label_1'] } });
    expect(modified.body).toMatchObject({ labelIds: expect.arrayContaining(['Label_1']) });
    const byLabel = await t.api<ListBody>(`/gmail/v1/users/me/messages?q=${encodeURIComponent('label:skytwin/newsletters')}`);
    expect(byLabel.body.messages?.map((m) => m.id)).toEqual([ids.news]);
  });
});

describe('authentication and unknown routes', () => {
  it('answers 401 authError with WWW-Authenticate for a missing or unknown token', async () => {
    for (const token of [null, 'ya29.unknown']) {
      const res = await t.api('/gmail/v1/users/me/messages', { token });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="https://accounts.google.com/", error="invalid_token"');
      expect(googleError(res.body)).toMatchObject({ code: 401, status: 'UNAUTHENTICATED', reason: 'authError', domain: 'global' });
    }
  });

  it('answers 403 insufficientPermissions for a token without Gmail scopes', async () => {
    const { accessToken } = await t.control.issueAccessToken(t.email, ['https://www.googleapis.com/auth/calendar']);
    const res = await t.api('/gmail/v1/users/me/messages', { token: accessToken });
    expect(res.status).toBe(403);
    expect(googleError(res.body)).toMatchObject({ status: 'PERMISSION_DENIED', reason: 'insufficientPermissions' });
    const readonly = await t.control.issueAccessToken(t.email, ['https://www.googleapis.com/auth/gmail.readonly']);
    expect((await t.api('/gmail/v1/users/me/messages', { token: readonly.accessToken })).status).toBe(200);
    const modify = await t.api(`/gmail/v1/users/me/messages/${ids.news}/modify`, { method: 'POST', token: readonly.accessToken, body: { addLabelIds: ['STARRED'] } });
    expect(modify.status).toBe(403);
  });

  it('answers unknown paths with a Google 404 body', async () => {
    const res = await t.api('/gmail/v1/users/me/threadz');
    expect(res.status).toBe(404);
    expect(googleError(res.body)).toMatchObject({ code: 404, reason: 'notFound', status: 'NOT_FOUND' });
  });
});
