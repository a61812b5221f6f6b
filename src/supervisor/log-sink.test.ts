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
  it('stamps every line with the time it arrived: prefixed on stdout, appended to the log file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skytwin-sink-'));
    dirs.push(dir);
    const filePath = join(dir, 'logs', 'api.log');
    const stdout = new PassThrough();
    const printed = collect(stdout);
    const times = ['2026-11-24T09:12:44.001Z', '2026-11-24T09:12:45.002Z'];
    let tick = 0;
    const now = () => new Date(times[tick++] ?? '2026-11-24T10:00:00.000Z');
    const first = createLogSink({ name: 'api', stdout, filePath, now });
    first.writeLine('one');
    await first.close();
    const second = createLogSink({ name: 'api', stdout, filePath, now });
    second.writeLine('two');
    await second.close();
    second.writeLine('after close is dropped');
    expect(printed()).toBe('2026-11-24T09:12:44.001Z [api] one\n2026-11-24T09:12:45.002Z [api] two\n');
    expect(readFileSync(filePath, 'utf8')).toBe('2026-11-24T09:12:44.001Z one\n2026-11-24T09:12:45.002Z two\n');
  });

  it('keeps the time a line arrives with instead of adding a second one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skytwin-sink-'));
    dirs.push(dir);
    const filePath = join(dir, 'worker.log');
    const stdout = new PassThrough();
    const printed = collect(stdout);
    const sink = createLogSink({ name: 'worker', stdout, filePath, now: () => new Date('2026-11-24T10:00:00.000Z') });
    sink.writeLine('2026-11-24T09:59:59.500Z waiting for the API at http://127.0.0.1:3100');
    sink.writeLine('2026-11-24 not a full time');
    await sink.close();
    expect(printed()).toBe(
      '2026-11-24T09:59:59.500Z [worker] waiting for the API at http://127.0.0.1:3100\n2026-11-24T10:00:00.000Z [worker] 2026-11-24 not a full time\n',
    );
    expect(readFileSync(filePath, 'utf8')).toBe(
      '2026-11-24T09:59:59.500Z waiting for the API at http://127.0.0.1:3100\n2026-11-24T10:00:00.000Z 2026-11-24 not a full time\n',
    );
  });

  it('stamps with the real clock by default', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skytwin-sink-'));
    dirs.push(dir);
    const filePath = join(dir, 'api.log');
    const stdout = new PassThrough();
    const printed = collect(stdout);
    const before = Date.now();
    const sink = createLogSink({ name: 'worker', stdout, filePath });
    sink.writeLine('{"level":30,"msg":"json stays intact after the stamp"}');
    await sink.close();
    const match = /^(\S+) \[worker\] (\{.*\})\n$/.exec(printed());
    expect(match).not.toBeNull();
    const at = Date.parse(match?.[1] ?? '');
    expect(new Date(at).toISOString()).toBe(match?.[1]);
    expect(at).toBeGreaterThanOrEqual(before - 1);
    expect(JSON.parse(match?.[2] ?? '')).toMatchObject({ level: 30 });
    expect(readFileSync(filePath, 'utf8')).toBe(`${match?.[1]} ${match?.[2]}\n`);
  });
});
