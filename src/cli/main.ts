#!/usr/bin/env node
import module from 'node:module';
import { runCli } from './run.js';

// Node 22.1 and later keep the compiled code of the modules loaded from here on (the API's are
// loaded on demand) in a cache on disk, keyed by their content, so a restart compiles them
// again only after an upgrade; older Node has no such cache and skips this.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// Everything SkyTwin writes (credentials, the database, logs) is for its owner alone, whatever
// umask the shell gave us; processes the supervisor starts inherit it.
process.umask(0o077);
const argv = process.argv.slice(2);
process.exitCode = argv[0] === 'emulator' ? await (await import('./commands.js')).emulatorCli(argv.slice(1)) : await runCli(argv);
