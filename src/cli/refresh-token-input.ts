import { UsageError, USAGE } from './usage.js';

export interface RefreshTokenSources {
  /** `--refresh-token`'s value: the token itself, `-` for standard input, or absent. */
  flag: string | undefined;
  /** SKYTWIN_GOOGLE_REFRESH_TOKEN, used when the flag is absent. */
  fromEnv: string | null;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Where to ask for it when standard input is a terminal. */
  prompt: (line: string) => void;
}

/**
 * The refresh token `connect google` should store, or null for the browser flow. Standard input
 * and the environment keep it off the command line, which every local user can read (`ps`).
 */
export async function readRefreshToken(sources: RefreshTokenSources): Promise<string | null> {
  let token: string | null;
  if (sources.flag === '-') {
    if (sources.stdin.isTTY === true) sources.prompt('Paste the Google refresh token and press Enter:');
    token = (await firstLine(sources.stdin)).trim();
    if (token === '') throw new UsageError('--refresh-token - found no refresh token on standard input', USAGE.connect);
  } else {
    token = sources.flag?.trim() ?? sources.fromEnv;
  }
  if (token !== null && token.length < 10) throw new UsageError('--refresh-token looks too short to be a Google refresh token', USAGE.connect);
  return token;
}

/** Reads up to the first newline (or the end), then lets go of the stream so the process can exit. */
function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = () => {
      stream.removeListener('data', onData);
      stream.removeListener('end', finish);
      stream.removeListener('error', reject);
      stream.pause();
      resolve(text.split(/\r?\n/)[0] ?? '');
    };
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      // A refresh token is short; a flood on stdin is not one.
      if (text.includes('\n') || text.length > 16_384) finish();
    };
    stream.on('data', onData);
    stream.once('end', finish);
    stream.once('error', reject);
    stream.resume();
  });
}
