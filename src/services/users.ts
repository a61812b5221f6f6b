import { defaultSettings } from '../domain/index.js';
import { errors } from '../errors/index.js';
import { inTransaction, insertUser, loadSettings, saveSettings, type UserRecord } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { hashToken, newToken } from './tokens.js';

/** Creates a user at observer in every domain, with a token scoped to that user (shown once). */
export async function createUser(deps: ServiceDeps, input: { email: string; name: string | null }) {
  const token = newToken('stu');
  const email = input.email.trim().toLowerCase();
  const user = await inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const created = await insertUser(trx, { id: deps.ids.next(), email, name: input.name, tokenHash: hashToken(token), now });
    if (!created) throw errors.conflict('email_taken', `A user with email ${email} exists already`);
    await saveSettings(trx, created.id, defaultSettings(), now);
    return created;
  });
  return { ...user, token, settings: await loadSettings(deps.db, user.id) };
}

export type { UserRecord };
