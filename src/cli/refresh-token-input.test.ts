import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readRefreshToken } from './refresh-token-input.js';
import { UsageError } from './usage.js';
import { userAddInput } from './user-input.js';

function stdinWith(text: string | null, isTTY = false): PassThrough & { isTTY?: boolean } {
  const stream: PassThrough & { isTTY?: boolean } = new PassThrough();
  stream.isTTY = isTTY;
  if (text !== null) stream.end(text);
  return stream;
}

describe('readRefreshToken', () => {
  const base = { fromEnv: null, prompt: () => undefined };

  it('reads the first line of standard input for "-", trimmed', async () => {
    expect(await readRefreshToken({ ...base, flag: '-', stdin: stdinWith('  1//0abcdefghijk \nignored\n') })).toBe('1//0abcdefghijk');
    expect(await readRefreshToken({ ...base, flag: '-', stdin: stdinWith('1//0abcdefghijk') })).toBe('1//0abcdefghijk');
  });

  it('asks on a terminal and stops reading at the first newline', async () => {
    const prompts: string[] = [];
    const stdin = stdinWith(null, true);
    const read = readRefreshToken({ ...base, flag: '-', stdin, prompt: (line) => prompts.push(line) });
    stdin.write('1//0abcdefghijk\n');
    expect(await read).toBe('1//0abcdefghijk');
    expect(prompts).toEqual(['Paste the Google refresh token and press Enter:']);
  });

  it('prefers the option to the environment, and uses the environment without it', async () => {
    const stdin = stdinWith('');
    expect(await readRefreshToken({ ...base, flag: '1//from-the-flag', fromEnv: '1//from-the-env', stdin })).toBe('1//from-the-flag');
    expect(await readRefreshToken({ ...base, flag: undefined, fromEnv: '1//from-the-env', stdin })).toBe('1//from-the-env');
    expect(await readRefreshToken({ ...base, flag: undefined, stdin })).toBeNull();
  });

  it('refuses empty standard input and a token too short to be one', async () => {
    await expect(readRefreshToken({ ...base, flag: '-', stdin: stdinWith('\n') })).rejects.toThrow(/found no refresh token on standard input/);
    await expect(readRefreshToken({ ...base, flag: '-', stdin: stdinWith('short\n') })).rejects.toBeInstanceOf(UsageError);
    await expect(readRefreshToken({ ...base, flag: 'short', stdin: stdinWith('') })).rejects.toThrow(/looks too short/);
  });
});

describe('userAddInput', () => {
  it('accepts what POST /api/users accepts and trims it', () => {
    expect(userAddInput({ email: ' ann@example.com ' })).toEqual({ email: 'ann@example.com', name: null });
    expect(userAddInput({ email: 'ann@example.com', name: ' Ann ' })).toEqual({ email: 'ann@example.com', name: 'Ann' });
  });

  it('refuses what POST /api/users refuses, as a usage error', () => {
    for (const values of [{}, { email: 'ann' }, { email: 'ann@exa_mple.com' }, { email: `${'a'.repeat(320)}@example.com` }]) {
      expect(() => userAddInput(values), JSON.stringify(values)).toThrow(/--email must be an email address/);
    }
    for (const name of ['', '   ', 'x'.repeat(201)]) {
      expect(() => userAddInput({ email: 'ann@example.com', name })).toThrow(/--name must be 1 to 200 characters/);
    }
  });
});
