import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from './emulator.testkit.js';
import { EmulatorControl, prepareDemoAccount, startEmulator, type EmulatorOptions, type RunningEmulator } from './index.js';

const running: RunningEmulator[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const emulator of running.splice(0)) await emulator.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const NOW = '2026-11-24T09:00:00Z';
const REDIRECT = 'http://127.0.0.1:3100/api/oauth/google/callback';

async function start(options: EmulatorOptions = {}): Promise<{ emulator: RunningEmulator; control: EmulatorControl }> {
  const emulator = await startEmulator({ seed: 3, clock: new ManualClock(Date.parse(NOW)), ...options });
  running.push(emulator);
  return { emulator, control: new EmulatorControl(emulator.url) };
}

/** The installed-app sign-in as SkyTwin does it (without PKCE): consent for `loginHint`, then the code exchange. */
async function signIn(url: string, loginHint: string): Promise<{ accessToken: string; refreshToken: string }> {
  const consent = await fetch(
    `${url}/o/oauth2/v2/auth?${new URLSearchParams({ client_id: 'skytwin-demo', redirect_uri: REDIRECT, response_type: 'code', scope: 'https://www.googleapis.com/auth/gmail.modify https://www.googleapis.com/auth/calendar', access_type: 'offline', login_hint: loginHint })}`,
    { redirect: 'manual' },
  );
  expect(consent.status).toBe(302);
  const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const exchange = await fetch(`${url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'skytwin-demo', client_secret: 's', code, redirect_uri: REDIRECT }),
  });
  expect(exchange.status).toBe(200);
  const body = (await exchange.json()) as { access_token: string; refresh_token: string };
  return { accessToken: body.access_token, refreshToken: body.refresh_token };
}

/** Who the token's Gmail is, and what is in it (id and subject of every message). */
async function mailbox(url: string, token: string): Promise<{ email: string; messages: { id: string; subject: string }[] }> {
  const get = async <T,>(path: string): Promise<T> => (await (await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T;
  const profile = await get<{ emailAddress: string }>('/gmail/v1/users/me/profile');
  const list = await get<{ messages?: { id: string }[] }>('/gmail/v1/users/me/messages?maxResults=500');
  const messages = [];
  for (const { id } of list.messages ?? []) {
    const message = await get<{ payload: { headers: { name: string; value: string }[] } }>(`/gmail/v1/users/me/messages/${id}?format=metadata&metadataHeaders=Subject`);
    messages.push({ id, subject: message.payload.headers.find((h) => h.name === 'Subject')?.value ?? '' });
  }
  return { email: profile.emailAddress, messages };
}

describe('demo accounts', () => {
  it('gives a sign-in for an unknown address a demo mailbox of its own, seeded from the address', async () => {
    const { emulator, control } = await start({ demoAccounts: {} });
    await control.seedDemo({ email: 'demo@skytwin.example' });
    const demo = await mailbox(emulator.url, (await control.issueAccessToken('demo@skytwin.example')).accessToken);

    const [bob, bobAgain] = await Promise.all([signIn(emulator.url, 'Bob@Example.com'), signIn(emulator.url, 'bob@example.com')]);
    const own = await mailbox(emulator.url, bob.accessToken);
    expect(own.email).toBe('bob@example.com');
    // Seeded once although two sign-ins raced for it; both land in the same mailbox.
    expect(own.messages).toHaveLength(demo.messages.length);
    expect(await mailbox(emulator.url, bobAgain.accessToken)).toEqual(own);
    const demoIds = new Set(demo.messages.map((m) => m.id));
    expect(own.messages.filter((m) => demoIds.has(m.id))).toEqual([]);
    expect(own.messages.map((m) => m.subject).sort()).not.toEqual(demo.messages.map((m) => m.subject).sort());
    const { items } = (await (await fetch(`${emulator.url}/calendar/v3/calendars/primary/events`, { headers: { authorization: `Bearer ${bob.accessToken}` } })).json()) as { items: unknown[] };
    expect(items.length).toBeGreaterThan(0);
    // The demo account's sign-in still lands in the demo mailbox.
    expect((await mailbox(emulator.url, (await signIn(emulator.url, 'demo@skytwin.example')).accessToken)).messages).toEqual(demo.messages);

    // The same address in another emulator with the same seed and clock gets the same mail.
    const other = await start({ demoAccounts: {} });
    await other.control.seedDemo({ email: 'demo@skytwin.example' });
    const replayed = await mailbox(other.emulator.url, (await signIn(other.emulator.url, 'bob@example.com')).accessToken);
    expect(replayed.messages.map((m) => m.subject)).toEqual(own.messages.map((m) => m.subject));
  });

  it('without demo accounts, an unknown address signs in to the first account, as before', async () => {
    const { emulator, control } = await start();
    await control.createAccount({ email: 'ann@example.com' });
    const signedIn = await signIn(emulator.url, 'bob@example.com');
    expect((await mailbox(emulator.url, signedIn.accessToken)).email).toBe('ann@example.com');
    expect((await control.accounts()).map((a) => a.email)).toEqual(['ann@example.com']);
  });

  it('seeds the demo account in a new state and keeps it, with the demo refresh token, in a restored one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skytwin-demo-state-'));
    dirs.push(dir);
    const stateFile = join(dir, 'state.json');
    const options = { email: 'demo@skytwin.example', refreshToken: 'demo-refresh-token-1', seed: 3, arrivalsEveryMs: 60_000 };
    const first = await start({ stateFile });
    expect(await prepareDemoAccount(first.emulator.state, options)).toBe('emulator: seeded the demo account demo@skytwin.example (52 messages, 13 events)');
    const before = await mailbox(first.emulator.url, (await first.control.issueAccessToken(options.email)).accessToken);
    running.splice(running.indexOf(first.emulator), 1);
    await first.emulator.close();

    const second = await start({ stateFile });
    expect(await prepareDemoAccount(second.emulator.state, options)).toBe('emulator: kept the demo account demo@skytwin.example from the saved state (52 messages)');
    expect(second.emulator.state.hasArrivals(options.email)).toBe(true);
    const signedIn = await fetch(`${second.emulator.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'c', client_secret: 's', refresh_token: options.refreshToken }),
    });
    const { access_token: token } = (await signedIn.json()) as { access_token: string };
    expect(await mailbox(second.emulator.url, token)).toEqual(before);

    // A demo token that another account of the saved state holds is refused, not shared.
    await second.control.createAccount({ email: 'ann@example.com', refreshToken: 'ann-refresh-token-1' });
    await expect(prepareDemoAccount(second.emulator.state, { ...options, refreshToken: 'ann-refresh-token-1' })).rejects.toThrow(/belongs to another account/);
  });
});
