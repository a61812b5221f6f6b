import { describe, it, expect } from 'vitest';
import { DEFAULT_RESTART, resolveOptions, SupervisorOptionsError } from './options.js';
import type { ProcessSpec } from './types.js';

const spec = (name: string, readyUrl?: string): ProcessSpec => ({ name, command: 'node', args: [], ...(readyUrl ? { readyUrl } : {}) });

describe('resolveOptions', () => {
  it('fills in the defaults', () => {
    const resolved = resolveOptions({ dataDir: '/d', migrate: null, processes: [spec('api')] });
    expect(resolved.restart).toEqual({ maxRestarts: 5, windowMs: 300_000, firstDelayMs: 0, delayMs: 100, maxDelayMs: 15_000, stableMs: 30_000 });
    expect(resolved.restart).toEqual(DEFAULT_RESTART);
    expect(resolved.shutdownTimeoutMs).toBe(10_000);
    expect(resolved.readyPollIntervalMs).toBe(200);
    expect(resolved.handleSignals).toBe(true);
  });

  it('rejects names that cannot be file names, duplicates and the reserved name', () => {
    for (const processes of [[spec('../api')], [spec('api'), spec('api')], [spec('supervisor')], [spec('')]]) {
      expect(() => resolveOptions({ dataDir: '/d', migrate: null, processes })).toThrow(SupervisorOptionsError);
    }
    expect(() => resolveOptions({ dataDir: '/d', migrate: spec('api'), processes: [spec('api')] })).toThrow(/used twice/);
  });

  it('rejects a readiness URL off this machine', () => {
    expect(() => resolveOptions({ dataDir: '/d', migrate: null, processes: [spec('api', 'http://example.com/ready')] })).toThrow(
      /readyUrl of api/,
    );
  });

  it('rejects a backoff cap below the delay, and negative delays', () => {
    expect(() =>
      resolveOptions({ dataDir: '/d', migrate: null, processes: [], restart: { delayMs: 500, maxDelayMs: 100 } }),
    ).toThrow(/restart options/);
    expect(() => resolveOptions({ dataDir: '/d', migrate: null, processes: [], restart: { stableMs: -1 } })).toThrow(/restart options/);
    expect(() => resolveOptions({ dataDir: '/d', migrate: null, processes: [], restart: { firstDelayMs: -1 } })).toThrow(/restart options/);
  });
});
