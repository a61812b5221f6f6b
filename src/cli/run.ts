import { parseArgs } from 'node:util';
import { isConfigError, loadConfig, type Config } from '../config/index.js';
import { UsageError, USAGE } from './usage.js';
import { apiCommand, migrateCommand, statusCommand, userAddCommand } from './commands.js';

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
        return await apiCommand(config(), io);
      case 'migrate':
        if (wantsHelp(rest, USAGE.migrate, io)) return 0;
        noArgs(rest, USAGE.migrate);
        return await migrateCommand(config(), io);
      case 'status':
        if (wantsHelp(rest, USAGE.status, io)) return 0;
        noArgs(rest, USAGE.status);
        return await statusCommand(config(), io);
      case 'user': {
        if (wantsHelp(rest, USAGE.user, io)) return 0;
        const [sub, ...options] = rest;
        if (sub !== 'add') throw new UsageError(`unknown user command ${JSON.stringify(sub ?? '')}`, USAGE.user);
        const values = parseUserAdd(options);
        if (typeof values.email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) {
          throw new UsageError('--email must be an email address', USAGE.user);
        }
        return await userAddCommand(config(), { email: values.email, name: typeof values.name === 'string' ? values.name : null }, io);
      }
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`, USAGE.main);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`skytwin: ${error.message}\n\n${error.usage}`);
      return 2;
    }
    if (isConfigError(error)) {
      io.err(`skytwin: invalid setting ${error.message}`);
      return 2;
    }
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

function parseUserAdd(args: string[]): { email?: string; name?: string } {
  try {
    return parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' } }, strict: true }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), USAGE.user);
  }
}
