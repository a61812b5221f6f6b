import { benchUsers, type BenchUser } from './signals.js';

/** A minimal client for the real API over loopback; any non-2xx answer is a benchmark error. */
export class ApiClient {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  async call(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<{ status: number; body: unknown; ms: number }> {
    const started = performance.now();
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const elapsed = performance.now() - started;
    if (!response.ok) throw new Error(`${method} ${path} answered HTTP ${response.status}: ${text.slice(0, 500)}`);
    return { status: response.status, body: text.length > 0 ? (JSON.parse(text) as unknown) : null, ms: elapsed };
  }
}

export interface IngestAnswer {
  results: { externalId: string; decisionId: string; duplicate: boolean; outcome?: string | null }[];
}

/** Checks the answer's shape and that every signal made a new decision (a duplicate means a bad generator). */
export function ingestResults(body: unknown, expected: number): IngestAnswer['results'] {
  const results = (body as Partial<IngestAnswer> | null)?.results;
  if (!Array.isArray(results) || results.length !== expected) {
    throw new Error(`ingest answered ${JSON.stringify(body).slice(0, 300)}, expected ${expected} result(s)`);
  }
  for (const result of results) {
    if (result.duplicate) throw new Error(`signal ${result.externalId} was reported as a duplicate`);
  }
  return results;
}

/** Bench users as the owner creates them through the API, with their new ids. */
export async function createUsers(client: ApiClient, count: number, runId: string): Promise<BenchUser[]> {
  const users: BenchUser[] = [];
  for (const user of benchUsers(count, runId)) {
    const created = await client.call('POST', '/api/users', { email: user.email, name: user.name });
    const id = (created.body as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') throw new Error(`POST /api/users answered ${JSON.stringify(created.body).slice(0, 200)}`);
    users.push({ ...user, id });
  }
  return users;
}
