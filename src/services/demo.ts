import { findGoogleConnection, findUserByEmail } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { connectWithRefreshToken, type GoogleServices } from './google-connect.js';
import { updateSettings } from './settings.js';
import { createUser } from './users.js';

export interface DemoAccount {
  email: string;
  /** The refresh token the emulator issued to the demo account. */
  refreshToken: string;
}

/**
 * Makes sure the demo user exists with some autonomy granted (so a newcomer sees automatic
 * actions as well as questions) and is connected to the emulator's demo account. Safe to run on
 * every start: an existing user and connection are left as they are.
 */
export async function ensureDemoUser(deps: ServiceDeps, google: GoogleServices, account: DemoAccount): Promise<{ userId: string; created: boolean }> {
  let user = await findUserByEmail(deps.db, account.email);
  const created = user === null;
  if (!user) {
    user = await createUser(deps, { email: account.email, name: 'Demo User' });
    await updateSettings(deps, user.id, { trustTiers: { email: 'low', calendar: 'suggest', finance: 'suggest' } });
  }
  if (!(await findGoogleConnection(deps.db, user.id))) {
    await connectWithRefreshToken(deps, google, user.id, { refreshToken: account.refreshToken, accountEmail: account.email, calendars: null });
  }
  return { userId: user.id, created };
}
