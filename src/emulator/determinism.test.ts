import { afterEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from './control-client.js';
import { startEmulator, type RunningEmulator } from './server.js';

const running: RunningEmulator[] = [];
afterEach(async () => {
  for (const emulator of running.splice(0)) await emulator.close();
});

const fixedClock = { now: () => new Date('2026-11-24T09:00:00Z') };

/** The same scripted session against a fresh emulator; answers what a client could observe. */
async function session(seed: number): Promise<unknown[]> {
  const emulator = await startEmulator({ seed, clock: fixedClock });
  running.push(emulator);
  const control = new EmulatorControl(emulator.url);
  const { refreshToken } = await control.createAccount({ email: 'ann@example.com' });
  const message = await control.addMessage('ann@example.com', { from: 'Bob <bob@example.com>', subject: 'Hi', text: 'Hello', html: '<p>Hello</p>' });
  const arrivals = [await control.deliverArrival('ann@example.com'), await control.deliverArrival('ann@example.com', 'receipt')];
  const event = await control.addEvent('ann@example.com', { summary: 'Sync', start: '2026-11-25T10:00:00Z', end: '2026-11-25T11:00:00Z' });
  const { accessToken } = await control.issueAccessToken('ann@example.com');
  const raw = await fetch(`${emulator.url}/gmail/v1/users/me/messages/${arrivals[1]?.id}?format=raw`, { headers: { authorization: `Bearer ${accessToken}` } });
  const profile = await fetch(`${emulator.url}/gmail/v1/users/me/profile`, { headers: { authorization: `Bearer ${accessToken}` } });
  return [refreshToken, accessToken, message, arrivals, event.id, await raw.json(), await profile.json()];
}

describe('determinism', () => {
  it('replays ids, tokens and generated content for the same seed, and differs for another', async () => {
    const first = await session(99);
    expect(await session(99)).toEqual(first);
    const other = await session(100);
    expect(other[0]).not.toEqual(first[0]);
    expect(other[2]).not.toEqual(first[2]);
    expect(other[4]).not.toEqual(first[4]);
  });
});

describe('timed arrivals', () => {
  it('delivers generated mail every N ms until the count is reached', async () => {
    const emulator = await startEmulator({ seed: 1 });
    running.push(emulator);
    const control = new EmulatorControl(emulator.url);
    await control.createAccount({ email: 'ann@example.com' });
    await control.startArrivals('ann@example.com', { everyMs: 15, count: 3 });
    const deadline = Date.now() + 30_000;
    const total = () => emulator.state.mailbox('ann@example.com').profile('ann@example.com').messagesTotal;
    while (total() < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 15));
    // Nothing left to stop: the arrivals ended themselves with the third message, so no more come.
    expect(await control.stopArrivals('ann@example.com')).toBe(false);
    expect(total()).toBe(3);
    const { accessToken } = await control.issueAccessToken('ann@example.com');
    const history = await fetch(`${emulator.url}/gmail/v1/users/me/messages?q=in:inbox`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(((await history.json()) as { messages: unknown[] }).messages).toHaveLength(3);
  });
});
