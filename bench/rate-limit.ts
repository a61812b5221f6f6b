import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApi } from '../src/api/index.js';
import { embeddedBackend, postgresBackend, type BenchBackend } from './backends.js';
import type { BenchContext, Benchmark } from './benchmark.js';
import { withCleanup } from './cleanup.js';
import { ApiClient } from './http.js';
import { ms, summarize } from './stats.js';

const REQUESTS = 2_000;
const ROUNDS = 3;
const TARGET_RATIO = 0.8;

/**
 * What the per-user limit costs: a user-scoped client's sequential requests per second with the
 * limiter on (its limit set too high to be met, so every request is counted in the database) ÷
 * the same with SKYTWIN_RATE_LIMIT=off, alternating on and off, on the embedded database and,
 * with DATABASE_URL, on PostgreSQL.
 */
export const rateLimitBenchmark: Benchmark = {
  name: 'ratelimit',
  async run({ out, env }: BenchContext) {
    out(`ratelimit: ${REQUESTS} GET /api/users/:id/settings per round with a user token, ${ROUNDS} rounds each with the limiter on and off`);
    await withCleanup(async (cleanup) => report(await embeddedBackend(cleanup), out), out);
    const databaseUrl = env.DATABASE_URL?.trim();
    if (databaseUrl) await withCleanup(async (cleanup) => report(await postgresBackend(databaseUrl, cleanup), out), out);
    else out('ratelimit: DATABASE_URL is not set, so PostgreSQL is skipped');
  },
};

async function report(backend: BenchBackend, out: (line: string) => void): Promise<void> {
  const rates: Record<'on' | 'off', number[]> = { on: [], off: [] };
  let user: { id: string; token: string } | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of ['on', 'off'] as const) {
      const config = { ...backend.config, rateLimit: mode === 'on' ? { limit: 1_000_000_000, windowMs: 60_000 } : null };
      const api = await startApi(config, { log: () => undefined });
      try {
        await api.ready;
        const owner = new ApiClient(api.url, readFileSync(join(config.dataDir, 'api-token'), 'utf8').trim());
        if (!user) {
          const created = await owner.call('POST', '/api/users', { email: 'bench-limited@example.com' });
          user = created.body as { id: string; token: string };
        }
        const client = new ApiClient(api.url, user.token);
        for (let n = 0; n < 100; n++) await client.call('GET', `/api/users/${user.id}/settings`);
        const started = performance.now();
        for (let n = 0; n < REQUESTS; n++) await client.call('GET', `/api/users/${user.id}/settings`);
        rates[mode].push(REQUESTS / ((performance.now() - started) / 1000));
      } finally {
        await api.close();
      }
    }
  }
  const on = summarize(rates.on).p50;
  const off = summarize(rates.off).p50;
  const ratio = on / off;
  out(`-- ${backend.name} (${backend.where})`);
  out(`   limiter on:  ${ms(on, 0)} requests/s (median of ${ROUNDS}: ${rates.on.map((r) => r.toFixed(0)).join(', ')})`);
  out(`   limiter off: ${ms(off, 0)} requests/s (median of ${ROUNDS}: ${rates.off.map((r) => r.toFixed(0)).join(', ')})`);
  out(`   on / off: ${ratio.toFixed(2)} (target >= ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'MISSED'})`);
}
