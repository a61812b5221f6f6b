import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../config/index.js';
import { badInvocationExit, UsageError, USAGE } from './usage.js';
import { readRefreshToken } from './refresh-token-input.js';
import { userAddInput } from './user-input.js';
import { stamped } from './stamped.js';

// Each command's module is loaded when it runs: `skytwin worker health`, a container health check
// run every 30 s, then loads the settings and one file check instead of the whole API.
const commands = () => import('./commands.js');

type Out = { out: (line: string) => void; err: (line: string) => void };
const stdio: Out = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Parses the command line, loads settings once, runs one command; returns the exit code. */
export async function runCli(argv: string[], io: Out = stdio): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE.main);
      return command === undefined ? 2 : 0;
    }
    switch (command) {
      case 'api':
        if (wantsHelp(rest, USAGE.api, io)) return 0;
        noArgs(rest, USAGE.api);
        return await (await import('./api-command.js')).apiCommand(config(), stamped(io));
      case 'worker':
        if (wantsHelp(rest, USAGE.worker, io)) return 0;
        if (rest[0] === 'health') return (await import('./worker-health-command.js')).workerHealthCommand(config(), parseMaxAge(rest.slice(1)), io);
        noArgs(rest, USAGE.worker);
        return await (await import('./worker-command.js')).workerCommand(config(), stamped(io));
      case 'connect': {
        if (wantsHelp(rest, USAGE.connect, io)) return 0;
        const [provider, ...options] = rest;
        if (provider !== 'google') throw new UsageError(`unknown provider ${JSON.stringify(provider ?? '')}; only google`, USAGE.connect);
        const values = parseConnect(options);
        if (typeof values.user !== 'string' || !UUID.test(values.user)) throw new UsageError('--user must be a user id (a UUID)', USAGE.connect);
        const settings = config();
        const refreshToken = await readRefreshToken({ flag: values['refresh-token'], fromEnv: settings.googleRefreshToken, stdin: process.stdin, prompt: io.err });
        return await (await import('./connect-command.js')).connectGoogleCommand(
          settings,
          { userId: values.user, refreshToken, calendars: values.calendar ?? [], waitMs: 10 * 60_000 },
          io,
        );
      }
      case 'migrate':
        if (wantsHelp(rest, USAGE.migrate, io)) return 0;
        noArgs(rest, USAGE.migrate);
        return await (await commands()).migrateCommand(config(), io);
      case 'status':
        if (wantsHelp(rest, USAGE.status, io)) return 0;
        noArgs(rest, USAGE.status);
        return await (await commands()).statusCommand(config(), io);
      case 'dashboard': {
        if (wantsHelp(rest, USAGE.dashboard, io)) return 0;
        const user = parseDashboard(rest);
        return await (await import('./dashboard-command.js')).dashboardCommand(config(), user, io);
      }
      case 'user': {
        if (wantsHelp(rest, USAGE.user, io)) return 0;
        const [sub, ...options] = rest;
        if (sub !== 'add') throw new UsageError(`unknown user command ${JSON.stringify(sub ?? '')}`, USAGE.user);
        const input = userAddInput(parseUserAdd(options));
        return await (await commands()).userAddCommand(config(), input, io);
      }
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`, USAGE.main);
    }
  } catch (error) {
    const code = badInvocationExit(error, io.err);
    if (code !== null) return code;
    io.err(`skytwin: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function config(): Config {
  return loadConfig();
}

function wantsHelp(args: string[], usage: string, io: Out): boolean {
  if (!args.includes('--help') && !args.includes('-h')) return false;
  io.out(usage);
  return true;
}

function noArgs(args: string[], usage: string): void {
  if (args.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args[0])}`, usage);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseConnect(args: string[]): { user?: string; 'refresh-token'?: string; calendar?: string[] } {
  try {
    return parseArgs({
      args,
      options: { user: { type: 'string' }, 'refresh-token': { type: 'string' }, calendar: { type: 'string', multiple: true } },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), USAGE.connect);
  }
}

/** `worker health [--max-age S]`: seconds, default 120 (a poll cycle stuck in Google's retries can take a minute). */
function parseMaxAge(args: string[]): number {
  let values: { 'max-age'?: string };
  try {
    values = parseArgs({ args, options: { 'max-age': { type: 'string' } }, strict: true }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), USAGE.worker);
  }
  const raw = values['max-age'] ?? '120';
  const seconds = Number(raw);
  if (!/^\d+$/.test(raw) || seconds < 1 || seconds > 86_400) throw new UsageError('--max-age must be a whole number of seconds from 1 to 86400', USAGE.worker);
  return seconds * 1000;
}

function parseDashboard(args: string[]): string | null {
  let values: { user?: string };
  try {
    values = parseArgs({ args, options: { user: { type: 'string' } }, strict: true }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), USAGE.dashboard);
  }
  if (values.user !== undefined && !UUID.test(values.user)) throw new UsageError('--user must be a user id (a UUID)', USAGE.dashboard);
  return values.user ?? null;
}

function parseUserAdd(args: string[]): { email?: string; name?: string } {
  try {
    return parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' } }, strict: true }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), USAGE.user);
  }
}
