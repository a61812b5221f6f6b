import { seedDemo } from './demo.js';
import type { Account } from './state/accounts.js';
import type { EmulatorState } from './state/emulator-state.js';

/** Addresses a demo account can be made for: what the emulator's own account creation accepts. */
const ADDRESS = /^[^@\s]+@[^@\s]+$/;

/** Seedings under way, so two sign-ins at once for a new address seed it once. */
const seeding = new WeakMap<EmulatorState, Map<string, Promise<unknown>>>();

/**
 * The account a demo-mode sign-in names: the known one, or a new one with its own demo mailbox
 * and calendar, seeded from the address so each user gets different mail. Null when demo
 * accounts are off or the hint is not an address.
 */
export async function demoAccountFor(state: EmulatorState, loginHint: string): Promise<Account | null> {
  const known = state.accounts.find(loginHint);
  if (known) return known;
  if (state.demoAccounts === null || !ADDRESS.test(loginHint.trim())) return null;
  const email = loginHint.trim().toLowerCase();
  const running = seeding.get(state) ?? new Map<string, Promise<unknown>>();
  seeding.set(state, running);
  let pending = running.get(email);
  if (!pending) {
    const { arrivalsEveryMs } = state.demoAccounts;
    pending = seedDemo(state, { email, now: state.clock.now(), seed: state.seed, ...(arrivalsEveryMs !== undefined ? { arrivalsEveryMs } : {}) }).finally(() => running.delete(email));
    running.set(email, pending);
  }
  await pending;
  state.onChange();
  return state.accounts.find(email) ?? null;
}
