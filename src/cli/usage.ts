import { isConfigError } from '../config/index.js';
/** A bad argument: the command prints what was expected and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

export const USAGE = {
  main: `Usage: skytwin <command> [options]

Commands:
  api                         run the API and dashboard (one process, unsupervised)
  worker                      poll Google for every connected user and feed the API (unsupervised)
  worker health [--max-age S] exit 0 while the worker's heartbeat is fresh (container health checks)
  connect google --user ID [--refresh-token T|-] [--calendar C ...]
                              connect a user's Google account (through the running API)
  emulator [--port P]         run the Google API emulator alone
  migrate                     apply pending database migrations and exit
  user add --email E [--name N]
                              create a user; prints its id and its user token
  status                      health of the running processes and of each user's Google connection
  dashboard [--user ID]       print a one-time sign-in link for the dashboard (through the running API)
Run "skytwin <command> --help" for a command's options. Settings come from the environment
and .env (see README.md).`,
  api: 'Usage: skytwin api\n  Serves the API and dashboard on 127.0.0.1:$SKYTWIN_API_PORT (default 3100).',
  worker:
    'Usage: skytwin worker\n  Polls Gmail and Calendar every $SKYTWIN_POLL_INTERVAL_MS for every connected user, posts new signals to\n  $SKYTWIN_API_URL and reports cursors back. Stops within 10 s on SIGTERM without moving a cursor.\n  While its poll loop runs it touches $SKYTWIN_WORKER_HEARTBEAT_FILE (default $SKYTWIN_DATA_DIR/run/worker.heartbeat).\n\nUsage: skytwin worker health [--max-age S]\n  Exits 0 when that heartbeat is at most S seconds old (default 120), 1 otherwise, saying which.',
  connect:
    'Usage: skytwin connect google --user ID [--refresh-token T|-] [--calendar C ...]\n  With a refresh token: stores it (checked with Google first). "--refresh-token -" reads it from standard\n  input, and SKYTWIN_GOOGLE_REFRESH_TOKEN is used when the option is absent: both keep it off the command\n  line, which every local user can see. Without one: prints the address of Google\'s consent screen and\n  waits for the sign-in to finish. --calendar (repeatable) picks the calendars to watch (default: primary).\n  Talks to the running API ($SKYTWIN_API_URL).',
  migrate:
    'Usage: skytwin migrate\n  Applies pending migrations to $DATABASE_URL, or the embedded database in $SKYTWIN_DATA_DIR/db.\n  While SkyTwin runs on the embedded database, its API has already applied them: migrate says so and opens nothing.',
  user:
    'Usage: skytwin user add --email E [--name N]\n  Creates a user at observer autonomy in every domain; prints its id (and its user token, once, on stderr).\n  Goes through the running API when there is one ($SKYTWIN_API_URL with the token in $SKYTWIN_DATA_DIR/api-token),\n  otherwise opens the database itself.',
  dashboard:
    'Usage: skytwin dashboard [--user ID]\n  Asks the running API ($SKYTWIN_API_URL) for a one-time sign-in link and prints it. Opening it signs that\n  browser in with an HttpOnly session cookie for 30 days; the link itself works once, within 12 hours.\n  --user ID signs in as that user only (their approvals, twin and settings); without it, as the owner.',
  status:
    'Usage: skytwin status\n  Prints the dashboard address, whether demo mode is on, the state of the supervisor, API, worker and emulator,\n  and each user whose Google connection needs reconnecting or whose polls are paused by an open circuit breaker.\n  Exits 0 when all is well, 1 when something needs you (the API is down, a process died, a connection to fix).',
} as const;

/**
 * Prints what was wrong with the command line or a setting and answers exit code 2; null for any
 * other error, which the caller reports its own way.
 */
export function badInvocationExit(error: unknown, err: (line: string) => void): 2 | null {
  if (error instanceof UsageError) {
    err(`skytwin: ${error.message}\n\n${error.usage}`);
    return 2;
  }
  if (isConfigError(error)) {
    err(`skytwin: invalid setting ${error.message}`);
    return 2;
  }
  return null;
}
