import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from './emulator.testkit.js';
import { EmulatorControl, startEmulator, type EmulatorOptions, type RunningEmulator } from './index.js';

const running: RunningEmulator[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const emulator of running.splice(0)) await emulator.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function stateFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'skytwin-emulator-state-'));
  dirs.push(dir);
  return join(dir, 'emulator', 'state.json');
}

async function start(options: EmulatorOptions): Promise<{ emulator: RunningEmulator; control: EmulatorControl; reports: string[] }> {
  const reports: string[] = [];
  const emulator = await startEmulator({ seed: 5, report: (line) => reports.push(line), ...options });
  running.push(emulator);
  return { emulator, control: new EmulatorControl(emulator.url), reports };
}

async function stop(emulator: RunningEmulator): Promise<void> {
  running.splice(running.indexOf(emulator), 1);
  await emulator.close();
}

/** Google's API as the account's client sees it. */
function google(url: string, token: string) {
  return async <T = Record<string, unknown>>(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${url}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T };
  };
}

type MessageList = { messages?: { id: string }[] };
type EventList = { items: { id: string; summary?: string; attendees?: { email: string; self?: boolean; responseStatus: string }[] }[]; nextSyncToken?: string; nextPageToken?: string };

const ANN = 'ann@example.com';
const mode = (path: string) => statSync(path).mode & 0o777;

describe('the emulator keeps its state in a file', () => {
  it('restarts with the same ids, history, cursors, tokens and everything done to the data', async () => {
    const file = stateFile();
    const first = await start({ stateFile: file, clock: new ManualClock(Date.parse('2026-11-24T09:00:00Z')) });
    expect(first.emulator.state.restored).toBe(false);
    const seeded = await first.control.seedDemo({ email: ANN });
    const refreshToken = await first.control.issueRefreshToken(ANN);
    const { accessToken } = await first.control.issueAccessToken(ANN);
    const api = google(first.emulator.url, accessToken);

    const inbox = await api<MessageList>('/gmail/v1/users/me/messages?q=in:inbox&maxResults=500');
    const archived = inbox.body.messages?.[0]?.id ?? '';
    expect((await api(`/gmail/v1/users/me/messages/${archived}/modify`, { method: 'POST', body: { removeLabelIds: ['INBOX'] } })).status).toBe(200);
    const label = await api<{ id: string }>('/gmail/v1/users/me/labels', { method: 'POST', body: { name: 'Follow up' } });
    const raw = Buffer.from(`To: bob@example.com\r\nSubject: Re: lunch\r\nMessage-ID: <draft-1@skytwin>\r\n\r\nYes, 12:30.`).toString('base64url');
    const draft = await api<{ id: string }>('/gmail/v1/users/me/drafts', { method: 'POST', body: { message: { raw } } });
    expect(draft.status).toBe(200);
    const invitation = seeded.events.find((event) => event.kind === 'invitation');
    const event = await api<EventList['items'][number]>(`/calendar/v3/calendars/primary/events/${invitation?.id}`);
    const attendees = (event.body.attendees ?? []).map((a) => (a.self ? { ...a, responseStatus: 'accepted' } : a));
    expect((await api(`/calendar/v3/calendars/primary/events/${invitation?.id}`, { method: 'PATCH', body: { attendees } })).status).toBe(200);
    const events = await api<EventList>('/calendar/v3/calendars/primary/events?maxResults=2500');
    const syncToken = events.body.nextSyncToken ?? '';
    const profile = await api<{ historyId: string; messagesTotal: number }>('/gmail/v1/users/me/profile');
    const messages = await api<MessageList>('/gmail/v1/users/me/messages?maxResults=500');
    await stop(first.emulator);

    // Saved on close: owner-only, no temporary file left behind.
    expect(mode(file)).toBe(0o600);
    expect(mode(join(file, '..'))).toBe(0o700);
    expect(readdirSync(join(file, '..'))).toEqual(['state.json']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 1, seed: 5, written: 'shutdown' });

    // Another seed and a later clock: the saved state wins.
    const second = await start({ stateFile: file, seed: 9, clock: new ManualClock(Date.parse('2026-11-24T09:30:00Z')) });
    expect(second.emulator.state.restored).toBe(true);
    expect(second.emulator.state.seed).toBe(5);
    const again = google(second.emulator.url, accessToken);
    expect((await again<MessageList>('/gmail/v1/users/me/messages?maxResults=500')).body).toEqual(messages.body);
    expect((await again('/gmail/v1/users/me/profile')).body).toEqual(profile.body);
    expect((await again<{ labelIds: string[] }>(`/gmail/v1/users/me/messages/${archived}?format=minimal`)).body.labelIds).not.toContain('INBOX');
    expect((await again<{ labels: { id: string; name: string }[] }>('/gmail/v1/users/me/labels')).body.labels).toContainEqual(expect.objectContaining({ id: label.body.id, name: 'Follow up' }));
    expect((await again(`/gmail/v1/users/me/drafts/${draft.body.id}`)).status).toBe(200);
    const history = await again<{ history?: unknown[]; historyId: string }>(`/gmail/v1/users/me/history?startHistoryId=${profile.body.historyId}`);
    expect(history).toEqual({ status: 200, body: { historyId: profile.body.historyId } });
    const incremental = await again<EventList>(`/calendar/v3/calendars/primary/events?syncToken=${encodeURIComponent(syncToken)}`);
    expect(incremental.status).toBe(200);
    expect(incremental.body.items).toEqual([]);
    const answered = await again<EventList['items'][number]>(`/calendar/v3/calendars/primary/events/${invitation?.id}`);
    expect(answered.body.attendees?.find((a) => a.self)?.responseStatus).toBe('accepted');
    const refreshed = await fetch(`${second.emulator.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'c', client_secret: 's', refresh_token: refreshToken }),
    });
    expect(refreshed.status).toBe(200);

    // New mail after the restart gets a new id and shows in the history after the old cursor.
    const arrival = await second.control.deliverArrival(ANN);
    expect(messages.body.messages?.map((m) => m.id)).not.toContain(arrival.id);
    const after = await again<{ history: { messagesAdded?: { message: { id: string } }[] }[] }>(`/gmail/v1/users/me/history?startHistoryId=${profile.body.historyId}`);
    expect(after.body.history.flatMap((h) => h.messagesAdded ?? []).map((m) => m.message.id)).toEqual([arrival.id]);
  });

  it('saves a change within the save delay, without being closed', async () => {
    const file = stateFile();
    const { emulator, control } = await start({ stateFile: file, saveDelayMs: 20 });
    await control.createAccount({ email: ANN });
    const added = await control.addMessage(ANN, { from: 'Bob <bob@example.com>', subject: 'Saved soon', text: 'Hi' });
    const deadline = Date.now() + 10_000;
    while (!(existsSync(file) && readFileSync(file, 'utf8').includes(added.id)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ written: 'running', mailboxes: { [ANN]: { messages: [{ id: added.id }] } } });
    await stop(emulator);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ written: 'shutdown' });
  });

  it('after a crash loses only unsaved changes, and never hands out an id a client already saw', async () => {
    const file = stateFile();
    // A save delay no test waits for: only the explicit save reaches the file.
    const crashed = await start({ stateFile: file, saveDelayMs: 600_000 });
    await crashed.control.createAccount({ email: ANN });
    const kept = await crashed.control.addMessage(ANN, { from: 'Bob <bob@example.com>', subject: 'kept', text: 'saved before the crash' });
    expect(crashed.emulator.save()).toBe(true);
    const lost = await crashed.control.addMessage(ANN, { from: 'Bob <bob@example.com>', subject: 'lost', text: 'after the last save' });
    const { accessToken } = await crashed.control.issueAccessToken(ANN);
    const calendar = await google(crashed.emulator.url, accessToken)<EventList>('/calendar/v3/calendars/primary/events');
    await crashed.control.addEvent(ANN, { summary: 'lost too', start: '2026-11-25T10:00:00Z', end: '2026-11-25T11:00:00Z' });
    const lostToken = (await google(crashed.emulator.url, accessToken)<EventList>(`/calendar/v3/calendars/primary/events?syncToken=${encodeURIComponent(calendar.body.nextSyncToken ?? '')}`)).body.nextSyncToken ?? '';

    // What a kill -9 leaves: the file as last saved while running; the process never closes it.
    const restarted = await start({ stateFile: stateFileCopy(file) });
    const state = restarted.emulator.state;
    expect(state.mailbox(ANN).find(kept.id)).toBeDefined();
    expect(state.mailbox(ANN).find(lost.id)).toBeUndefined();
    const next = await restarted.control.addMessage(ANN, { from: 'Bob <bob@example.com>', subject: 'after', text: 'new' });
    expect(Number(next.historyId)).toBeGreaterThan(Number(lost.historyId));
    const { accessToken: token } = await restarted.control.issueAccessToken(ANN);
    const api = google(restarted.emulator.url, token);
    const history = await api<{ history: { messagesAdded?: { message: { id: string } }[] }[] }>(`/gmail/v1/users/me/history?startHistoryId=${lost.historyId}`);
    expect(history.status).toBe(200);
    expect(history.body.history.flatMap((h) => h.messagesAdded ?? []).map((m) => m.message.id)).toEqual([next.id]);
    await restarted.control.addEvent(ANN, { summary: 'after the crash', start: '2026-11-26T10:00:00Z', end: '2026-11-26T11:00:00Z' });
    const changes = await api<EventList>(`/calendar/v3/calendars/primary/events?syncToken=${encodeURIComponent(lostToken)}`);
    expect(changes.status).toBe(200);
    expect(changes.body.items.map((item) => item.summary)).toEqual(['after the crash']);
  });

  it('starts fresh from an unusable file, says so in one line, and keeps the file aside', async () => {
    for (const content of ['{"format":1,"seed":', JSON.stringify({ format: 99 }), JSON.stringify({ format: 1, seed: 1, stateId: 'x', written: 'running' })]) {
      const file = stateFile();
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, content);
      const { emulator, control, reports } = await start({ stateFile: file });
      expect(emulator.state.restored).toBe(false);
      expect(reports).toHaveLength(1);
      expect(reports[0]).toMatch(new RegExp(`^emulator: the state file ${file} cannot be used \\(.+\\); moved it to ${file}\\.corrupt and starting with fresh data$`));
      expect(readFileSync(`${file}.corrupt`, 'utf8')).toBe(content);
      expect((await control.createAccount({ email: ANN })).email).toBe(ANN);
      await stop(emulator);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 1, written: 'shutdown' });
    }
  });

  it('refuses cursors from before a reset of its state', async () => {
    const file = stateFile();
    const before = await start({ stateFile: file, clock: new ManualClock(Date.parse('2026-11-24T09:00:00Z')) });
    await before.control.seedDemo({ email: ANN, now: '2026-11-24T09:00:00Z' });
    const { accessToken } = await before.control.issueAccessToken(ANN);
    const old = google(before.emulator.url, accessToken);
    const inbox = await old<MessageList>('/gmail/v1/users/me/messages?q=in:inbox');
    await old(`/gmail/v1/users/me/messages/${inbox.body.messages?.[0]?.id}/modify`, { method: 'POST', body: { removeLabelIds: ['INBOX'] } });
    const historyId = (await old<{ historyId: string }>('/gmail/v1/users/me/profile')).body.historyId;
    const syncToken = (await old<EventList>('/calendar/v3/calendars/primary/events')).body.nextSyncToken ?? '';
    await stop(before.emulator);

    rmSync(file);
    const after = await start({ stateFile: file, clock: new ManualClock(Date.parse('2026-11-25T09:00:00Z')) });
    await after.control.seedDemo({ email: ANN, now: '2026-11-24T09:00:00Z' });
    const { accessToken: token } = await after.control.issueAccessToken(ANN);
    const fresh = google(after.emulator.url, token);
    expect((await fresh(`/gmail/v1/users/me/history?startHistoryId=${historyId}`)).status).toBe(404);
    expect((await fresh(`/calendar/v3/calendars/primary/events?syncToken=${encodeURIComponent(syncToken)}`)).status).toBe(410);
  });
});

/** A copy of the state file, as a crashed emulator left it (the running one would save over it on close). */
function stateFileCopy(file: string): string {
  const copy = stateFile();
  mkdirSync(join(copy, '..'), { recursive: true });
  copyFileSync(file, copy);
  return copy;
}
