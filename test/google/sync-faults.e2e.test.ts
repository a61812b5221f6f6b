import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../../src/emulator/index.js';
import type { LiveProcess } from '../support/processes.js';
import {
  elapsedMs,
  eventually,
  expectOneDecisionEach,
  freePort,
  mailKey,
  eventVersionKey,
  Processes,
  SkyTwinApi,
  skytwinEnv,
  startApiProcess,
  startEmulator,
  startWorkerProcess,
  untilDecisions,
  upcomingEvent,
  type Emulator,
  type SignalKey,
} from './sync-e2e.harness.js';

/**
 * One emulator, one `skytwin api` and one `skytwin worker`, all real processes, shared by every
 * case here; each case has users of its own, and faults are injected per account.
 */
describe('Google sync through real processes: faults and recovery', () => {
  const processes = new Processes();
  let emulator: Emulator;
  let api: SkyTwinApi;
  let worker: LiveProcess;
  let env: NodeJS.ProcessEnv;
  const GOOGLE_TIMEOUT_MS = 1_500;
  /**
   * How long a case waits for something the processes do. Only a failing run waits this long; it
   * is generous because three node processes share a machine that may be busy with other work.
   */
  const PATIENCE_MS = 45_000;
  /** Per case: several such waits in a row, each usually over in a second or two. */
  const CASE_TIMEOUT_MS = 180_000;

  beforeAll(async () => {
    emulator = await startEmulator(processes, 21);
    const dataDir = processes.dataDir();
    const port = await freePort();
    env = skytwinEnv(dataDir, port, emulator.url, { SKYTWIN_POLL_INTERVAL_MS: '300', SKYTWIN_GOOGLE_TIMEOUT_MS: String(GOOGLE_TIMEOUT_MS) });
    await startApiProcess(processes, env);
    api = new SkyTwinApi(`http://127.0.0.1:${port}`, dataDir);
    worker = startWorkerProcess(processes, env);
    await worker.waitFor(/worker polling/, PATIENCE_MS);
  }, 120_000);

  afterAll(async () => {
    await processes.killAll();
  });

  let serial = 0;
  const address = (name: string) => `${name}-${++serial}@faults.example`;
  const calls = (account: string, endpoint: string) => emulator.control.requestLog({ account, endpoint });
  /** Waits for the worker to print `line` (its output arrives through a pipe, after the fact). */
  const workerSays = (line: string) => worker.waitFor(new RegExp(line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), PATIENCE_MS);

  /**
   * The first faulted call and the call that followed it (by arrival), once both are logged and
   * the follower was answered. The log is in completion order, so a delayed call shows up late.
   */
  async function faultedThenAnswered(account: string, endpoint: string): Promise<[RequestLogEntry, RequestLogEntry]> {
    return eventually(
      `a retried ${endpoint} for ${account}`,
      async () => {
        const log = (await calls(account, endpoint)).sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || a.seq - b.seq);
        const at = log.findIndex((entry) => entry.faulted);
        const faulted = log[at];
        const next = log[at + 1];
        return faulted && next && next.status !== null ? ([faulted, next] as [RequestLogEntry, RequestLogEntry]) : undefined;
      },
      PATIENCE_MS,
    );
  }

  interface SeededUser {
    userId: string;
    email: string;
    messageIds: string[];
    /** Every version of every event the user's calendar has had, as signal keys. */
    eventKeys: SignalKey[];
    eventIds: string[];
  }

  /**
   * A connected user with `mails` inbox messages and `events` invitations; `faults` run before
   * the connection, so the first poll meets them.
   */
  async function seededUser(
    name: string,
    content: { mails?: number; events?: number; trustTiers?: Record<string, string> } = {},
    faults: (email: string) => Promise<unknown> = async () => undefined,
  ): Promise<SeededUser> {
    const email = address(name);
    const user: SeededUser = { userId: '', email, messageIds: [], eventKeys: [], eventIds: [] };
    const { userId } = await api.connectedUser(emulator.control, email, {
      ...(content.trustTiers ? { trustTiers: content.trustTiers } : {}),
      beforeConnect: async () => {
        for (let i = 0; i < (content.mails ?? 1); i++) {
          const added = await emulator.control.addMessage(email, { from: 'Ann Lee <ann@example.org>', subject: `Hello ${name} ${i}`, text: 'Just saying hi.' });
          user.messageIds.push(added.id);
        }
        for (let i = 0; i < (content.events ?? 0); i++) {
          const event = await emulator.control.addEvent(email, upcomingEvent(`Meeting ${name} ${i}`, 2 + i));
          user.eventIds.push(String(event.id));
          user.eventKeys.push(eventVersionKey(event));
        }
        await faults(email);
      },
    });
    user.userId = userId;
    return user;
  }

  const expectedKeys = (user: SeededUser): SignalKey[] => [...user.messageIds.map(mailKey), ...user.eventKeys];

  async function expectIngestedOnce(user: SeededUser): Promise<void> {
    const keys = expectedKeys(user);
    await untilDecisions(api, user.userId, keys.length, PATIENCE_MS);
    await expectOneDecisionEach(api, user.userId, keys);
  }

  it('retries a 429 after about 1 s without Retry-After, and no earlier than Retry-After asks (seconds or HTTP date)', async () => {
    // An HTTP date has whole seconds: the next full second at least 5 s after the fault is set,
    // which leaves the first poll (connection, discovery, token) 4 s to meet the fault. This user
    // comes first: a worker cycle lasts as long as its slowest poll, retry waits included, so a
    // user connected during the others' retries would be discovered only after them.
    let retryAt = 0;
    const dated = await seededUser('dated', {}, (email) => {
      retryAt = Math.ceil((Date.now() + 5_000) / 1000) * 1000;
      return emulator.control.addFault({ endpoint: 'gmail.messages.list', account: email, status: 429, headers: { 'Retry-After': new Date(retryAt).toUTCString() } });
    });
    const plain = await seededUser('plain', {}, (email) => emulator.control.addFault({ endpoint: 'gmail.messages.list', account: email, status: 429 }));
    const seconds = await seededUser('seconds', {}, (email) =>
      emulator.control.addFault({ endpoint: 'gmail.messages.list', account: email, status: 429, headers: { 'Retry-After': '2' } }),
    );

    const [plainFault, plainRetry] = await faultedThenAnswered(plain.email, 'gmail.messages.list');
    expect([plainFault.status, plainFault.faulted, plainRetry.status]).toEqual([429, true, 200]);
    expect(elapsedMs(plainFault, plainRetry)).toBeGreaterThanOrEqual(1_000);
    // The wait the worker chose; how soon the retry then arrived depends on how busy the machine is.
    await workerSays(`google: retrying gmail.messages.list for user ${plain.userId} in 1000 ms`);

    const [secondsFault, secondsRetry] = await faultedThenAnswered(seconds.email, 'gmail.messages.list');
    expect([secondsFault.status, secondsRetry.status]).toEqual([429, 200]);
    expect(elapsedMs(secondsFault, secondsRetry)).toBeGreaterThanOrEqual(2_000);

    const [datedFault, datedRetry] = await faultedThenAnswered(dated.email, 'gmail.messages.list');
    expect([datedFault.status, datedRetry.status]).toEqual([429, 200]);
    // The date was well ahead of the refused call, and the retry did not come before it.
    expect(retryAt - Date.parse(datedFault.time)).toBeGreaterThan(1_000);
    expect(Date.parse(datedRetry.time)).toBeGreaterThanOrEqual(retryAt);

    for (const user of [plain, seconds, dated]) await expectIngestedOnce(user);
    await workerSays(`google: retrying gmail.messages.list for user ${seconds.userId} in 2000 ms`);
  }, CASE_TIMEOUT_MS);

  it('retries a 403 rateLimitExceeded, and a userRateLimitExceeded no earlier than Gmail\'s "Retry after" time', async () => {
    // 5 s after the fault is set: the first poll has 4 s to meet it while the time is still ahead
    // (and this user comes first, as in the Retry-After case above).
    let retryAt = new Date(0);
    const userLimited = await seededUser('user-limited', {}, (email) => {
      retryAt = new Date(Date.now() + 5_000);
      const message = `User-rate limit exceeded.  Retry after ${retryAt.toISOString()}`;
      return emulator.control.addFault({
        endpoint: 'gmail.messages.list',
        account: email,
        status: 403,
        body: { error: { code: 403, message, errors: [{ message, domain: 'usageLimits', reason: 'userRateLimitExceeded' }], status: 'PERMISSION_DENIED' } },
      });
    });
    const limited = await seededUser('limited', { events: 1 }, (email) =>
      emulator.control.addFault({ endpoint: 'calendar.events.list', account: email, status: 403, reason: 'rateLimitExceeded' }),
    );

    const [limitedFault, limitedRetry] = await faultedThenAnswered(limited.email, 'calendar.events.list');
    expect([limitedFault.status, limitedFault.faulted, limitedRetry.status]).toEqual([403, true, 200]);
    expect(elapsedMs(limitedFault, limitedRetry)).toBeGreaterThanOrEqual(1_000);

    const [userFault, userRetry] = await faultedThenAnswered(userLimited.email, 'gmail.messages.list');
    expect([userFault.status, userRetry.status]).toEqual([403, 200]);
    expect(retryAt.getTime() - Date.parse(userFault.time)).toBeGreaterThan(1_000);
    expect(Date.parse(userRetry.time)).toBeGreaterThanOrEqual(retryAt.getTime());

    await expectIngestedOnce(limited);
    await expectIngestedOnce(userLimited);
  }, CASE_TIMEOUT_MS);

  it('retries through a burst of 500 and 503 answers with growing backoff', async () => {
    const user = await seededUser('burst', { mails: 2, events: 1 }, async (email) => {
      await emulator.control.addFault({ endpoint: 'calendar.events.list', account: email, status: 500 });
      await emulator.control.addFault({ endpoint: 'calendar.events.list', account: email, status: 503 });
      await emulator.control.addFault({ endpoint: 'gmail.messages.get', account: email, status: 503, times: 2 });
    });
    const lists = await eventually(
      'events.list answered after the burst',
      async () => {
        const log = await calls(user.email, 'calendar.events.list');
        return log.length >= 3 && log[2]?.status !== null ? log : undefined;
      },
      PATIENCE_MS,
    );
    const [first, second, third] = lists as [RequestLogEntry, RequestLogEntry, RequestLogEntry];
    expect([first.status, second.status, third.status]).toEqual([500, 503, 200]);
    expect(elapsedMs(first, second)).toBeGreaterThanOrEqual(1_000);
    expect(elapsedMs(second, third)).toBeGreaterThanOrEqual(2_000);

    await expectIngestedOnce(user);
    const gets = await calls(user.email, 'gmail.messages.get');
    expect(gets.filter((entry) => entry.status === 503)).toHaveLength(2);
    // Each message was read successfully exactly once: the failed reads were retried, not repeated after success.
    const readOk = gets.filter((entry) => entry.status === 200).map((entry) => entry.path.split('/').at(-1));
    expect(readOk.sort()).toEqual([...user.messageIds].sort());
  }, CASE_TIMEOUT_MS);

  it('gives up on a dropped connection and on an answer slower than the timeout, then retries', async () => {
    // Far longer than the timeout: the worker must give up on the call, not wait for the answer.
    const SLOW_MS = 20_000;
    let slowFaultId = '';
    const user = await seededUser('flaky', { mails: 1, events: 1 }, async (email) => {
      await emulator.control.addFault({ endpoint: 'gmail.messages.get', account: email, drop: true });
      slowFaultId = (await emulator.control.addFault({ endpoint: 'calendar.events.list', account: email, delayMs: SLOW_MS })).id;
    });

    const [dropped, afterDrop] = await faultedThenAnswered(user.email, 'gmail.messages.get');
    expect([dropped.status, dropped.faulted, afterDrop.status]).toEqual([null, true, 200]);
    expect(elapsedMs(dropped, afterDrop)).toBeGreaterThanOrEqual(1_000);

    // The emulator logs the slow call, with its arrival time and no status, once the worker gives up on it.
    const slow = await eventually(
      'the abandoned slow events.list in the request log',
      async () => (await calls(user.email, 'calendar.events.list')).find((entry) => entry.faultId === slowFaultId),
      PATIENCE_MS,
    );
    expect(slow.status, 'the slow call was abandoned, not answered').toBeNull();
    const retry = await eventually('the retried events.list', async () => (await calls(user.email, 'calendar.events.list')).find((entry) => entry.status === 200), PATIENCE_MS);
    expect(retry.faulted).toBe(false);
    // The retry came at least the timeout after the slow call, and before its answer would have.
    expect(elapsedMs(slow, retry)).toBeGreaterThanOrEqual(GOOGLE_TIMEOUT_MS);
    expect(elapsedMs(slow, retry)).toBeLessThan(SLOW_MS);

    await expectIngestedOnce(user);
    await workerSays(`google: retrying calendar.events.list for user ${user.userId} in 1000 ms`);
  }, CASE_TIMEOUT_MS);

  // The request log also records a call whose client gave up during an injected delay.
  it('keeps a call whose client gave up during an injected delay in the request log', async () => {
    const email = address('abandoned');
    await emulator.control.createAccount({ email });
    const { accessToken } = await emulator.control.issueAccessToken(email);
    const fault = await emulator.control.addFault({ endpoint: 'gmail.users.getProfile', account: email, delayMs: 60_000 });
    const controller = new AbortController();
    const gaveUp = expect(fetch(`${emulator.url}/gmail/v1/users/me/profile`, { headers: { authorization: `Bearer ${accessToken}` }, signal: controller.signal })).rejects.toThrow();
    // Give up once the emulator holds the call in its delay.
    await eventually('the call held by its delay', async () => (((await emulator.control.faults()).find((f) => f.id === fault.id)?.applied ?? 0) > 0 ? true : undefined), PATIENCE_MS);
    controller.abort();
    await gaveUp;
    const [entry] = await eventually('the abandoned call in the request log', async () => {
      const log = await calls(email, 'gmail.users.getProfile');
      return log.length === 1 ? log : undefined;
    }, PATIENCE_MS);
    expect(entry).toMatchObject({ status: null, faulted: true, faultId: fault.id });
  }, CASE_TIMEOUT_MS);

  it('resyncs in full when Gmail forgets the history id (404) and Calendar the sync token (410), without duplicates or losses', async () => {
    const user = await seededUser('resync', { mails: 3, events: 2 });
    await expectIngestedOnce(user);
    // The first poll's cursors are reported after its signals are stored: wait until both are.
    await eventually(
      'the first poll\'s cursors reported',
      async () => {
        const sources = (await api.sync(user.userId)).sources as { source: string; hasCursor: boolean }[];
        return sources.length === 2 && sources.every((source) => source.hasCursor) ? true : undefined;
      },
      PATIENCE_MS,
    );

    // The mailbox and the calendar change and then the cursors expire while the worker is down,
    // so the changes can only reach SkyTwin through the full resync. (With the worker running,
    // a poll between a change and the expiry would pick the change up incrementally.)
    expect(await worker.stop('SIGTERM'), worker.output).toBe(0);
    user.messageIds.push((await emulator.control.addMessage(user.email, { from: 'Cy Park <cy@example.org>', subject: 'After the expiry', text: 'New here.' })).id);
    const moved = await emulator.control.updateEvent(user.email, user.eventIds[0] ?? '', { location: 'Room 4' });
    user.eventKeys.push(eventVersionKey(moved));
    const expiredAt = Date.now();
    await emulator.control.expireCursors(user.email);
    worker = startWorkerProcess(processes, env);
    await worker.waitFor(/worker polling/, PATIENCE_MS);

    await expectIngestedOnce(user);
    const expired = await eventually(
      'history.list answered 404 after the expiry, then a full messages.list',
      async () => {
        const history = await calls(user.email, 'gmail.history.list');
        const notFound = history.find((entry) => entry.status === 404);
        const lists = await calls(user.email, 'gmail.messages.list');
        return notFound && lists.some((entry) => entry.seq > notFound.seq && entry.status === 200) ? notFound : undefined;
      },
      PATIENCE_MS,
    );
    expect(Date.parse(expired.time)).toBeGreaterThanOrEqual(expiredAt);

    const [gone, relisted] = await eventually(
      'events.list answered 410 after the expiry, then a full listing',
      async () => {
        const events = await calls(user.email, 'calendar.events.list');
        const expiredToken = events.find((entry) => entry.status === 410);
        const full = events.find((entry) => entry.seq > (expiredToken?.seq ?? Infinity) && !entry.query.includes('syncToken='));
        return expiredToken && full ? ([expiredToken, full] as const) : undefined;
      },
      PATIENCE_MS,
    );
    expect(gone.query).toMatch(/syncToken=/);
    expect(Date.parse(gone.time)).toBeGreaterThanOrEqual(expiredAt);
    expect(relisted.status, 'a full listing followed the 410').toBe(200);

    // Later polls are incremental again and add nothing.
    await eventually('two more incremental Gmail polls', async () => {
      const later = (await calls(user.email, 'gmail.history.list')).filter((entry) => entry.seq > expired.seq && entry.status === 200);
      return later.length >= 2 ? true : undefined;
    }, PATIENCE_MS);
    await expectOneDecisionEach(api, user.userId, expectedKeys(user));
  }, CASE_TIMEOUT_MS);

  it('marks revoked credentials needs_reconnect, opens that user\'s breaker after 3 failed cycles and stops calling Google for them, while others go on', async () => {
    const dee = await seededUser('dee', { mails: 1 });
    const eve = await seededUser('eve', { mails: 1 });
    await expectIngestedOnce(dee);
    await expectIngestedOnce(eve);

    await emulator.control.revokeRefreshTokens(dee.email);
    await emulator.control.expireAccessTokens(dee.email);
    const connection = await eventually(
      'the connection to need reconnecting',
      async () => {
        const view = await api.ok('GET', `/api/users/${dee.userId}/connections/google`);
        return view.status === 'needs_reconnect' ? view : undefined;
      },
      PATIENCE_MS,
    );
    expect(connection.statusReason).toMatch(/refresh token/);
    const breaker = await eventually(
      'the breaker of the revoked user to open',
      async () => {
        const view = (await api.sync(dee.userId)).breaker as { state: string; consecutiveFailures: number; openUntil: string | null };
        return view.state === 'open' ? view : undefined;
      },
      PATIENCE_MS,
    );
    expect(breaker.consecutiveFailures).toBe(3);
    expect(Date.parse(breaker.openUntil ?? '')).toBeGreaterThan(Date.now() + 60_000);
    const warning = await eventually(
      'the worker\'s warning',
      async () => worker.output.split('\n').find((line) => line.includes(`warning: circuit breaker opened for user ${dee.userId}`)),
      PATIENCE_MS,
    );
    expect(warning).toContain('after 3 failed poll cycles');
    // What Google saw of the revoked account: the stale access token refused (once per source at
    // most) and one refused refresh; from then on nothing, though the worker kept cycling.
    const deeCalls = await emulator.control.requestLog({ account: dee.email });
    const firstRefusal = deeCalls.findIndex((entry) => entry.status !== 200);
    expect(firstRefusal).toBeGreaterThan(0);
    const afterRevocation = deeCalls.slice(firstRefusal);
    expect(afterRevocation.filter((entry) => entry.endpoint === 'oauth.token').map((entry) => entry.status)).toEqual([400]);
    expect(afterRevocation.filter((entry) => entry.endpoint !== 'oauth.token').every((entry) => entry.status === 401)).toBe(true);
    expect(afterRevocation.length).toBeLessThanOrEqual(3);

    eve.messageIds.push((await emulator.control.addMessage(eve.email, { from: 'Cy Park <cy@example.org>', subject: 'Still here', text: 'Yes.' })).id);
    await expectIngestedOnce(eve);
    const evePolls = (await calls(eve.email, 'gmail.history.list')).length;
    await eventually('three more polls of the other user', async () => ((await calls(eve.email, 'gmail.history.list')).length >= evePolls + 3 ? true : undefined), PATIENCE_MS);
    expect(await emulator.control.requestLog({ account: dee.email })).toHaveLength(deeCalls.length);
    const deeSync = await api.sync(dee.userId);
    expect(deeSync.breaker).toMatchObject({ state: 'open', consecutiveFailures: 3 });
    await expectOneDecisionEach(api, dee.userId, expectedKeys(dee));
  }, CASE_TIMEOUT_MS);

  it('carries out an approved archive, RSVP and reply draft exactly once each on Google', async () => {
    const ids = { newsletter: '', request: '', thread: '', event: '' };
    const keys: SignalKey[] = [];
    const user = await seededUser('owner', { mails: 0, trustTiers: { email: 'suggest', calendar: 'suggest' } }, async (email) => {
      const newsletter = await emulator.control.addMessage(email, {
        from: 'Acme Weekly <news@acme-weekly.example>',
        subject: 'This week at Acme: 5 stories',
        text: 'Your weekly newsletter digest. Unsubscribe at any time.',
        labels: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'],
        headers: { 'List-Unsubscribe': '<mailto:unsubscribe@acme-weekly.example>' },
      });
      const colleague = await emulator.control.addMessage(email, {
        from: `Bob Stone <bob@${email.split('@')[1]}>`,
        subject: 'Quarterly numbers',
        text: 'Could you send me the quarterly numbers for the budget review by Friday?',
      });
      const invitation = await emulator.control.addEvent(email, upcomingEvent('Design review', 3, ['carol@example.org']));
      ids.newsletter = newsletter.id;
      ids.request = colleague.id;
      ids.thread = colleague.threadId;
      ids.event = String(invitation.id);
      keys.push(mailKey(newsletter.id), mailKey(colleague.id), eventVersionKey(invitation));
    });
    await untilDecisions(api, user.userId, 3, PATIENCE_MS);
    const pending = await eventually(
      'three pending approvals',
      async () => {
        const page = await api.ok('GET', `/api/users/${user.userId}/approvals?status=pending`);
        const approvals = page.approvals as { id: string; decisionId: string; action: { type: string; parameters: Record<string, unknown> } }[];
        return approvals.length === 3 ? approvals : undefined;
      },
      PATIENCE_MS,
    );
    const byType = new Map(pending.map((approval) => [approval.action.type, approval]));
    expect([...byType.keys()].sort()).toEqual(['archive', 'draft_reply', 'rsvp']);
    expect(byType.get('archive')?.action.parameters.messageId).toBe(ids.newsletter);
    expect(byType.get('draft_reply')?.action.parameters.messageId).toBe(ids.request);
    expect(byType.get('rsvp')?.action.parameters).toMatchObject({ eventId: ids.event, response: 'accepted' });

    for (const approval of pending) expect((await api.call('POST', `/api/approvals/${approval.id}/approve`)).status).toBe(200);
    for (const approval of pending) {
      await eventually(
        `the approved ${approval.action.type} to succeed`,
        async () => {
          const view = await api.ok('GET', `/api/decisions/${approval.decisionId}`);
          const state = (view.execution as { state?: string } | null)?.state;
          if (state === 'failed') throw new Error(`${approval.action.type} failed: ${JSON.stringify(view.execution)}`);
          return state === 'succeeded' ? true : undefined;
        },
        PATIENCE_MS,
      );
    }

    const google = await googleReader(user.email);
    expect(((await google(`/gmail/v1/users/me/messages/${ids.newsletter}?format=minimal`)) as { labelIds: string[] }).labelIds).not.toContain('INBOX');
    const event = (await google(`/calendar/v3/calendars/primary/events/${ids.event}`)) as Record<string, unknown> & { attendees: { self?: boolean; responseStatus: string }[] };
    expect(event.attendees.find((attendee) => attendee.self)?.responseStatus).toBe('accepted');
    const drafts = ((await google('/gmail/v1/users/me/drafts')) as { drafts?: { id: string; message: { threadId?: string } }[] }).drafts ?? [];
    expect(drafts).toHaveLength(1);
    expect(drafts[0]?.message.threadId).toBe(ids.thread);

    const effects = async () => {
      const log = await emulator.control.requestLog({ account: user.email });
      // Every call counts, answered or not: a write Google received is an effect.
      const count = (endpoint: string) => log.filter((entry) => entry.endpoint === endpoint).length;
      return { modify: count('gmail.messages.modify'), patch: count('calendar.events.patch'), draft: count('gmail.drafts.create') };
    };
    expect(await effects()).toEqual({ modify: 1, patch: 1, draft: 1 });

    // The answered invitation is a new version of the event: the worker syncs it as one more signal.
    keys.push(eventVersionKey(event));
    await untilDecisions(api, user.userId, keys.length, PATIENCE_MS);
    const polls = (await calls(user.email, 'gmail.history.list')).length;
    await eventually('three more polls of the user', async () => ((await calls(user.email, 'gmail.history.list')).length >= polls + 3 ? true : undefined), PATIENCE_MS);
    expect(await effects()).toEqual({ modify: 1, patch: 1, draft: 1 });
    expect(((await google('/gmail/v1/users/me/drafts')) as { drafts?: unknown[] }).drafts ?? []).toHaveLength(1);
    await expectOneDecisionEach(api, user.userId, keys);
  }, CASE_TIMEOUT_MS);

  /** Reads the account's Gmail and Calendar as Google would answer them (calls the log counts under other endpoints). */
  async function googleReader(email: string): Promise<(path: string) => Promise<unknown>> {
    const { accessToken } = await emulator.control.issueAccessToken(email);
    return async (path) => {
      const response = await fetch(`${emulator.url}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(response.status, path).toBe(200);
      return response.json();
    };
  }
});
