import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { API_MEMORY_ENV, API_NODE_FLAGS } from './api-memory.js';

// Churns short-lived objects on the main thread and on a worker thread (where the embedded
// database runs), then prints each isolate's young-generation size and the glibc setting it sees.
const PROBE = `
const v8 = require('node:v8');
const { Worker } = require('node:worker_threads');
const churn = () => {
  const kept = [];
  for (let i = 0; i < 2_000_000; i++) {
    const o = { i, s: 'x' + i };
    if (i % 10_000 === 0) kept.push(o);
  }
  return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size;
};
const code = 'const v8 = require("node:v8"); const { parentPort } = require("node:worker_threads"); ' + '(' + churn.toString() + ')' + '.call(null); parentPort.postMessage(v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size);';
const main = churn();
const worker = new Worker(code, { eval: true });
worker.once('message', (thread) => {
  console.log(JSON.stringify({ main, thread, trim: process.env.MALLOC_TRIM_THRESHOLD_ ?? null }));
  void worker.terminate();
});
`;

function probe(flags: readonly string[], env: Readonly<Record<string, string>>): { main: number; thread: number; trim: string | null } {
  const result = spawnSync(process.execPath, [...flags, '-e', PROBE], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node ${flags.join(' ')} exited ${String(result.status)}: ${result.stderr}`);
  return JSON.parse(result.stdout) as { main: number; thread: number; trim: string | null };
}

describe('the API process memory settings', () => {
  it('are flags node accepts, and cap the young generation at two 2 MB semi-spaces on the main thread and on worker threads', () => {
    const capped = probe(API_NODE_FLAGS, API_MEMORY_ENV);
    expect(capped.main).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(capped.thread).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(capped.trim).toBe(API_MEMORY_ENV.MALLOC_TRIM_THRESHOLD_);
    // Without them V8 lets the same churn grow it further, so the check above is the flag's doing.
    const uncapped = probe([], {});
    expect(uncapped.main).toBeGreaterThan(capped.main);
  });

  it('are allowed in NODE_OPTIONS, as docker-compose.yml sets them', () => {
    const result = spawnSync(process.execPath, ['-e', 'process.exit(0)'], { env: { PATH: process.env.PATH, NODE_OPTIONS: API_NODE_FLAGS.join(' ') }, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
