import { seedDemo } from './demo.js';
import type { EmulatorState } from './state/emulator-state.js';

export interface DemoStartOptions {
  email: string;
  /** The refresh token the account must accept (SKYTWIN_EMULATOR_DEMO_REFRESH_TOKEN); null: one the seed draws. */
  refreshToken: string | null;
  seed: number;
  arrivalsEveryMs: number;
}

/**
 * The demo account at start-up: seeded when the state is new, kept as it was when the state was
 * restored (same message ids, history ids, events and tokens, and everything done to them since).
 * Answers a line saying which, for the emulator's output.
 */
export async function prepareDemoAccount(state: EmulatorState, options: DemoStartOptions): Promise<string> {
  const existing = state.accounts.find(options.email);
  if (!existing) {
    if (options.refreshToken !== null) state.createAccount({ email: options.email, refreshToken: options.refreshToken });
    const summary = await seedDemo(state, { email: options.email, now: state.clock.now(), seed: state.seed, arrivalsEveryMs: options.arrivalsEveryMs });
    state.onChange();
    return `emulator: seeded the demo account ${summary.email} (${summary.messages.length} messages, ${summary.events.length} events)`;
  }
  if (options.refreshToken !== null && !state.accounts.adoptRefreshToken(existing.email, options.refreshToken)) {
    throw new Error(`the demo refresh token belongs to another account in the saved state; delete the state file to start afresh`);
  }
  if (!state.hasArrivals(existing.email)) state.startArrivals(existing.email, { everyMs: options.arrivalsEveryMs });
  const total = state.mailbox(existing.email).profile(existing.email).messagesTotal;
  return `emulator: kept the demo account ${existing.email} from the saved state (${total} messages)`;
}
