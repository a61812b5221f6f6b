import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo } from './demo.js';
import { EmulatorControl } from './control-client.js';
import { startEmulator, type RunningEmulator } from './server.js';

interface Header {
  name: string;
  value: string;
}
interface Message {
  id: string;
  labelIds: string[];
  snippet: string;
  payload: { headers: Header[] };
}
interface Event {
  id: string;
  summary: string;
  status: string;
  start: { dateTime?: string; date?: string };
  end: { dateTime?: string; date?: string };
  organizer: { email: string; self?: boolean };
  attendees?: { email: string; self?: boolean; responseStatus: string }[];
  recurringEventId?: string;
}

const NOW = new Date('2026-11-24T09:00:00Z');
const EMAIL = 'ann@example.com';
const running: RunningEmulator[] = [];
afterEach(async () => {
  for (const emulator of running.splice(0)) await emulator.close();
});

async function demoEmulator(seed: number): Promise<{ emulator: RunningEmulator; token: string }> {
  const emulator = await startEmulator({ seed, clock: { now: () => NOW } });
  running.push(emulator);
  await seedDemo(emulator.state, { email: EMAIL, now: NOW, seed });
  return { emulator, token: emulator.state.issueAccessToken(EMAIL).accessToken };
}

async function get<T>(emulator: RunningEmulator, token: string, path: string): Promise<T> {
  const res = await fetch(`${emulator.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

async function allMessages(emulator: RunningEmulator, token: string): Promise<Message[]> {
  const list = await get<{ messages: { id: string }[] }>(emulator, token, '/gmail/v1/users/me/messages?maxResults=500');
  return Promise.all(list.messages.map((m) => get<Message>(emulator, token, `/gmail/v1/users/me/messages/${m.id}?format=metadata`)));
}

const header = (m: Message, name: string): string => m.payload.headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value ?? '';

describe('seedDemo', () => {
  it('fills an inbox of about 50 messages over the last days with every kind SkyTwin handles', async () => {
    const { emulator, token } = await demoEmulator(11);
    const messages = await allMessages(emulator, token);
    expect(messages.length).toBeGreaterThanOrEqual(45);
    expect(messages.length).toBeLessThanOrEqual(55);
    const dates = messages.map((m) => Date.parse(header(m, 'Date')));
    expect(Math.min(...dates)).toBeGreaterThan(NOW.getTime() - 7 * 86_400_000);
    expect(Math.max(...dates)).toBeLessThanOrEqual(NOW.getTime());

    const bulk = messages.filter((m) => header(m, 'List-Unsubscribe') !== '');
    expect(bulk.filter((m) => m.labelIds.includes('CATEGORY_UPDATES')).length).toBeGreaterThanOrEqual(5);
    expect(bulk.filter((m) => m.labelIds.includes('CATEGORY_PROMOTIONS')).length).toBeGreaterThanOrEqual(5);
    const receipts = messages.filter((m) => /receipt/i.test(header(m, 'Subject')));
    expect(receipts.length).toBeGreaterThanOrEqual(3);
    for (const receipt of receipts) expect(receipt.snippet).toMatch(/Total: €\d+\.\d{2}/);
    const renewals = messages.filter((m) => /renew/i.test(header(m, 'Subject')));
    expect(renewals).toHaveLength(1);
    expect(renewals[0]?.snippet).toMatch(/renew on [A-Z][a-z]+ \d{1,2}, 2026.*€\d+\.\d{2}/);
    expect(messages.filter((m) => /^Security alert/.test(header(m, 'Subject')))).toHaveLength(1);
    expect(messages.filter((m) => /@example\.com>$/.test(header(m, 'From')) && m.labelIds.includes('INBOX')).length).toBeGreaterThanOrEqual(5);
    expect(messages.filter((m) => m.labelIds.includes('CATEGORY_PERSONAL')).length).toBeGreaterThanOrEqual(3);
    expect(messages.filter((m) => /notifications@|no-reply@|noreply/.test(header(m, 'From'))).length).toBeGreaterThanOrEqual(3);
    expect(messages.some((m) => m.labelIds.includes('SENT'))).toBe(true);
    expect(messages.some((m) => !m.labelIds.includes('UNREAD') && m.labelIds.includes('INBOX'))).toBe(true);
  });

  it('sets up a week of calendar with accepted meetings, invitations and exactly one conflicting invitation', async () => {
    const { emulator, token } = await demoEmulator(11);
    const query = new URLSearchParams({ singleEvents: 'true', orderBy: 'startTime', timeMin: NOW.toISOString(), timeMax: new Date(NOW.getTime() + 8 * 86_400_000).toISOString() });
    const { items } = await get<{ items: Event[] }>(emulator, token, `/calendar/v3/calendars/primary/events?${query.toString()}`);
    const selfStatus = (e: Event): string | null => e.attendees?.find((a) => a.self)?.responseStatus ?? (e.organizer.self ? 'accepted' : null);
    const span = (e: Event): [number, number] => [Date.parse(e.start.dateTime ?? `${e.start.date}T00:00:00Z`), Date.parse(e.end.dateTime ?? `${e.end.date}T00:00:00Z`)];
    const accepted = items.filter((e) => selfStatus(e) === 'accepted');
    const invitations = items.filter((e) => selfStatus(e) === 'needsAction');
    expect(accepted.length).toBeGreaterThanOrEqual(5);
    expect(invitations.length).toBeGreaterThanOrEqual(3);
    expect(items.some((e) => e.recurringEventId !== undefined)).toBe(true);
    expect(items.some((e) => e.start.date !== undefined)).toBe(true);
    const conflicting = invitations.filter((invite) => {
      const [start, end] = span(invite);
      return accepted.some((other) => {
        const [s, e] = span(other);
        return s < end && start < e;
      });
    });
    expect(conflicting.map((e) => e.summary)).toEqual(['Budget sync']);
  });

  it('is deterministic for a seed: same ids and content; another seed differs', async () => {
    const a = await demoEmulator(5);
    const b = await demoEmulator(5);
    const c = await demoEmulator(6);
    const summary = async (x: { emulator: RunningEmulator; token: string }) => (await allMessages(x.emulator, x.token)).map((m) => `${m.id} ${m.snippet}`);
    expect(await summary(a)).toEqual(await summary(b));
    expect(await summary(a)).not.toEqual(await summary(c));
  });

  it('seeds an EmulatorControl the same way as the state in process', async () => {
    const viaState = await demoEmulator(9);
    const emulator = await startEmulator({ seed: 9, clock: { now: () => NOW } });
    running.push(emulator);
    const summary = await seedDemo(new EmulatorControl(emulator.url), { email: EMAIL, now: NOW, seed: 9 });
    const token = emulator.state.issueAccessToken(EMAIL).accessToken;
    const ids = (await allMessages(emulator, token)).map((m) => m.id);
    expect(ids).toEqual((await allMessages(viaState.emulator, viaState.token)).map((m) => m.id));
    expect(summary.events.map((e) => e.kind).filter((k) => k === 'invitation' || k === 'conflicting_invitation')).toHaveLength(4);
  });

  it('seeds through the control API and keeps mail arriving', async () => {
    const emulator = await startEmulator({ seed: 3 });
    running.push(emulator);
    const control = new EmulatorControl(emulator.url);
    const summary = await control.seedDemo({ email: EMAIL, now: NOW.toISOString(), arrivalsEveryMs: 20 });
    expect(summary.refreshToken).toMatch(/^1\/\//);
    expect(summary.events.filter((e) => e.kind === 'conflicting_invitation')).toHaveLength(1);
    const before = summary.messages.length;
    const deadline = Date.now() + 30_000;
    while (emulator.state.mailbox(EMAIL).profile(EMAIL).messagesTotal < before + 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await control.stopArrivals(EMAIL)).toBe(true);
    expect(emulator.state.mailbox(EMAIL).profile(EMAIL).messagesTotal).toBeGreaterThanOrEqual(before + 3);
    const again = await control.seedDemo({ email: EMAIL, now: NOW.toISOString() });
    expect(again.refreshToken).toBeNull();
  });
});
