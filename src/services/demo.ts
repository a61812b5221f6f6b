import { findGoogleConnection, findUserByEmail } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { connectWithRefreshToken, type GoogleServices } from './google-connect.js';
import { updateSettings } from './settings.js';
import { restatePreference } from './twin.js';
import { createUser } from './users.js';

/** The demo user's stated preferences: newsletters and promotions archived, notifications read. */
export const DEMO_PREFERENCES: readonly (readonly [string, string])[] = [
  ['email.situation:newsletter', 'archive'],
  ['email.situation:promotion', 'archive'],
  ['email.situation:notification', 'mark_read'],
];

export interface DemoAccount {
  email: string;
  /** The refresh token the emulator issued to the demo account. */
  refreshToken: string;
}

/**
 * Makes sure the demo user exists with some autonomy granted (so a newcomer sees automatic
 * actions as well as questions) and is connected to the emulator's demo account. Safe to run on
 * every start: an existing user keeps its settings and twin.
 */
export async function ensureDemoUser(deps: ServiceDeps, google: GoogleServices, account: DemoAccount): Promise<{ userId: string; created: boolean }> {
  let user = await findUserByEmail(deps.db, account.email);
  const created = user === null;
  if (!user) {
    user = await createUser(deps, { email: account.email, name: 'Demo User' });
    // The demo shows automatic actions at once: email at low autonomy without the 10-approval ramp.
    await updateSettings(deps, user.id, {
      trustTiers: { email: 'low', calendar: 'suggest', finance: 'suggest' },
      trustProgression: { newDomainApprovals: 0 },
    });
    // What a user would tell SkyTwin on day one; everything else it has to learn.
    for (const [key, value] of DEMO_PREFERENCES) await restatePreference(deps, user.id, key, value);
  }
  // The sync cursors stay: the emulator keeps its state in the data directory, so they are as
  // good after a restart as before. A cursor from before a reset of that state is refused by the
  // emulator (404 history, 410 sync token), and the worker's full resync duplicates nothing.
  const connection = await findGoogleConnection(deps.db, user.id);
  if (!connection || connection.status !== 'connected') {
    await connectWithRefreshToken(deps, google, user.id, { refreshToken: account.refreshToken, accountEmail: account.email, calendars: null });
  }
  return { userId: user.id, created };
}
