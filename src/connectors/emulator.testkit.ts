// A running emulator with one account, and the connectors' readers over the real Google client.
import { EmulatorControl, startEmulator, type RunningEmulator } from '../emulator/index.js';
import { GoogleClient } from '../google/index.js';
import { calendarReaderFrom, gmailReaderFrom } from './google-readers.js';
import type { CalendarReader, GmailReader } from './readers.js';

export interface EmulatorHarness {
  emulator: RunningEmulator;
  control: EmulatorControl;
  email: string;
  gmail: GmailReader;
  calendar: CalendarReader;
  /** The emulator's clock; tests move it by hand. */
  clock: { now(): Date; set(at: string | Date): void; advance(ms: number): void };
  close(): Promise<void>;
}

export async function startHarness(email: string, startAt: string): Promise<EmulatorHarness> {
  let current = new Date(startAt).getTime();
  const clock = {
    now: () => new Date(current),
    set: (at: string | Date) => {
      current = new Date(at).getTime();
    },
    advance: (ms: number) => {
      current += ms;
    },
  };
  const emulator = await startEmulator({ host: '127.0.0.1', port: 0, clock, seed: 7 });
  const control = new EmulatorControl(emulator.url);
  await control.createAccount({ email, timeZone: 'Europe/Berlin' });
  const fetchToken = async () => (await control.issueAccessToken(email)).accessToken;
  const client = new GoogleClient({
    apiBaseUrl: emulator.url,
    tokens: { current: fetchToken, refresh: fetchToken },
    retry: { maxRetries: 0, timeScale: 0 },
    timeoutMs: 10_000,
  });
  return {
    emulator,
    control,
    email,
    gmail: gmailReaderFrom(client.gmail),
    calendar: calendarReaderFrom(client.calendar),
    clock,
    close: () => emulator.close(),
  };
}
