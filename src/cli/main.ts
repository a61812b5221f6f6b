#!/usr/bin/env node
import { runCli } from './run.js';

// Everything SkyTwin writes (credentials, the database, logs) is for its owner alone, whatever
// umask the shell gave us; processes the supervisor starts inherit it.
process.umask(0o077);
const argv = process.argv.slice(2);
process.exitCode = argv[0] === 'emulator' ? await (await import('./commands.js')).emulatorCli(argv.slice(1)) : await runCli(argv);
