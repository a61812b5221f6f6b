import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { resolve as resolvePath } from 'node:path';
import { loadConfig, type Config } from '../config/index.js';
import { prepareDemoAccount, startEmulator } from '../emulator/index.js';
import { badInvocationExit, UsageError } from './usage.js';

type Out = { out: (line: string) => void; err: (line: string) => void };
const stdio: Out = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

// One command per file; re-exported here, where the command line looks them up.
export { migrateCommand } from './migrate-command.js';
export { userAddCommand } from './user-command.js';
export { statusCommand } from './status-command.js';

export const EMULATOR_USAGE = `Usage: skytwin emulator [--host H] [--port P] [--seed N] [--demo-user EMAIL] [--state FILE] [--gmail-quota N|off]
  Runs the Google emulator (Gmail v1, Calendar v3, OAuth token endpoint) on 127.0.0.1 unless --host says otherwise.
  --host H           address to listen on (default 127.0.0.1; 0.0.0.0 to be reachable from other containers)
  --port P           port to listen on (default 0, a free port)
  --seed N           seed for ids, tokens and generated mail (default 1)
  --gmail-quota N    Gmail quota units each account may spend per minute; over it, Gmail's 429
                     rateLimitExceeded with a Retry-After (default SKYTWIN_GMAIL_QUOTA_UNITS_PER_MIN,
                     6000; off: no limit)
  --demo-user EMAIL  create EMAIL with a demo inbox and a week of calendar; new mail arrives every minute.
                     The demo account accepts the refresh token in SKYTWIN_EMULATOR_DEMO_REFRESH_TOKEN
                     (at least 10 characters; unset: one drawn from the seed). It is read from the
                     environment, never the command line, which every local user can see.
  --state FILE       keep the state (accounts, tokens, mail, history, calendars) in FILE: loaded on
                     start, saved within a second of each change and on stop; an unusable FILE is
                     moved to FILE.corrupt and the emulator starts fresh. Delete FILE to start afresh.
  Prints "emulator listening on <url>"; the control API is under <url>/_emulator. Stops on SIGTERM or SIGINT.`;

function parseEmulatorArgs(args: string[]): { host: string; port: number; seed: number; demoUser: string | null; stateFile: string | null; gmailQuota: number | 'off' | null } {
  let values: { host?: string; port?: string; seed?: string; 'demo-user'?: string; state?: string; 'gmail-quota'?: string };
  try {
    values = parseArgs({
      args,
      options: { host: { type: 'string' }, port: { type: 'string' }, seed: { type: 'string' }, 'demo-user': { type: 'string' }, state: { type: 'string' }, 'gmail-quota': { type: 'string' } },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), EMULATOR_USAGE);
  }
  const host = values.host ?? '127.0.0.1';
  if (host !== 'localhost' && isIP(host) === 0) throw new UsageError('--host must be an IP address such as 127.0.0.1 or 0.0.0.0', EMULATOR_USAGE);
  const port = Number(values.port ?? '0');
  if (!/^\d+$/.test(values.port ?? '0') || port > 65_535) throw new UsageError('--port must be a port number 0-65535', EMULATOR_USAGE);
  const seed = Number(values.seed ?? '1');
  if (!/^-?\d+$/.test(values.seed ?? '1') || !Number.isSafeInteger(seed)) throw new UsageError('--seed must be an integer', EMULATOR_USAGE);
  const demoUser = values['demo-user'] ?? null;
  if (demoUser !== null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(demoUser)) throw new UsageError('--demo-user must be an email address', EMULATOR_USAGE);
  const quota = values['gmail-quota'] ?? null;
  if (quota !== null && quota !== 'off' && (!/^\d+$/.test(quota) || !Number.isSafeInteger(Number(quota)) || Number(quota) < 1)) {
    throw new UsageError('--gmail-quota must be a whole number of units per minute (at least 1), or off', EMULATOR_USAGE);
  }
  const stateFile = values.state ?? null;
  if (stateFile !== null && stateFile.trim() === '') throw new UsageError('--state must name a file', EMULATOR_USAGE);
  return { host, port, seed, demoUser, stateFile: stateFile === null ? null : resolvePath(stateFile), gmailQuota: quota === null || quota === 'off' ? quota : Number(quota) };
}

/** How often new mail arrives for demo accounts. */
const DEMO_ARRIVALS_EVERY_MS = 60_000;

/** `skytwin emulator`: serves until SIGTERM or SIGINT; exit code 2 on bad arguments. */
export async function emulatorCli(args: string[], io: Out = stdio): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(EMULATOR_USAGE);
    return 0;
  }
  let options: ReturnType<typeof parseEmulatorArgs>;
  let demoRefreshToken: string | null;
  let gmailQuota: number | null;
  try {
    options = parseEmulatorArgs(args);
    const config = loadConfig();
    demoRefreshToken = config.emulatorDemoRefreshToken;
    gmailQuota = options.gmailQuota === 'off' ? null : (options.gmailQuota ?? config.gmailQuotaUnitsPerMin);
  } catch (error) {
    const code = badInvocationExit(error, io.err);
    if (code !== null) return code;
    throw error;
  }
  try {
    const emulator = await startEmulator({
      host: options.host,
      port: options.port,
      seed: options.seed,
      gmailQuota: gmailQuota === null ? null : { units: gmailQuota, windowMs: 60_000 },
      ...(options.stateFile !== null ? { stateFile: options.stateFile, report: io.out } : {}),
      // In demo mode a sign-in for another address gets a demo mailbox of its own.
      ...(options.demoUser !== null ? { demoAccounts: { arrivalsEveryMs: DEMO_ARRIVALS_EVERY_MS } } : {}),
    });
    if (options.stateFile !== null) {
      const { state } = emulator;
      io.out(
        state.restored
          ? `emulator: restored the state from ${options.stateFile} (${state.accounts.list().length} accounts)` +
              (state.seed !== options.seed ? `; it keeps its seed ${state.seed} (delete the file to start afresh with --seed ${options.seed})` : '')
          : `emulator: no saved state in ${options.stateFile}; starting fresh, saved there from now on`,
      );
    }
    if (options.demoUser !== null) {
      const prepared = await prepareDemoAccount(emulator.state, { email: options.demoUser, refreshToken: demoRefreshToken, seed: options.seed, arrivalsEveryMs: DEMO_ARRIVALS_EVERY_MS });
      // Whether the demo account was kept or seeded only matters when there is a state to keep it in.
      if (options.stateFile !== null) {
        io.out(prepared);
        emulator.save();
      }
    }
    // The handlers go in before the line a supervisor or test waits for, so a stop that follows
    // that line at once still ends in a clean close and its last save.
    const stopped = new Promise<number>((resolve) => {
      // Stopping npm start's whole process group (timeout, a service manager) signals us, and then
      // the supervisor sends SIGTERM as well: a second signal must not end the process before the
      // state file's last save.
      let stopping = false;
      const shutdown = (): void => {
        if (stopping) return;
        stopping = true;
        emulator.close().then(
          () => resolve(0),
          () => resolve(1),
        );
      };
      process.on('SIGTERM', shutdown);
      process.on('SIGINT', shutdown);
    });
    io.out(`emulator listening on ${emulator.url}`);
    return await stopped;
  } catch (error) {
    io.err(`skytwin emulator: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
