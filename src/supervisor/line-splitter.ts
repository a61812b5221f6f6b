import { StringDecoder } from 'node:string_decoder';

/** A line this long without a newline is emitted anyway, so a runaway child cannot grow memory. */
export const MAX_LINE_LENGTH = 64 * 1024;

/**
 * Turns chunks of a byte stream into whole lines. Chunks split lines (and UTF-8 characters)
 * anywhere, so the tail is kept until its newline arrives.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(private readonly maxLineLength: number = MAX_LINE_LENGTH) {}

  push(chunk: Buffer | string): string[] {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const parts = this.pending.split('\n');
    this.pending = parts.pop() ?? '';
    const lines = parts.map(stripCarriageReturn);
    while (this.pending.length >= this.maxLineLength) {
      lines.push(this.pending.slice(0, this.maxLineLength));
      this.pending = this.pending.slice(this.maxLineLength);
    }
    return lines;
  }

  /** The unterminated last line, if any. */
  end(): string[] {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    return rest === '' ? [] : [stripCarriageReturn(rest)];
  }
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
