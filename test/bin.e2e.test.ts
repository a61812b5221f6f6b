import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, tempDataDir, type Finished } from './support/processes.js';

const BIN = join(process.cwd(), 'bin', 'skytwin');

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
});

function dataDir(): string {
  const temp = tempDataDir('skytwin-bin-');
  cleanups.push(temp.remove);
  return temp.dir;
}

/** Runs a script as the shell would: the file itself, through its #! line and the PATH's node. */
function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, cwd: env.SKYTWIN_DATA_DIR ?? process.cwd() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('bin/skytwin', () => {
  it('is an executable script that runs the built CLI with its arguments and exit code', async () => {
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
    const env = childEnv({ SKYTWIN_DATA_DIR: dataDir() });

    const help = await run(BIN, ['--help'], env);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/Usage: skytwin <command>/);

    const unknown = await run(BIN, ['fly'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "fly"/);

    const badOption = await run(BIN, ['migrate', 'now'], env);
    expect(badOption.code).toBe(2);
  });

  it('says what to do when dist/ has not been built', async () => {
    // A checkout without dist/: the script alone, in a module package like this one.
    const checkout = dataDir();
    mkdirSync(join(checkout, 'bin'));
    copyFileSync(BIN, join(checkout, 'bin', 'skytwin'));
    writeFileSync(join(checkout, 'package.json'), JSON.stringify({ type: 'module' }));
    const result = await run(join(checkout, 'bin', 'skytwin'), ['--help'], childEnv({ SKYTWIN_DATA_DIR: checkout }));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/dist\/cli\/main\.js is missing; run `npm install` \(it builds SkyTwin\) or `npm run build` first/);
  });
});
