import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createLogSink } from './log-sink.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function collect(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return () => text;
}

describe('createLogSink', () => {
  it('prefixes lines on stdout and appends them raw to the log file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skytwin-sink-'));
    dirs.push(dir);
    const filePath = join(dir, 'logs', 'api.log');
    const stdout = new PassThrough();
    const printed = collect(stdout);
    const first = createLogSink({ name: 'api', stdout, filePath });
    first.writeLine('one');
    await first.close();
    const second = createLogSink({ name: 'api', stdout, filePath });
    second.writeLine('two');
    await second.close();
    second.writeLine('after close is dropped');
    expect(printed()).toBe('[api] one\n[api] two\n');
    expect(readFileSync(filePath, 'utf8')).toBe('one\ntwo\n');
  });
});
