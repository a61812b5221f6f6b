import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where one process's lines go: the supervisor's stdout, prefixed, and its own log file, raw. */
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
}

export function createLogSink(options: LogSinkOptions): LineSink {
  mkdirSync(dirname(options.filePath), { recursive: true });
  const file = createWriteStream(options.filePath, { flags: 'a' });
  let fileBroken = false;
  let closed = false;
  // A full disk must not take the supervisor down; say so once and keep printing to stdout.
  file.on('error', (error) => {
    if (fileBroken) return;
    fileBroken = true;
    options.stdout.write(`[supervisor] cannot write ${options.filePath}: ${error.message}\n`);
  });
  const prefix = `[${options.name}] `;
  return {
    writeLine(line) {
      // Output can still arrive after close (a child's pipe drains late); writing then would throw.
      if (closed) return;
      options.stdout.write(prefix + line + '\n');
      if (!fileBroken) file.write(line + '\n');
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
