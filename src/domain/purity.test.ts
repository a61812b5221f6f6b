import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('.', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.testkit.ts') ? [path] : [];
  });
}

const FORBIDDEN: { pattern: RegExp; why: string }[] = [
  { pattern: /from\s+['"](node:|fs|net|http|https|child_process|crypto|os|path)['"/]/, why: 'node I/O module' },
  { pattern: /from\s+['"][^'"]*\/(store|api|services|executor|runtime|cli|supervisor|config)\//, why: 'a layer above the domain' },
  { pattern: /from\s+['"](kysely|pg|fastify|@electric-sql\/pglite|pino)['"]/, why: 'an I/O library' },
  { pattern: /Date\.now\(/, why: 'reads the clock' },
  { pattern: /new Date\(\s*\)/, why: 'reads the clock' },
  { pattern: /Math\.random\(/, why: 'a random source' },
  { pattern: /randomUUID|getRandomValues/, why: 'a random source' },
  { pattern: /process\.(env|argv|stdout|stderr|exit)/, why: 'process state' },
  { pattern: /\bfetch\(|setTimeout\(|setInterval\(/, why: 'I/O or timers' },
];

describe('the domain core stays pure', () => {
  const files = sourceFiles(ROOT);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((file) => [relative(ROOT, file), file]))('%s has no I/O, clock or randomness', (_name, file) => {
    const text = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => !line.trim().startsWith('//') && !line.trim().startsWith('*'))
      .join('\n');
    const found = FORBIDDEN.filter(({ pattern }) => pattern.test(text)).map(({ why, pattern }) => `${why} (${pattern})`);
    expect(found).toEqual([]);
  });
});
