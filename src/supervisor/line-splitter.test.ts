import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { LineSplitter } from './line-splitter.js';

function splitAll(chunks: Buffer[], maxLineLength?: number): string[] {
  const splitter = new LineSplitter(maxLineLength);
  return [...chunks.flatMap((chunk) => splitter.push(chunk)), ...splitter.end()];
}

describe('LineSplitter', () => {
  it('joins a line split across chunks and strips CRLF', () => {
    expect(splitAll([Buffer.from('hel'), Buffer.from('lo\r\nwor'), Buffer.from('ld\n')])).toEqual(['hello', 'world']);
  });

  it('keeps empty lines and emits an unterminated last line at the end', () => {
    expect(splitAll([Buffer.from('a\n\nb')])).toEqual(['a', '', 'b']);
  });

  it('does not break a UTF-8 character split between chunks', () => {
    const bytes = Buffer.from('é✓\n');
    expect(splitAll([bytes.subarray(0, 1), bytes.subarray(1, 3), bytes.subarray(3)])).toEqual(['é✓']);
  });

  it('cuts a line that never ends at maxLineLength', () => {
    expect(splitAll([Buffer.from('abcdefg')], 3)).toEqual(['abc', 'def', 'g']);
  });

  it('yields the same lines however the bytes are chunked (property)', () => {
    const line = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => !s.includes('\n') && !s.includes('\r'));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), fc.array(fc.nat(), { maxLength: 10 }), (lines, cuts) => {
        const bytes = Buffer.from(lines.join('\n') + '\n');
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks: Buffer[] = [];
        let from = 0;
        for (const point of [...points, bytes.length]) {
          chunks.push(bytes.subarray(from, point));
          from = point;
        }
        expect(splitAll(chunks)).toEqual(lines);
      }),
    );
  });
});
