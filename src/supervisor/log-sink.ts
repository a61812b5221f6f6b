import { createWriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenPath } from '../private-files/index.js';

/**
 * Where one process's lines go: the supervisor's stdout, as `<ISO time> [name] line`, and its own
 * log file, as `<ISO time> line`. The time is when the supervisor received the line, so every line
 * carries one whatever the program printed (pino JSON, a plain message, a stack trace).
 */
export interface LineSink {
  writeLine(line: string): void;
  close(): Promise<void>;
}

export interface LogSinkOptions {
  /** Shown as `[name] ` before each line on stdout. */
  name: string;
  stdout: NodeJS.WritableStream;
  /** Appended to (never truncated), so logs survive restarts of the supervisor. */
  filePath: string;
  /** The clock that stamps lines; injectable for tests. */
  now?: () => Date;
}

const OWN_STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (.*)$/s;

/** `2026-11-24T09:12:44.123Z`: UTC, sorts as text, what every SkyTwin log line starts with. */
export function timestamp(now: Date): string {
  return now.toISOString();
}

export function createLogSink(options: LogSinkOptions): LineSink {
  ensurePrivateDir(dirname(options.filePath));
  // A log kept from before SkyTwin made its files private is tightened; a new one is made 0600.
  tightenPath(options.filePath);
  const file = createWriteStream(options.filePath, { flags: 'a', mode: PRIVATE_FILE_MODE });
  const now = options.now ?? (() => new Date());
  let fileBroken = false;
  let closed = false;
  // A full disk must not take the supervisor down; say so once and keep printing to stdout.
  file.on('error', (error) => {
    if (fileBroken) return;
    fileBroken = true;
    options.stdout.write(`${timestamp(now())} [supervisor] cannot write ${options.filePath}: ${error.message}\n`);
  });
  const prefix = `[${options.name}] `;
  return {
    writeLine(line) {
      // Output can still arrive after close (a child's pipe drains late); writing then would throw.
      if (closed) return;
      // A line that comes with its own time (SkyTwin's api and worker stamp theirs) keeps it.
      const own = OWN_STAMP.exec(line);
      const stamp = own?.[1] ?? timestamp(now());
      const text = own?.[2] ?? line;
      options.stdout.write(`${stamp} ${prefix}${text}\n`);
      if (!fileBroken) file.write(`${stamp} ${text}\n`);
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      if (fileBroken) {
        file.destroy();
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => file.end(() => resolve()));
    },
  };
}
