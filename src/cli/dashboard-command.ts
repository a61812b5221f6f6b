import type { Config } from '../config/index.js';
import { SignInLinkBody, type CreateSessionBody } from '../contract/index.js';
import { answerOf } from '../worker/index.js';
import { findRunningApi } from './api-link.js';

type Out = { out: (line: string) => void; err: (line: string) => void };

/**
 * `skytwin dashboard [--user ID]`: asks the running API for a one-time sign-in link and prints it.
 * Opening the link signs that browser in (an HttpOnly cookie); the link then stops working.
 */
export async function dashboardCommand(config: Config, userId: string | null, io: Out): Promise<number> {
  const presence = await findRunningApi(config, { onWaiting: io.err });
  if (presence.kind === 'absent') {
    io.err(`skytwin dashboard: SkyTwin's API is not running (${presence.reason}); start it with \`npm start\`, which prints a sign-in link too`);
    return 1;
  }
  const request: CreateSessionBody = userId === null ? {} : { userId };
  const answer = await presence.api.call('POST', '/api/sessions', request);
  if (answer.status !== 201) {
    io.err(`skytwin dashboard: ${answer.message}`);
    return 1;
  }
  const { url, expiresAt } = answerOf(SignInLinkBody, answer.body, 'a sign-in link');
  io.out(`dashboard: open ${url}`);
  io.out(`This link signs one browser in${userId === null ? ' as the owner' : ` as user ${userId}`}, once, until ${expiresAt}; then it stops working.`);
  return 0;
}
