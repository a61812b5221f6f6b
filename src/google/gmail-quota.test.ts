import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmulatorControl, startEmulator, type RunningEmulator } from '../emulator/index.js';
import { QuotaBudget } from '../resilience/index.js';
import { GoogleClient } from './client.js';
import { GMAIL_QUOTA_UNITS, gmailQuotaUnits, splitGmailQuota } from './gmail-quota.js';
import type { GoogleLogEvent } from './log.js';

const source = (path: string) => readFileSync(join(process.cwd(), path), 'utf8');
const names = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((match) => match[1] ?? '');

describe('the Gmail cost table', () => {
  it('prices every Gmail call the client makes and every Gmail endpoint the emulator serves', () => {
    const client = names(source('src/google/gmail.ts'), /operation: '(gmail\.[^']+)'/g);
    const emulatorDir = 'src/emulator/gmail';
    const emulator = readdirSync(join(process.cwd(), emulatorDir)).flatMap((file) => names(source(join(emulatorDir, file)), /(?:gmail\(|endpoint: )'(gmail\.[^']+)'/g));
    expect(client.length).toBeGreaterThan(10);
    expect(emulator.length).toBeGreaterThan(10);
    expect([...client, ...emulator].filter((operation) => gmailQuotaUnits(operation) === null)).toEqual([]);
  });

  it("reads Gmail's documented units by either naming", () => {
    expect(gmailQuotaUnits('gmail.messages.get')).toBe(20);
    expect(gmailQuotaUnits('gmail.messages.list')).toBe(5);
    expect(gmailQuotaUnits('gmail.history.list')).toBe(2);
    expect(gmailQuotaUnits('gmail.messages.modify')).toBe(5);
    expect(gmailQuotaUnits('gmail.drafts.create')).toBe(10);
    expect(gmailQuotaUnits('gmail.messages.send')).toBe(100);
    expect(gmailQuotaUnits('gmail.getProfile')).toBe(1);
    expect(gmailQuotaUnits('gmail.users.getProfile')).toBe(1);
    expect(gmailQuotaUnits('calendar.events.list')).toBeNull();
    expect(gmailQuotaUnits('gmail.toString')).toBeNull();
    expect(Object.values(GMAIL_QUOTA_UNITS).every((units) => Number.isSafeInteger(units) && units > 0)).toBe(true);
  });

  it('splits a quota so the two processes together never spend more than it', () => {
    expect(splitGmailQuota(6_000)).toEqual({ worker: 5_400, executor: 600 });
    for (const total of [100, 101, 999, 6_000, 15_000]) {
      const { worker, executor } = splitGmailQuota(total);
      expect(worker + executor).toBe(total);
      expect(executor).toBeGreaterThanOrEqual(GMAIL_QUOTA_UNITS['drafts.create'] ?? Infinity);
    }
  });
});

describe('the Google client under a Gmail budget, against the emulator', () => {
  let emulator: RunningEmulator;
  afterEach(() => emulator?.close());

  async function account(quota: { units: number; windowMs: number } | null) {
    emulator = await startEmulator({ seed: 5, gmailQuota: quota });
    const control = new EmulatorControl(emulator.url);
    await control.createAccount({ email: 'ann@example.com' });
    const { accessToken } = await control.issueAccessToken('ann@example.com');
    const added = await control.addMessages('ann@example.com', Array.from({ length: 6 }, (_, i) => ({ from: 'bob@example.com', subject: `Note ${i}`, text: 'hi' })));
    return { control, accessToken, ids: added.map((message) => message.id) };
  }

  it('waits for the budget instead of meeting the emulator’s 429, and reports the wait', async () => {
    const quota = { units: 40, windowMs: 1_000 };
    const { control, accessToken, ids } = await account(quota);
    const events: GoogleLogEvent[] = [];
    const google = new GoogleClient({
      apiBaseUrl: emulator.url,
      tokens: { current: async () => accessToken, refresh: async () => accessToken },
      gmailBudget: new QuotaBudget(quota),
      log: (event) => events.push(event),
    });
    // Six gets at 20 units against 40 a second: three windows' worth, in parallel as the sync does.
    await Promise.all(ids.map((id) => google.gmail.messages.get(id)));
    const log = await control.requestLog({ endpoint: 'gmail.messages.get' });
    expect(log.map((entry) => entry.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const waits = events.filter((event) => event.type === 'quota_wait');
    expect(waits.length).toBeGreaterThanOrEqual(4);
    expect(waits.every((event) => event.operation === 'gmail.messages.get' && event.units === 20)).toBe(true);
  });

  it('charges every attempt, a retried one included, and nothing for Calendar', async () => {
    const { control, accessToken } = await account(null);
    const budget = new QuotaBudget({ units: 1_000, windowMs: 60_000 });
    const google = new GoogleClient({
      apiBaseUrl: emulator.url,
      tokens: { current: async () => accessToken, refresh: async () => accessToken },
      gmailBudget: budget,
      retry: { timeScale: 0 },
    });
    await control.addFault({ endpoint: 'gmail.messages.list', status: 503 });
    await google.gmail.messages.list();
    expect((await control.requestLog({ endpoint: 'gmail.messages.list' })).map((entry) => entry.status)).toEqual([503, 200]);
    expect(budget.used()).toBe(10);
    await google.calendar.events.list('primary');
    expect(budget.used()).toBe(10);
  });
});
