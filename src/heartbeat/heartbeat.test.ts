import { describe, it, expect, afterEach } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { heartbeatAge, heartbeatFile } from './heartbeat.js';

let dir: string | undefined;
const temp = () => (dir = mkdtempSync(join(tmpdir(), 'skytwin-heartbeat-')));
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('heartbeatFile', () => {
  it('writes an owner-only file naming the pid and time, creating its directory', () => {
    const path = join(temp(), 'run', 'worker.heartbeat');
    expect(heartbeatAge(path, Date.now())).toBeNull();
    heartbeatFile({ path, now: () => Date.parse('2026-12-02T10:00:00Z') }).beat();
    expect(readFileSync(path, 'utf8')).toBe(`${process.pid} 2026-12-02T10:00:00.000Z\n`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir ?? '', 'run')).mode & 0o777).toBe(0o700);
  });

  it('touches the file at most once per interval, then again once the interval has passed', () => {
    const path = join(temp(), 'worker.heartbeat');
    let clock = 1_000_000;
    const heartbeat = heartbeatFile({ path, now: () => clock, minIntervalMs: 1_000 });
    heartbeat.beat();
    const first = readFileSync(path, 'utf8');
    clock += 999;
    heartbeat.beat();
    expect(readFileSync(path, 'utf8')).toBe(first);
    clock += 1;
    heartbeat.beat();
    expect(readFileSync(path, 'utf8')).not.toBe(first);
  });

  it('reports an unwritable path once instead of throwing', () => {
    const blocker = join(temp(), 'not-a-directory');
    writeFileSync(blocker, '');
    const errors: string[] = [];
    let clock = 0;
    const heartbeat = heartbeatFile({ path: join(blocker, 'worker.heartbeat'), now: () => (clock += 5_000), onError: (message) => errors.push(message) });
    heartbeat.beat();
    heartbeat.beat();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^cannot write the heartbeat file .*not-a-directory\/worker\.heartbeat: /);
  });

  it('goes away with remove(), and removing twice is fine', () => {
    const path = join(temp(), 'worker.heartbeat');
    const heartbeat = heartbeatFile({ path });
    heartbeat.beat();
    heartbeat.remove();
    heartbeat.remove();
    expect(heartbeatAge(path, Date.now())).toBeNull();
  });
});

describe('heartbeatAge', () => {
  it("is the time since the file's last modification", () => {
    const path = join(temp(), 'worker.heartbeat');
    writeFileSync(path, '');
    const beatAt = new Date('2026-12-02T10:00:00Z');
    utimesSync(path, beatAt, beatAt);
    expect(heartbeatAge(path, beatAt.getTime() + 90_000)).toBe(90_000);
    // A clock that stepped back is no negative age.
    expect(heartbeatAge(path, beatAt.getTime() - 5_000)).toBe(0);
  });
});
