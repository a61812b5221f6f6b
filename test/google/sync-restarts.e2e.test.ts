import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveProcess } from '../support/processes.js';
import {
  eventually,
  expectOneDecisionEach,
  freePort,
  mailKey,
  Processes,
  receipts,
  SkyTwinApi,
  skytwinEnv,
  startApiProcess,
  startEmulator,
  startWorkerProcess,
  untilDecisions,
  type Emulator,
} from './sync-e2e.harness.js';

/**
 * Stopping and killing the processes themselves: the worker on SIGTERM in the middle of a slow
 * poll, and the API killed while the worker posts a large first sync. The emulator and the API's
 * data directory are shared; each case starts (and stops) its own worker.
 */
describe('Google sync through real processes: stopping the worker, killing the API', () => {
  const processes = new Processes();
  let emulator: Emulator;
  let env: NodeJS.ProcessEnv;
  let apiProcess: LiveProcess;
  let api: SkyTwinApi;

  beforeAll(async () => {
    // At Gmail's default 6,000 units a minute, the 300-message first sync below would be paced
    // over more than a minute before its first batch; these cases are about stops and kills, so
    // the emulator and the worker share a quota ten times larger.
    emulator = await startEmulator(processes, 22, ['--gmail-quota', '60000']);
    const dataDir = processes.dataDir();
    const port = await freePort();
    env = skytwinEnv(dataDir, port, emulator.url, { SKYTWIN_POLL_INTERVAL_MS: '300', SKYTWIN_GMAIL_QUOTA_UNITS_PER_MIN: '60000' });
    apiProcess = await startApiProcess(processes, env);
    api = new SkyTwinApi(`http://127.0.0.1:${port}`, dataDir);
  }, 90_000);

  afterAll(async () => {
    await processes.killAll();
  });

  const historyCalls = async (account: string) =>
    (await emulator.control.requestLog({ account, endpoint: 'gmail.history.list' })).sort((a, b) => Date.parse(a.time) - Date.parse(b.time));

  /** Resolves with the exit code, or with 'running' if the process is still alive after `ms`. */
  const exitWithin = (child: LiveProcess, ms: number) =>
    Promise.race([child.wait(), new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), ms))]);

  /** A connected user with two mails, synced once, whose next Gmail history.list hangs for `delayMs`; a third mail waits behind it. */
  async function userWithSlowNextPoll(name: string, delayMs: number) {
    const email = `${name}@restarts.example`;
    const messageIds: string[] = [];
    const { userId } = await api.connectedUser(emulator.control, email, {
      beforeConnect: async () => {
        for (const mail of receipts(2, name)) messageIds.push((await emulator.control.addMessage(email, mail)).id);
      },
    });
    await untilDecisions(api, userId, 2, 30_000);
    await eventually('an incremental Gmail poll', async () => ((await historyCalls(email)).some((entry) => entry.status === 200) ? true : undefined), 30_000);
    const slow = await emulator.control.addFault({ endpoint: 'gmail.history.list', account: email, delayMs });
    messageIds.push((await emulator.control.addMessage(email, { from: 'Dana Wu <dana@example.org>', subject: 'Arrived meanwhile', text: 'Hello.' })).id);
    // The request log only has answered calls; a spent fault shows the slow call has arrived.
    await eventually(
      'the slow poll to be in flight',
      async () => ((await emulator.control.faults()).find((fault) => fault.id === slow.id)?.applied === 1 ? true : undefined),
      30_000,
      50,
    );
    return { email, userId, messageIds };
  }

  // The stop signal reaches the Google call in flight, so a slow Gmail cannot hold the worker.
  it('exits with code 0 within 10 s of SIGTERM while a slow poll is in flight', async () => {
    const worker = startWorkerProcess(processes, env);
    try {
      await userWithSlowNextPoll('sigterm-deadline', 60_000);
      worker.child.kill('SIGTERM');
      expect(await exitWithin(worker, 10_000)).toBe(0);
    } finally {
      await worker.stop('SIGKILL');
    }
  });

  it('moves no cursor for a poll abandoned on SIGTERM, so the next run ingests the new mail exactly once', async () => {
    const first = startWorkerProcess(processes, env);
    // Shorter than the worker's 30 s Google timeout, and long enough that the poll is still in
    // flight when SIGTERM comes, however busy the machine.
    const user = await userWithSlowNextPoll('sigterm-cursor', 20_000);
    const gmailState = async () => {
      const sources = (await api.sync(user.userId)).sources as { source: string; lastSuccessAt: string | null; lastAttemptAt: string | null; hasCursor: boolean }[];
      const gmail = sources.find((source) => source.source === 'gmail');
      return { hasCursor: gmail?.hasCursor, lastSuccessAt: gmail?.lastSuccessAt, lastAttemptAt: gmail?.lastAttemptAt };
    };
    const atStop = await gmailState();
    expect(atStop.hasCursor).toBe(true);
    const lastAnsweredPoll = (await historyCalls(user.email)).at(-1);

    const stoppingAt = Date.now();
    first.child.kill('SIGTERM');
    expect(await exitWithin(first, 30_000)).toBe(0);
    expect(first.output).toContain('worker stopping (SIGTERM)');
    expect(await gmailState()).toEqual(atStop);
    expect(await api.decisionCount(user.userId)).toBe(2);

    const second = startWorkerProcess(processes, env);
    await untilDecisions(api, user.userId, 3, 30_000);
    await expectOneDecisionEach(api, user.userId, user.messageIds.map(mailKey));
    // The next run asked Gmail for history from the same id as the answered polls before the stop.
    const resumed = (await historyCalls(user.email)).find((entry) => Date.parse(entry.time) > stoppingAt && entry.status === 200);
    const startOf = (query: string) => new URLSearchParams(query).get('startHistoryId');
    expect(startOf(resumed?.query ?? '')).toBe(startOf(lastAnsweredPoll?.query ?? ''));
    second.child.kill('SIGTERM');
    expect(await exitWithin(second, 10_000)).toBe(0);
  });

  it('loses and duplicates nothing when the API is killed while the worker posts a large first sync', async () => {
    const email = 'bulk@restarts.example';
    const messageIds: string[] = [];
    const worker = startWorkerProcess(processes, env);
    const { userId } = await api.connectedUser(emulator.control, email, {
      beforeConnect: async () => {
        const mails = receipts(300, 'bulk');
        for (let start = 0; start < mails.length; start += 100) {
          messageIds.push(...(await emulator.control.addMessages(email, mails.slice(start, start + 100))).map((added) => added.id));
        }
      },
    });
    // Batches of 100 are stored one transaction each: kill as soon as the first is visible.
    await eventually(
      'the first batch of the sync to be stored',
      async () => ((await api.ok('GET', `/api/users/${userId}/decisions?limit=1`)).decisions as unknown[]).length > 0 || undefined,
      60_000,
      20,
    );
    const logBeforeKill = worker.output.length;
    await apiProcess.stop('SIGKILL');
    // Proof that the kill cut into the posting: an ingest request failed for want of the API.
    await eventually(
      'the worker to fail posting signals',
      async () => (/api POST \/api\/events\/(ingest|sent-mail) unreachable/.test(worker.output.slice(logBeforeKill)) ? true : undefined),
      30_000,
    );

    apiProcess = await startApiProcess(processes, env);
    await untilDecisions(api, userId, 300, 90_000);
    await expectOneDecisionEach(api, userId, messageIds.map(mailKey));
    worker.child.kill('SIGTERM');
    expect(await exitWithin(worker, 10_000)).toBe(0);
  });
});
