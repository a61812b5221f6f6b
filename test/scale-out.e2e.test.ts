import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchServerDatabase } from './support/database.js';
import { EmulatorControl, type MailKind, type RequestLogEntry } from '../src/emulator/index.js';
import { CLI, childEnv, LiveProcess, poll, runCli, tempDataDir } from './support/processes.js';

/**
 * Scaling out on a server database: one emulator, two `skytwin api` processes on one PostgreSQL
 * database, two `skytwin worker` processes each posting to its own API. Every message is fetched
 * from Gmail once, decided once, and acted on once; the rate limit spans both APIs. Then one
 * worker is killed with SIGKILL and the other takes its users over once their leases lapse.
 */
const adminUrl = process.env.DATABASE_URL;
const POLL_INTERVAL_MS = 1_000;
/** pollLeaseMs(1000): two poll intervals. */
const LEASE_MS = 2_000;
const USERS = 4;
const MAILS_PER_USER = 25;
const KINDS: MailKind[] = ['newsletter', 'promotion', 'notification', 'personal', 'receipt'];

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A database of the test's own on the server, dropped afterwards. */
async function freshDatabase(admin: string): Promise<string> {
  const database = await scratchServerDatabase(admin, 'skytwin_scale');
  cleanups.push(database.drop);
  return database.url;
}

function start(args: string[], env: NodeJS.ProcessEnv): LiveProcess {
  const process_ = new LiveProcess([CLI, ...args], env);
  cleanups.push(() => process_.stop('SIGKILL').then(() => undefined));
  // SCALE_OUT_LOGS=<dir> keeps each process's output there, to read after a failure.
  const logs = process.env.SCALE_OUT_LOGS;
  const name = `${args[0]}-${cleanups.length}.log`;
  if (logs) cleanups.push(() => writeFileSync(join(logs, name), process_.output));
  return process_;
}

/** The message id a `gmail.messages.get` call asked for. */
const messageIdOf = (entry: RequestLogEntry) => decodeURIComponent(entry.path.split('/').at(-1) ?? '');

describe.runIf(Boolean(adminUrl))('two APIs and two workers on one PostgreSQL database', () => {
  it('fetches, decides and acts on each message once, shares the rate limit, and takes a killed worker\'s users over', async () => {
    const databaseUrl = await freshDatabase(adminUrl ?? '');
    const db = new pg.Client({ connectionString: databaseUrl });
    const data = tempDataDir('skytwin-scale-');
    cleanups.push(data.remove);

    const emulator = start(['emulator', '--port', '0'], childEnv({ SKYTWIN_DATA_DIR: data.dir }));
    const [, emulatorUrl] = await emulator.waitFor(/emulator listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const control = new EmulatorControl(emulatorUrl as string);
    const env = childEnv({
      DATABASE_URL: databaseUrl,
      SKYTWIN_DATA_DIR: data.dir,
      SKYTWIN_API_PORT: '0',
      GOOGLE_CLIENT_ID: 'skytwin-test',
      GOOGLE_CLIENT_SECRET: 'secret',
      GOOGLE_API_BASE_URL: emulatorUrl as string,
      GOOGLE_OAUTH_TOKEN_URL: `${emulatorUrl as string}/token`,
      SKYTWIN_POLL_INTERVAL_MS: String(POLL_INTERVAL_MS),
      SKYTWIN_RATE_LIMIT: '600/1000h',
    });
    expect((await runCli(['migrate'], env)).code).toBe(0);
    await db.connect();
    cleanups.push(() => db.end());

    // The first API writes the owner token into the shared data directory; the second reads it.
    const apis: string[] = [];
    for (let i = 0; i < 2; i++) {
      const api = start(['api'], env);
      const [, url] = await api.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      await poll(async () => ((await fetch(`${url as string}/api/health/ready`)).status === 200 ? true : null), 30_000);
      apis.push(url as string);
    }
    const owner = `Bearer ${readFileSync(join(data.dir, 'api-token'), 'utf8').trim()}`;
    const call = async (api: string, method: string, path: string, body?: unknown, auth = owner) => {
      const response = await fetch(`${api}${path}`, { method, headers: { authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: response.status, headers: response.headers, body: (await response.json().catch(() => null)) as Record<string, unknown> };
    };

    // Four users, made through one API and set up through the other.
    const users: { id: string; email: string; token: string; refreshToken: string }[] = [];
    for (let i = 0; i < USERS; i++) {
      const email = `scale${i}@scale.example`;
      const created = await call(apis[i % 2] as string, 'POST', '/api/users', { email });
      expect(created.status).toBe(201);
      const id = String(created.body.id);
      expect((await call(apis[(i + 1) % 2] as string, 'PUT', `/api/users/${id}/settings`, { trustTiers: { email: 'low' }, trustProgression: { newDomainApprovals: 0 } })).status).toBe(200);
      const account = await control.createAccount({ email });
      for (let m = 0; m < MAILS_PER_USER; m++) await control.deliverArrival(email, KINDS[m % KINDS.length]);
      users.push({ id, email, token: String(created.body.token), refreshToken: account.refreshToken });
    }

    const count = async (query: string, values: unknown[] = []) => Number((await db.query<{ n: string }>(query, values)).rows[0]?.n ?? 0);
    const workers = apis.map((api) => start(['worker'], { ...env, SKYTWIN_API_URL: api }));
    const workerIds: string[] = [];
    for (const worker of workers) workerIds.push(((await worker.waitFor(/worker ([\w-]+) shares the users/))[1] ?? '') as string);
    // Both workers have claimed once, so the users are shared from the first poll on.
    await poll(async () => ((await count(`SELECT count(*) AS n FROM poll_workers WHERE seen_until > now()`)) === 2 ? true : null), 30_000, 100);
    for (const [i, u] of users.entries()) {
      expect((await call(apis[(i + 1) % 2] as string, 'POST', `/api/users/${u.id}/connections/google`, { refreshToken: u.refreshToken })).status).toBe(201);
    }
    /** Every message decided and every action finished. */
    const settled = async (messages: number) =>
      (await count(`SELECT count(*) AS n FROM decisions d JOIN signals s ON s.id = d.signal_id WHERE s.source = 'gmail'`)) === messages &&
      (await count(`SELECT count(*) AS n FROM actions WHERE state IN ('pending', 'running')`)) === 0
        ? true
        : null;
    await poll(() => settled(USERS * MAILS_PER_USER), 90_000, 200);

    // Both workers polled: the users are split between them, two each.
    const holders = async () => (await db.query<{ user_id: string; holder: string }>(`SELECT user_id, holder FROM poll_leases`)).rows;
    const split = await poll(async () => {
      const rows = await holders();
      const counts = workerIds.map((id) => rows.filter((row) => row.holder === id).length);
      return counts.every((n) => n === USERS / 2) ? rows : null;
    }, 30_000, 200);
    for (const worker of workers) expect(worker.output).toMatch(/signals stored/);

    // Each message fetched from Gmail exactly once, across both workers.
    // The sync reads whole messages; the executor reads headers only (format=metadata) to reply.
    const gets = async () => (await control.requestLog({ endpoint: 'gmail.messages.get' })).filter((entry) => entry.status === 200 && entry.query.startsWith('format=full'));
    const fetches = (entries: RequestLogEntry[]) => {
      const byMessage = new Map<string, RequestLogEntry[]>();
      for (const entry of entries) byMessage.set(`${entry.account}/${messageIdOf(entry)}`, [...(byMessage.get(`${entry.account}/${messageIdOf(entry)}`) ?? []), entry]);
      return byMessage;
    };
    const firstRound = fetches(await gets());
    expect(firstRound.size).toBe(USERS * MAILS_PER_USER);
    expect([...firstRound.values()].filter((list) => list.length !== 1)).toEqual([]);

    // What waits for approval is approved through both APIs at once: each approval still runs one action.
    for (const [i, u] of users.entries()) {
      const pending = (await call(apis[i % 2] as string, 'GET', `/api/users/${u.id}/approvals?status=pending&limit=100`)).body.approvals as { id: string }[];
      for (const approval of pending) {
        const answers = await Promise.all(apis.map((api) => call(api, 'POST', `/api/approvals/${approval.id}/approve`, {})));
        expect(answers.some((answer) => answer.status === 200)).toBe(true);
        for (const answer of answers) expect(answer.status).toBeLessThan(500);
      }
    }
    await poll(() => settled(USERS * MAILS_PER_USER), 90_000, 200);

    // Each signal one decision; each decision at most one action; each action that ran one effect at the emulator.
    expect(await count(`SELECT count(*) AS n FROM signals WHERE source = 'gmail'`)).toBe(USERS * MAILS_PER_USER);
    expect(await count(`SELECT count(*) AS n FROM (SELECT decision_id FROM actions WHERE kind = 'execute' GROUP BY decision_id HAVING count(*) > 1) AS twice`)).toBe(0);
    const executed = (
      await db.query<{ action_type: string; message_id: string }>(
        `SELECT a.action_type, a.parameters->>'messageId' AS message_id FROM actions a JOIN decisions d ON d.id = a.decision_id
         WHERE a.state = 'succeeded' AND a.kind = 'execute' AND a.action_type IN ('archive', 'mark_read', 'label')`,
      )
    ).rows;
    const outcomes = (await db.query<{ outcome: string; n: string }>(`SELECT outcome, count(*) AS n FROM decisions GROUP BY outcome ORDER BY outcome`)).rows;
    process.stdout.write(`scale-out: outcomes ${outcomes.map((row) => `${row.outcome} ${row.n}`).join(', ')}; ${executed.length} Gmail actions ran\n`);
    expect(executed.length).toBeGreaterThan(0);
    const modifies = (await control.requestLog({ endpoint: 'gmail.messages.modify' })).filter((entry) => entry.status === 200);
    const modified = modifies.map((entry) => entry.path.split('/').at(-2));
    expect(modified.sort()).toEqual(executed.map((row) => row.message_id).sort());

    // One user's token, used on both APIs: one count in the database.
    const user = users[0] as { id: string; token: string };
    const remaining: string[] = [];
    for (const api of [apis[0], apis[1], apis[0], apis[1]] as string[]) {
      const answer = await call(api, 'GET', `/api/users/${user.id}/settings`, undefined, `Bearer ${user.token}`);
      expect(answer.status).toBe(200);
      remaining.push(answer.headers.get('ratelimit-remaining') ?? '');
    }
    const first = Number(remaining[0]);
    expect(remaining).toEqual([first, first - 1, first - 2, first - 3].map(String));

    // kill -9 one worker right after new mail arrived, so it may be in the middle of a poll.
    const victim = workerIds[1] as string;
    const victimUsers = split.filter((row) => row.holder === victim).map((row) => row.user_id);
    for (const u of users) for (let m = 0; m < 5; m++) await control.deliverArrival(u.email, KINDS[m % KINDS.length]);
    await (workers[1] as LiveProcess).stop('SIGKILL');
    const killedAt = Date.now();
    // What the dead worker reported last: a message it fetched after that report may be fetched once more.
    const reportedAt = new Map(
      (await db.query<{ user_id: string; cursor_at: Date }>(`SELECT user_id, cursor_at FROM sync_state WHERE source = 'gmail'`)).rows.map((row) => [row.user_id, row.cursor_at.getTime()]),
    );

    // The survivor takes them once their leases lapse: within the lease and one claim (a poll tick) after it.
    await poll(async () => ((await holders()).every((row) => row.holder === workerIds[0]) ? true : null), 30_000, 100);
    const takeoverMs = Date.now() - killedAt;
    process.stdout.write(`scale-out: worker ${victim}'s users taken over ${takeoverMs} ms after kill -9 (lease ${LEASE_MS} ms)\n`);
    expect(takeoverMs).toBeLessThan(LEASE_MS + POLL_INTERVAL_MS + 3_000);

    await poll(() => settled(USERS * (MAILS_PER_USER + 5)), 90_000, 200);
    const emailOf = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
    const all = fetches(await gets());
    expect(all.size).toBe(USERS * (MAILS_PER_USER + 5));
    // Allowed twice: a message of the dead worker's users that it fetched after its last accepted
    // report (its cursor never covered it), fetched again by the survivor. Nothing else, and never three times.
    const twice = [...all.values()].filter((list) => list.length > 1);
    if (process.env.SCALE_OUT_LOGS) writeFileSync(join(process.env.SCALE_OUT_LOGS, 'twice.json'), JSON.stringify({ killedAt, reportedAt: [...reportedAt], victimUsers, twice }, null, 1));
    for (const list of twice) {
      const [firstFetch] = list;
      const userId = emailOf.get(firstFetch?.account ?? '') ?? '';
      expect(list).toHaveLength(2);
      expect(victimUsers).toContain(userId);
      expect(Date.parse(firstFetch?.time ?? '')).toBeGreaterThan(reportedAt.get(userId) ?? 0);
      expect(Date.parse(firstFetch?.time ?? '')).toBeLessThanOrEqual(killedAt);
    }
    process.stdout.write(`scale-out: ${twice.length} messages fetched twice around the kill, all fetched by the dead worker after its last accepted report\n`);
    expect(await count(`SELECT count(*) AS n FROM signals WHERE source = 'gmail'`)).toBe(USERS * (MAILS_PER_USER + 5));
    const modifiesAfter = (await control.requestLog({ endpoint: 'gmail.messages.modify' })).filter((entry) => entry.status === 200);
    const executedAfter = await count(
      `SELECT count(*) AS n FROM actions WHERE state = 'succeeded' AND kind = 'execute' AND action_type IN ('archive', 'mark_read', 'label')`,
    );
    expect(modifiesAfter.length).toBe(executedAfter);
  }, 300_000);
});
