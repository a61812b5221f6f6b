import type { ApiClient } from './http.js';
import { signalStream, type BenchUser } from './signals.js';

const ROUNDS = 2;
const SIGNALS_PER_ROUND = 25;

/**
 * Gives the users who granted autonomy some history before the timed run: signals, then every
 * pending approval approved, as an owner who has used SkyTwin for a while would have done.
 * The policy asks approval for the first 10 actions in a domain and the outcome wants a twin
 * confident enough; without a history, no decision would ever auto-execute and the benchmark
 * would never take the outbox write path.
 */
export async function seasonUsers(client: ApiClient, users: readonly BenchUser[], runId: string, now: Date): Promise<number> {
  let approved = 0;
  for (const [index, user] of users.entries()) {
    const next = signalStream([user], `z${runId}${index.toString(36)}`, 1000 + index, now);
    for (let round = 0; round < ROUNDS; round++) {
      await client.call('POST', '/api/events/ingest', { signals: Array.from({ length: SIGNALS_PER_ROUND }, next) });
      const pending = await client.call('GET', `/api/users/${user.id}/approvals?status=pending&limit=50`);
      for (const approval of (pending.body as { approvals?: { id: string }[] } | null)?.approvals ?? []) {
        await client.call('POST', `/api/approvals/${approval.id}/approve`);
        approved += 1;
      }
    }
  }
  return approved;
}
