import { startLlmEmulator } from './server.js';

// `npm run llm-emulator -- [--port P]`: the fake model server alone, with the keyword script,
// for the demo (SKYTWIN_LLM_URL=<printed url> SKYTWIN_LLM_MODEL=skytwin-fake).
const args = process.argv.slice(2);
let port = 11435;
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--help') {
    process.stdout.write('usage: llm-emulator [--port P]   (default 11435; 0 picks a free port)\n');
    process.exit(0);
  }
  const value = args[i + 1];
  if (arg === '--port' && value !== undefined && /^\d+$/.test(value) && Number(value) <= 65_535) {
    port = Number(value);
    i++;
    continue;
  }
  process.stderr.write(`llm-emulator: expected --port <0-65535>, got ${JSON.stringify(arg)}\n`);
  process.exit(2);
}
const emulator = await startLlmEmulator({ port, log: (line) => process.stdout.write(`${line}\n`) });
process.stdout.write(`llm emulator listening on ${emulator.url} (model skytwin-fake)\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void emulator.close().then(() => process.exit(0)));
}
