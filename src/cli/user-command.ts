import type { Config } from '../config/index.js';
import { CreatedUserBody, type CreateUserInput } from '../contract/index.js';
import { randomIds, systemClock } from '../runtime/index.js';
import { createUser } from '../services/index.js';
import { migrate } from '../store/index.js';
import { answerOf } from '../worker/index.js';
import { findRunningApi } from './api-link.js';
import { openDirect } from './open-direct.js';

type Out = { out: (line: string) => void; err: (line: string) => void };

/**
 * `skytwin user add`: through the running API when there is one (it owns the embedded database
 * while it runs), otherwise in this process. Either way: the id on stdout, the user token once on
 * stderr, exit 0; one line and exit 1 when it cannot be done.
 */
export async function userAddCommand(config: Config, input: { email: string; name: string | null }, io: Out): Promise<number> {
  const presence = await findRunningApi(config, { onWaiting: io.err });
  if (presence.kind === 'running') {
    const request: CreateUserInput = { email: input.email, ...(input.name === null ? {} : { name: input.name }) };
    const answer = await presence.api.call('POST', '/api/users', request);
    if (answer.status !== 201) {
      io.err(`skytwin: ${answer.message}`);
      return 1;
    }
    const created = answerOf(CreatedUserBody, answer.body, 'a new user');
    io.out(created.id);
    io.err(`user token (shown once): ${created.token}`);
    return 0;
  }
  const database = await openDirect(config, presence.reason);
  try {
    await migrate(database.db);
    const user = await createUser({ db: database.db, clock: systemClock, ids: randomIds, onActionsQueued: () => undefined }, input);
    io.out(user.id);
    io.err(`user token (shown once): ${user.token}`);
    return 0;
  } finally {
    await database.close();
  }
}
