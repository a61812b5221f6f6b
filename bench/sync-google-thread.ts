import { startEmulator, type RunningEmulator } from '../src/emulator/index.js';
import type { CallCount, SeedPlan, SeededAccount } from './sync-google.js';
import { benchAccountEmail, benchEvents, datedMail, mailDates } from './sync-seed.js';
import { serveThread, threadData } from './thread.js';

// Google for the sync benchmark: the emulator on its own thread, as Google is another machine.
const { seed } = threadData<{ seed: number }>();
let emulator: RunningEmulator | null = null;

const running = (): RunningEmulator => {
  if (!emulator) throw new Error('the emulator is not started');
  return emulator;
};

serveThread({
  async start() {
    emulator ??= await startEmulator({ seed });
    return { url: emulator.url };
  },

  /** Accounts with their inbox and calendar, seeded in process (the control API would take minutes). */
  seed(input: unknown): SeededAccount[] {
    const plan = input as SeedPlan;
    const state = running().state;
    const now = new Date(plan.now);
    const accounts: SeededAccount[] = [];
    for (let index = 0; index < plan.users; index++) {
      const email = benchAccountEmail(plan.runId, index);
      const { refreshToken } = state.createAccount({ email, displayName: `Bench User ${index}` });
      for (const date of mailDates(plan.messages, now, index)) state.addMessage(email, datedMail(state.nextArrival(email), date));
      for (const event of benchEvents(email, index, plan.events, now)) state.addEvent(email, event);
      accounts.push({ email, refreshToken });
    }
    return accounts;
  },

  /** Google calls answered so far, by endpoint and status (from the emulator's request log). */
  calls(): CallCount[] {
    const counts = new Map<string, CallCount>();
    for (const entry of running().state.requestLog()) {
      const endpoint = entry.endpoint ?? 'unknown';
      const status = entry.status === null ? 'dropped' : String(entry.status);
      const key = `${endpoint} ${status}`;
      const count = counts.get(key) ?? { endpoint, status, count: 0 };
      count.count += 1;
      counts.set(key, count);
    }
    return [...counts.values()];
  },

  async close() {
    const closing = emulator;
    emulator = null;
    await closing?.close();
  },
});
