import { createRandom, type MailKind, type Random } from '../../src/emulator/index.js';
import { ChaosCluster } from './chaos-cluster.js';
import { inspectChaosRun, type ChaosFindings, type ChaosUser } from './chaos-check.js';
import { ChaosDriver } from './chaos-driver.js';

export interface ChaosOptions {
  /** Everything random in the run (mail kinds, kill times, which calls fail) follows from it. */
  seed: number;
  messages: number;
  users: number;
  /** SIGKILLs at least this many of each, spread over the arrivals. */
  kills: { api: number; worker: number };
  /** The share of Google calls that fail transiently (500, 503, 429 with Retry-After, dropped connection). */
  faultProbability: number;
  /** The messages arrive over this long. */
  arrivalMs: number;
  /**
   * When Google stops failing: once the killing stops, or only once every message is decided and
   * every action has run (the harder test: the backlog left by the kills is worked off under faults).
   */
  faultsUntil: 'killing-stops' | 'all-run';
  /** How long everything may take to settle once the chaos stops. */
  settleTimeoutMs: number;
  dataDir: string;
  /** A database of the run's own; null: the embedded database in dataDir. */
  databaseUrl: string | null;
  log: (line: string) => void;
}

export interface ChaosReport extends ChaosFindings {
  seed: number;
  kills: { api: number; worker: number };
  faultsInjected: number;
  approvedByDriver: number;
  approvedBeforeKill: number;
  totalMs: number;
  settleMs: number;
}

/** Email trust tiers, one per user in turn: archives and labels run alone at low; at suggest everything waits for approval. */
const TIERS = ['low', 'suggest', 'moderate', 'suggest'] as const;

/** Bulk mail that gets archived, labelled or marked read; people who get a draft reply; alerts and renewals that get flagged. */
const KINDS: [MailKind, number][] = [
  ['newsletter', 4],
  ['promotion', 3],
  ['receipt', 2],
  ['notification', 3],
  ['personal', 3],
  ['work_request', 3],
  ['security_alert', 1],
  ['renewal', 1],
];

const PREFERENCES: [string, string][] = [
  ['email.situation:newsletter', 'archive'],
  ['email.situation:promotion', 'archive'],
  ['email.situation:notification', 'mark_read'],
  ['finance.situation:receipt', 'label:Receipts'],
  ['email.situation:personal', 'draft_reply'],
  ['email.situation:work_request', 'draft_reply'],
];

function pickKind(random: Random): MailKind {
  let roll = random.int(KINDS.reduce((sum, [, weight]) => sum + weight, 0));
  for (const [kind, weight] of KINDS) {
    if (roll < weight) return kind;
    roll -= weight;
  }
  return 'notification';
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The chaos run: mail arrives for a few users while the API and the worker are killed with
 * SIGKILL at random times and restarted, a share of Google calls fail, and a driver approves
 * what waits for approval (some right before a kill). Then the chaos stops, everything settles,
 * SkyTwin is stopped and the database and the mailboxes are inspected.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = performance.now();
  const at = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  // One stream per concern, so the mail a seed gives does not depend on when the kills happen.
  const mail = createRandom(options.seed, 'chaos-mail');
  const apiKills = createRandom(options.seed, 'chaos-api-kills');
  const workerKills = createRandom(options.seed, 'chaos-worker-kills');
  const cluster = await ChaosCluster.start({ seed: options.seed, dataDir: options.dataDir, databaseUrl: options.databaseUrl });
  try {
    await cluster.startApi();
    cluster.startWorker();
    const driver = new ChaosDriver(cluster.apiUrl, () => cluster.ownerToken());
    const users = await createUsers(driver, cluster, options.users);
    options.log(`chaos: ${at()}: seed ${options.seed}; ${options.users} users (${users.map((u) => u.tier).join(', ')}), ${options.messages} messages over ${options.arrivalMs} ms`);

    await cluster.control.addFault({
      endpoint: '*',
      probability: options.faultProbability,
      oneOf: [{ status: 500 }, { status: 503 }, { status: 429, headers: { 'Retry-After': '1' } }, { drop: true }, { drop: 'after' }],
    });

    let arriving = true;
    const arrivals = (async () => {
      const every = options.arrivalMs / options.messages;
      const from = Date.now();
      for (let i = 0; i < options.messages; i += 1) {
        const user = users[i % users.length] as ChaosUser;
        const added = await cluster.control.deliverArrival(user.email, pickKind(mail));
        user.messageIds.push(added.id);
        // Pacing, not waiting for anything: the mail arrives spread over arrivalMs.
        const due = from + (i + 1) * every;
        if (due > Date.now()) await pause(due - Date.now());
      }
      arriving = false;
      options.log(`chaos: ${at()}: all ${options.messages} messages delivered`);
    })();

    // Each kill waits for the restarted process to have moved the work on (more decisions), then
    // lands at a random moment soon after: a kill never comes before the last one was recovered from.
    const decided = async (): Promise<number> => {
      let total = 0;
      for (const user of users) total += (await driver.decisions(user.userId))?.length ?? 0;
      return total;
    };
    const delivered = () => users.reduce((sum, user) => sum + user.messageIds.length, 0);
    const progressSince = async (before: number): Promise<void> => {
      const until = Date.now() + 60_000;
      for (;;) {
        const now = await decided();
        if (now > before || (!arriving && now >= delivered()) || Date.now() > until) return;
        await pause(200);
      }
    };
    let approverHeld = false;
    const killApi = (async () => {
      while (arriving || cluster.kills.api < options.kills.api) {
        await progressSince(await decided());
        await pause(apiKills.int(1_500));
        // Every other kill follows approvals at once, so their actions are running when it lands.
        // The background approver holds off meanwhile, or it would leave nothing pending to answer.
        if (cluster.kills.api % 2 === 1) {
          approverHeld = true;
          const before = driver.approvedBeforeKill.size;
          const until = Date.now() + 30_000;
          while (driver.approvedBeforeKill.size === before && Date.now() < until) {
            const pending: string[] = [];
            for (const user of users) pending.push(...((await driver.pending(user.userId)) ?? []));
            if (pending.length > 0) await driver.approve(pending.slice(0, 5), true);
            else await pause(200);
          }
        }
        await cluster.killApi();
        approverHeld = false;
        options.log(`chaos: ${at()}: API killed (${cluster.kills.api})`);
        await cluster.startApi();
        options.log(`chaos: ${at()}: API ready again`);
      }
    })();
    const killWorker = (async () => {
      while (arriving || cluster.kills.worker < options.kills.worker) {
        await progressSince(await decided());
        await pause(workerKills.int(1_500));
        await cluster.killWorker();
        options.log(`chaos: ${at()}: worker killed (${cluster.kills.worker})`);
        cluster.startWorker();
      }
    })();
    let chaos = true;
    const approver = (async () => {
      while (chaos) {
        for (const user of users) {
          if (approverHeld) break;
          const pending = await driver.pending(user.userId);
          if (pending) await driver.approve(pending);
        }
        await pause(300);
      }
    })();

    await Promise.all([arrivals, killApi, killWorker]);
    chaos = false;
    await approver;
    const clearFaults = async (): Promise<number> => {
      const applied = (await cluster.control.faults()).reduce((sum, fault) => sum + fault.applied, 0);
      await cluster.control.clearFaults();
      options.log(`chaos: ${at()}: ${applied} Google calls failed on purpose; faults cleared`);
      return applied;
    };
    options.log(`chaos: ${at()}: killing stopped after ${cluster.kills.api} API and ${cluster.kills.worker} worker kills; settling`);
    let faultsInjected = options.faultsUntil === 'killing-stops' ? await clearFaults() : null;

    // Then every message must be decided and every action run; with faultsUntil 'all-run', Google
    // keeps failing until then. Last, each user's Gmail is polled once more without faults.
    const settleFrom = performance.now();
    const deadline = Date.now() + options.settleTimeoutMs;
    await settle(driver, users, deadline, (line) => options.log(`chaos: ${at()}: ${line}`));
    faultsInjected ??= await clearFaults();
    await caughtUp(driver, users, deadline);
    await cluster.untilReady();
    const settleMs = performance.now() - settleFrom;
    options.log(`chaos: ${at()}: settled`);
    await cluster.stopSkyTwin();
    const findings = await inspectChaosRun({ dataDir: options.dataDir, databaseUrl: options.databaseUrl, control: cluster.control, users, confirmed: driver.approved });
    return {
      ...findings,
      seed: options.seed,
      kills: { ...cluster.kills },
      faultsInjected,
      approvedByDriver: driver.approved.size,
      approvedBeforeKill: driver.approvedBeforeKill.size,
      totalMs: performance.now() - started,
      settleMs,
    };
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- SkyTwin output (last 8000 characters):\n${cluster.output().slice(-8000)}`);
  } finally {
    await cluster.close();
  }
}

async function createUsers(driver: ChaosDriver, cluster: ChaosCluster, count: number): Promise<ChaosUser[]> {
  const users: ChaosUser[] = [];
  for (let i = 0; i < count; i += 1) {
    const email = `chaos${i}@chaos.example`;
    const tier = TIERS[i % TIERS.length] as string;
    const created = await driver.ok('POST', '/api/users', { email, name: `Chaos ${i}` });
    const userId = String(created.id);
    // No ramp of approvals first, and no promotion or demotion during the run: the tiers stay as set.
    await driver.ok('PUT', `/api/users/${userId}/settings`, {
      trustTiers: { email: tier, finance: tier },
      trustProgression: { enabled: false, newDomainApprovals: 0 },
    });
    // Stated habits, so that at low and moderate bulk mail is handled alone (and, at moderate,
    // replies are drafted alone); at suggest the same actions wait for approval.
    for (const [key, value] of PREFERENCES) {
      await driver.ok('PUT', `/api/users/${userId}/twin/preferences/${encodeURIComponent(key)}`, { value });
    }
    const account = await cluster.control.createAccount({ email });
    await driver.ok('POST', `/api/users/${userId}/connections/google`, { refreshToken: account.refreshToken });
    users.push({ userId, email, tier, messageIds: [] });
  }
  return users;
}

/**
 * Waits, approving what still waits, until every message has a decision and every action that
 * should run has run (or failed with a reason).
 */
async function settle(driver: ChaosDriver, users: ChaosUser[], deadline: number, log: (line: string) => void): Promise<void> {
  const done = new Set<string>();
  let reported = 0;
  let lastOpen = '';
  for (;;) {
    let open = 0;
    let missing = 0;
    for (const user of users) {
      const pending = await driver.pending(user.userId);
      if (pending?.length) await driver.approve(pending);
      const decisions = await driver.decisions(user.userId);
      if (decisions === null) {
        missing += 1;
        continue;
      }
      missing += user.messageIds.length - decisions.length;
      for (const decision of decisions) {
        if (done.has(decision.id) || (decision.outcome !== 'auto_execute' && decision.outcome !== 'needs_approval')) continue;
        const detail = await driver.call('GET', `/api/decisions/${decision.id}`);
        const approval = (detail?.body.approval as { status?: string } | null | undefined)?.status;
        const state = (detail?.body.execution as { state?: string } | null | undefined)?.state;
        const finished = state === 'succeeded' || state === 'failed' || state === 'unknown' || state === 'cancelled' || approval === 'rejected' || approval === 'expired';
        if (finished) done.add(decision.id);
        else {
          open += 1;
          lastOpen = `decision ${decision.id}: approval ${approval ?? 'none'}, execution ${JSON.stringify(detail?.body.execution ?? null)}`;
        }
      }
    }
    if (missing === 0 && open === 0) return;
    const what = `${missing} messages without a decision, ${open} actions not finished`;
    if (Date.now() > deadline) throw new Error(`not settled in time: ${what}; last open: ${lastOpen}`);
    if (Date.now() - reported > 5_000) {
      log(open === 1 ? `${what}: ${lastOpen}` : what);
      reported = Date.now();
    }
    await pause(250);
  }
}

/** One more successful Gmail poll for everyone after the last action ran: the cursors are current. */
async function caughtUp(driver: ChaosDriver, users: ChaosUser[], deadline: number): Promise<void> {
  const after = Date.now();
  for (const user of users) {
    for (;;) {
      const sync = await driver.call('GET', `/api/users/${user.userId}/sync`);
      const gmail = ((sync?.body.sources as { source: string; lastSuccessAt: string | null }[] | undefined) ?? []).find((s) => s.source === 'gmail');
      if (gmail?.lastSuccessAt && Date.parse(gmail.lastSuccessAt) > after) break;
      if (Date.now() > deadline) throw new Error(`not settled in time: no Gmail poll of ${user.email} after everything ran`);
      await pause(250);
    }
  }
}
