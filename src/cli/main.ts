#!/usr/bin/env node
import { emulatorCli } from './commands.js';
import { runCli } from './run.js';

const argv = process.argv.slice(2);
process.exitCode = argv[0] === 'emulator' ? await emulatorCli(argv.slice(1)) : await runCli(argv);
