import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GoogleClient } from './client.js';
import { ScriptedServer } from './scripted-server.testkit.js';
import type { Draft, HistoryList, Label, Message } from './types.js';

let server: ScriptedServer;
let google: GoogleClient;

beforeEach(async () => {
  server = await ScriptedServer.start();
  google = new GoogleClient({
    apiBaseUrl: `${server.url}/`,
    tokens: { current: async () => 'ya29.gmail', refresh: async () => 'ya29.gmail-2' },
    retry: { timeScale: 0 },
  });
});

afterEach(async () => {
  await server.close();
});

function lastRequest() {
  const request = server.requests.at(-1);
  if (!request) throw new Error('no request reached the server');
  return request;
}

const message: Message = {
  id: '18c1',
  threadId: '18c0',
  labelIds: ['INBOX', 'UNREAD'],
  snippet: 'Lunch on Friday?',
  historyId: '9001',
  internalDate: '1741608000000',
  payload: {
    partId: '',
    mimeType: 'multipart/alternative',
    headers: [{ name: 'Subject', value: 'Lunch' }],
    body: { size: 0 },
    parts: [{ partId: '0', mimeType: 'text/plain', body: { size: 5, data: 'aGVsbG8' } }],
  },
  sizeEstimate: 2048,
};

describe('Gmail requests', () => {
  it('getProfile', async () => {
    const profile = { emailAddress: 'ada@example.com', messagesTotal: 3, threadsTotal: 2, historyId: '9001' };
    server.enqueue({ body: profile });
    await expect(google.gmail.getProfile()).resolves.toEqual(profile);
    expect(lastRequest()).toMatchObject({ method: 'GET', pathname: '/gmail/v1/users/me/profile' });
  });

  it('messages.list sends q, repeated labelIds, maxResults and pageToken', async () => {
    server.enqueue({ body: { resultSizeEstimate: 0 } });
    await expect(
      google.gmail.messages.list({ q: 'from:bob newer_than:2d', labelIds: ['INBOX', 'UNREAD'], maxResults: 50, pageToken: 'p2' }),
    ).resolves.toEqual({ resultSizeEstimate: 0 });
    const request = lastRequest();
    expect(request.pathname).toBe('/gmail/v1/users/me/messages');
    expect(request.query.get('q')).toBe('from:bob newer_than:2d');
    expect(request.query.getAll('labelIds')).toEqual(['INBOX', 'UNREAD']);
    expect(request.query.get('maxResults')).toBe('50');
    expect(request.query.get('pageToken')).toBe('p2');
  });

  it('messages.get sends format and repeated metadataHeaders and returns the full payload', async () => {
    server.enqueue({ body: message });
    await expect(google.gmail.messages.get('18c1', { format: 'metadata', metadataHeaders: ['From', 'Subject'] })).resolves.toEqual(message);
    const request = lastRequest();
    expect(request.pathname).toBe('/gmail/v1/users/me/messages/18c1');
    expect(request.query.get('format')).toBe('metadata');
    expect(request.query.getAll('metadataHeaders')).toEqual(['From', 'Subject']);
    expect(request.url).not.toContain('undefined');
  });

  it('history.list sends the cursor and filters', async () => {
    const history: HistoryList = {
      history: [{ id: '9002', messagesAdded: [{ message: { id: 'm2', threadId: 't2', labelIds: ['INBOX'] } }] }],
      historyId: '9003',
    };
    server.enqueue({ body: history });
    await expect(
      google.gmail.history.list({ startHistoryId: '9001', historyTypes: ['messageAdded', 'labelAdded'], labelId: 'INBOX', maxResults: 100, pageToken: 'h2' }),
    ).resolves.toEqual(history);
    const request = lastRequest();
    expect(request.pathname).toBe('/gmail/v1/users/me/history');
    expect(request.query.get('startHistoryId')).toBe('9001');
    expect(request.query.getAll('historyTypes')).toEqual(['messageAdded', 'labelAdded']);
    expect(request.query.get('labelId')).toBe('INBOX');
    expect(request.query.get('pageToken')).toBe('h2');
  });

  it('messages.modify posts the label changes', async () => {
    server.enqueue({ body: { id: '18c1', threadId: '18c0', labelIds: ['Label_7'] } });
    await google.gmail.messages.modify('18c1', { addLabelIds: ['Label_7'], removeLabelIds: ['INBOX'] });
    const request = lastRequest();
    expect(request).toMatchObject({ method: 'POST', pathname: '/gmail/v1/users/me/messages/18c1/modify' });
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ addLabelIds: ['Label_7'], removeLabelIds: ['INBOX'] });
  });

  it('drafts.create posts the raw message in its thread', async () => {
    const draft: Draft = { id: 'r-1', message: { id: 'm9', threadId: '18c0', labelIds: ['DRAFT'] } };
    server.enqueue({ body: draft });
    await expect(google.gmail.drafts.create({ raw: 'VG86IGJvYg', threadId: '18c0' })).resolves.toEqual(draft);
    expect(lastRequest()).toMatchObject({ method: 'POST', pathname: '/gmail/v1/users/me/drafts' });
    expect(JSON.parse(lastRequest().body)).toEqual({ message: { raw: 'VG86IGJvYg', threadId: '18c0' } });
  });

  it('drafts.list, drafts.get and drafts.delete', async () => {
    server.enqueue({ body: { drafts: [{ id: 'r-1', message: { id: 'm9', threadId: 't9' } }] } }, { body: { id: 'r-1', message } }, { status: 204 });
    await google.gmail.drafts.list({ q: 'rfc822msgid:<abc@skytwin>', maxResults: 1 });
    expect(lastRequest().pathname).toBe('/gmail/v1/users/me/drafts');
    expect(lastRequest().query.get('q')).toBe('rfc822msgid:<abc@skytwin>');
    await google.gmail.drafts.get('r-1', { format: 'full' });
    expect(lastRequest()).toMatchObject({ method: 'GET', pathname: '/gmail/v1/users/me/drafts/r-1' });
    await expect(google.gmail.drafts.delete('r-1')).resolves.toBeUndefined();
    expect(lastRequest()).toMatchObject({ method: 'DELETE', pathname: '/gmail/v1/users/me/drafts/r-1', body: '' });
  });

  it('labels.list and labels.create', async () => {
    const label: Label = { id: 'Label_7', name: 'SkyTwin/Handled', type: 'user', labelListVisibility: 'labelShow', messageListVisibility: 'show' };
    server.enqueue({ body: { labels: [label] } }, { body: label });
    await expect(google.gmail.labels.list()).resolves.toEqual({ labels: [label] });
    expect(lastRequest().pathname).toBe('/gmail/v1/users/me/labels');
    await expect(google.gmail.labels.create({ name: 'SkyTwin/Handled', labelListVisibility: 'labelShow' })).resolves.toEqual(label);
    expect(JSON.parse(lastRequest().body)).toEqual({ name: 'SkyTwin/Handled', labelListVisibility: 'labelShow' });
  });

  it('encodes ids as single path segments', async () => {
    server.enqueue({ body: message });
    await google.gmail.messages.get('../labels?x=1');
    expect(lastRequest().pathname).toBe('/gmail/v1/users/me/messages/..%2Flabels%3Fx%3D1');
  });
});
