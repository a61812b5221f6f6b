import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { startApi } from '../src/api/index.js';
import { systemClock } from '../src/runtime/index.js';
import { TemporalProfiles } from '../src/services/index.js';
import { openDatabase, type Schema } from '../src/store/index.js';
import { embeddedBackend, postgresBackend, type BenchBackend } from './backends.js';
import type { BenchContext, Benchmark } from './benchmark.js';
import { withCleanup } from './cleanup.js';
import { ms, summarize, table, targetLine } from './stats.js';

const LARGE = 10_000;
const SMALL = 100;
const USERS_PER_SIZE = 3;
const ROUNDS = 15;
const TARGET_PER_USER_MS = 100;
const TARGET_START_MS = 2_000;
const BATCH = 500;
const MINUTE = 60_000;

/**
 * Rebuilding temporal profiles on start: users with 10,000 answered decisions each and users with
 * 100, stored as the API stores them. Per user, a cold derivation (probe, read of the newest 100
 * answers, derivation) for 100 vs 10,000 of history, their ratio (flat is 1.0), the warm probe each
 * decision pays, and the rebuild `skytwin api` logs when it starts on that data.
 */
export const temporalBenchmark: Benchmark = {
  name: 'temporal',
  async run({ out, env }: BenchContext) {
    out(`temporal: ${USERS_PER_SIZE} users with ${LARGE} answered decisions and ${USERS_PER_SIZE} with ${SMALL}; ${ROUNDS} cold rebuilds per user`);
    await withCleanup(async (cleanup) => report(await embeddedBackend(cleanup), out), out);
    const databaseUrl = env.DATABASE_URL?.trim();
    if (databaseUrl) await withCleanup(async (cleanup) => report(await postgresBackend(databaseUrl, cleanup), out), out);
    else out('temporal: DATABASE_URL is not set, so PostgreSQL is skipped');
  },
};

async function report(backend: BenchBackend, out: (line: string) => void): Promise<void> {
  const database = await openDatabase({ databaseUrl: backend.config.databaseUrl, dataDir: backend.config.dataDir });
  const users: { id: string; history: number }[] = [];
  try {
    const seeding = performance.now();
    for (const history of [LARGE, SMALL]) {
      for (let n = 0; n < USERS_PER_SIZE; n++) users.push({ id: await seedUser(database.db, history, users.length), history });
    }
    out(`-- ${backend.name} (${backend.where}); seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

    const cold: Record<number, number[]> = { [LARGE]: [], [SMALL]: [] };
    const warm: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const profiles = new TemporalProfiles('UTC');
      for (const user of users) {
        const started = performance.now();
        const profile = await profiles.profileFor(database.db, user.id, systemClock);
        cold[user.history]?.push(performance.now() - started);
        if (profile?.basedOn.answers !== SMALL) throw new Error(`expected a profile on ${SMALL} answers, got ${profile?.basedOn.answers}`);
        const again = performance.now();
        await profiles.profileFor(database.db, user.id, systemClock);
        warm.push(performance.now() - again);
      }
    }
    const large = summarize(cold[LARGE] ?? []);
    const small = summarize(cold[SMALL] ?? []);
    const probe = summarize(warm);
    for (const line of table([
      ['per user', 'p50 ms', 'p90 ms', 'max ms'],
      [`cold, ${SMALL} history`, ms(small.p50), ms(small.p90), ms(small.max)],
      [`cold, ${LARGE} history`, ms(large.p50), ms(large.p90), ms(large.max)],
      ['warm (cached) probe', ms(probe.p50), ms(probe.p90), ms(probe.max)],
    ])) {
      out(`   ${line}`);
    }
    out(`   ${LARGE} vs ${SMALL} history, p50 ratio: ${(large.p50 / small.p50).toFixed(2)} (flat is 1.00)`);
    out(`   ${targetLine({ label: 'rebuild per user p90', measured: Math.max(large.p90, small.p90), target: TARGET_PER_USER_MS, kind: 'max', unit: 'ms' })}`);
  } finally {
    await database.close();
  }

  // The real start: `skytwin api` rebuilds every user active in the last 30 days before it says ready.
  let logged = '';
  const api = await startApi(backend.config, { log: (line) => (logged += `${line}\n`) });
  try {
    await api.ready;
  } finally {
    await api.close();
  }
  const match = /temporal profiles rebuilt for (\d+) users .* in (\d+) ms/.exec(logged);
  if (!match) throw new Error(`the API did not log its rebuild:\n${logged}`);
  out(`   api start: ${match[0]}`);
  out(`   ${targetLine({ label: 'rebuild on start', measured: Number(match[2]), target: TARGET_START_MS, kind: 'max', unit: 'ms' })}`);
}

/** A user with `history` answered decisions over the last weeks, in batches, as the API stores them. */
async function seedUser(db: Kysely<Schema>, history: number, index: number): Promise<string> {
  const userId = randomUUID();
  const now = Date.now();
  await db.insertInto('users').values({ id: userId, email: `temporal-${index}-${userId}@bench.example`, name: null, token_hash: randomUUID(), created_at: new Date(now) }).execute();
  for (let from = 0; from < history; from += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, history - from) }, (_, k) => {
      const n = from + k;
      // Answers spread over the last 20 days, mostly in the working day.
      const answeredAt = new Date(now - (history - n) * Math.floor((20 * 24 * 60 * MINUTE) / history));
      return { n, signalId: randomUUID(), decisionId: randomUUID(), candidateId: randomUUID(), answeredAt, askedAt: new Date(answeredAt.getTime() - (n % 90) * MINUTE) };
    });
    await db
      .insertInto('signals')
      .values(rows.map((r) => ({ id: r.signalId, user_id: userId, source: 'gmail', external_id: `m${r.n}`, type: 'email.received', occurred_at: r.askedAt, data: '{}', created_at: r.askedAt })))
      .execute();
    await db
      .insertInto('decisions')
      .values(
        rows.map((r) => ({
          id: r.decisionId,
          user_id: userId,
          signal_id: r.signalId,
          domain: r.n % 3 === 0 ? 'calendar' : 'email',
          situation_kind: 'newsletter',
          situation: JSON.stringify({ urgency: r.n % 7 === 0 ? 'high' : 'normal' }),
          counterpart: null,
          tier: 'suggest',
          outcome: 'needs_approval',
          selected_position: 0,
          reasons: '[]',
          not_before: null,
          created_at: r.askedAt,
        })),
      )
      .execute();
    await db
      .insertInto('candidate_actions')
      .values(
        rows.map((r) => ({
          id: r.candidateId,
          decision_id: r.decisionId,
          position: 0,
          action_type: 'archive',
          domain: 'email',
          parameters: '{}',
          reversibility: 'full',
          estimated_cost_cents: 0,
          risk_overall: 'low',
          risk: '{}',
          rationale: '',
          prediction: '{}',
        })),
      )
      .execute();
    await db
      .insertInto('approval_requests')
      .values(
        rows.map((r) => ({
          id: randomUUID(),
          user_id: userId,
          decision_id: r.decisionId,
          candidate_id: r.candidateId,
          status: 'approved',
          urgency: r.n % 7 === 0 ? 'high' : 'normal',
          expires_at: new Date(r.askedAt.getTime() + 24 * 60 * MINUTE),
          responded_at: r.answeredAt,
          response: '{"kind":"approve"}',
          created_at: r.askedAt,
        })),
      )
      .execute();
    await db
      .insertInto('feedback_events')
      .values(
        rows.map((r) => ({
          id: randomUUID(),
          user_id: userId,
          decision_id: r.decisionId,
          kind: r.n % 5 === 0 ? 'reject' : 'approve',
          payload: '{}',
          twin_version: r.n + 1,
          created_at: r.answeredAt,
        })),
      )
      .execute();
  }
  return userId;
}
