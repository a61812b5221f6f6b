import { EmulatorControl } from '../../src/emulator/index.js';
import { draftMarker } from '../../src/executor/index.js';
import { openDatabase } from '../../src/store/index.js';

/** A user of the chaos run: who they are at SkyTwin and at the emulator, and the mail they got. */
export interface ChaosUser {
  userId: string;
  email: string;
  tier: string;
  messageIds: string[];
}

/** What the database and the emulator hold once everything stopped. */
export interface ChaosFindings {
  messages: number;
  /** Seeded messages with at least one decision. */
  decisions: number;
  /** Decisions beyond the first for a message. */
  duplicates: number;
  /** Seeded messages with no decision. */
  lost: number;
  /** Gmail decisions for messages nobody seeded (e.g. SkyTwin's own drafts). */
  unexpected: number;
  outcomes: Record<string, number>;
  /** Execute actions by final state, and the types of the succeeded ones. */
  actionStates: Record<string, number>;
  executedTypes: Record<string, number>;
  /** Succeeded actions that change something at Google, and of those, the ones whose change is there. */
  executed: number;
  effects: number;
  /** Drafts beyond one per draft action, drafts no action made, and labels made twice. */
  doubleEffects: number;
  /** Actions left pending or running, and failed or unknown ones with no reason recorded. */
  stuck: number;
  unexplained: number;
  approvals: Record<string, number>;
  /** Approved approvals whose action did not succeed exactly once. */
  approvedNotExecuted: number;
  /** Approvals the API confirmed as approved that are not approved now. */
  lostApprovals: number;
  /** Problems in words, one per finding, for the failure message. */
  problems: string[];
}

interface ActionRow {
  id: string;
  user_id: string;
  decision_id: string;
  action_type: string;
  state: string;
  error: string | null;
  parameters: unknown;
  result: unknown;
}

const count = (into: Record<string, number>, key: string): void => {
  into[key] = (into[key] ?? 0) + 1;
};

/** Reads the database (the API must be stopped: the embedded one has one opener) and the emulator's mailboxes. */
export async function inspectChaosRun(options: {
  dataDir: string;
  databaseUrl: string | null;
  control: EmulatorControl;
  users: ChaosUser[];
  /** Approvals the API confirmed as approved: each must still be approved, its action done. */
  confirmed: ReadonlySet<string>;
}): Promise<ChaosFindings> {
  const problems: string[] = [];
  const database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  let decided: { user_id: string; external_id: string; n: number }[];
  let outcomeRows: { outcome: string; n: number }[];
  let actions: ActionRow[];
  let approvalRows: { id: string; decision_id: string; status: string }[];
  try {
    const db = database.db;
    decided = (
      await db
        .selectFrom('signals')
        .innerJoin('decisions', 'decisions.signal_id', 'signals.id')
        .select(['signals.user_id', 'signals.external_id', (eb) => eb.fn.count<string>('decisions.id').as('n')])
        .where('signals.source', '=', 'gmail')
        .groupBy(['signals.user_id', 'signals.external_id'])
        .execute()
    ).map((row) => ({ ...row, n: Number(row.n) }));
    outcomeRows = (await db.selectFrom('decisions').select(['outcome', (eb) => eb.fn.count<string>('id').as('n')]).groupBy('outcome').execute()).map((row) => ({ ...row, n: Number(row.n) }));
    actions = (await db
      .selectFrom('actions')
      .select(['id', 'user_id', 'decision_id', 'action_type', 'state', 'error', 'parameters', 'result'])
      .where('kind', '=', 'execute')
      .execute()) as ActionRow[];
    approvalRows = await db.selectFrom('approval_requests').select(['id', 'decision_id', 'status']).execute();
  } finally {
    await database.close();
  }

  const seeded = new Map<string, Set<string>>(options.users.map((user) => [user.userId, new Set(user.messageIds)]));
  const messages = options.users.reduce((sum, user) => sum + user.messageIds.length, 0);
  let decisions = 0;
  let duplicates = 0;
  let unexpected = 0;
  const seen = new Set<string>();
  for (const row of decided) {
    if (!seeded.get(row.user_id)?.has(row.external_id)) {
      unexpected += 1;
      continue;
    }
    seen.add(`${row.user_id}/${row.external_id}`);
    decisions += 1;
    duplicates += row.n - 1;
  }
  const lostIds = options.users.flatMap((user) => user.messageIds.filter((id) => !seen.has(`${user.userId}/${id}`)));
  if (duplicates > 0) problems.push(`${duplicates} duplicate decisions`);
  if (lostIds.length > 0) problems.push(`${lostIds.length} messages without a decision: ${lostIds.slice(0, 10).join(', ')}`);
  if (unexpected > 0) problems.push(`${unexpected} decisions for messages nobody sent`);

  const actionStates: Record<string, number> = {};
  const executedTypes: Record<string, number> = {};
  let stuck = 0;
  let unexplained = 0;
  const actionsByDecision = new Map<string, ActionRow[]>();
  for (const action of actions) {
    count(actionStates, action.state);
    actionsByDecision.set(action.decision_id, [...(actionsByDecision.get(action.decision_id) ?? []), action]);
    if (action.state === 'pending' || action.state === 'running') {
      stuck += 1;
      problems.push(`action ${action.id} (${action.action_type}) is still ${action.state}`);
    } else if ((action.state === 'failed' || action.state === 'unknown') && !action.error) {
      unexplained += 1;
      problems.push(`action ${action.id} (${action.action_type}) ended ${action.state} with no reason`);
    } else if (action.state !== 'succeeded') {
      problems.push(`action ${action.id} (${action.action_type}) ended ${action.state}: ${action.error ?? ''}`);
    }
    if (action.state === 'succeeded') count(executedTypes, action.action_type);
  }

  const approvals: Record<string, number> = {};
  let approvedNotExecuted = 0;
  for (const approval of approvalRows) {
    count(approvals, approval.status);
    if (approval.status !== 'approved') continue;
    const ran = actionsByDecision.get(approval.decision_id) ?? [];
    if (ran.length !== 1 || ran[0]?.state !== 'succeeded') {
      approvedNotExecuted += 1;
      problems.push(`approval ${approval.id} is approved but its actions are ${JSON.stringify(ran.map((a) => a.state))}`);
    }
  }

  const statusOf = new Map(approvalRows.map((approval) => [approval.id, approval.status]));
  let lostApprovals = 0;
  for (const id of options.confirmed) {
    if (statusOf.get(id) === 'approved') continue;
    lostApprovals += 1;
    problems.push(`approval ${id} was confirmed approved but is ${statusOf.get(id) ?? 'gone'}`);
  }

  const effects = await checkEffects(options.control, options.users, actions.filter((a) => a.state === 'succeeded'), problems);
  return {
    messages,
    decisions,
    duplicates,
    lost: lostIds.length,
    unexpected,
    outcomes: Object.fromEntries(outcomeRows.map((row) => [row.outcome, row.n])),
    actionStates,
    executedTypes,
    executed: effects.expected,
    effects: effects.seen,
    doubleEffects: effects.doubles,
    stuck,
    unexplained,
    approvals,
    approvedNotExecuted,
    lostApprovals,
    problems,
  };
}

const GOOGLE_TYPES = ['archive', 'mark_read', 'label', 'draft_reply'];

/** Looks at each succeeded action's change in the user's mailbox, and counts drafts and labels made twice. */
async function checkEffects(control: EmulatorControl, users: ChaosUser[], succeeded: ActionRow[], problems: string[]): Promise<{ expected: number; seen: number; doubles: number }> {
  let expected = 0;
  let seen = 0;
  let doubles = 0;
  for (const user of users) {
    const { accessToken } = await control.issueAccessToken(user.email);
    const gmail = async (path: string): Promise<Record<string, unknown>> => {
      const response = await fetch(`${control.baseUrl}/gmail/v1/users/me/${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
      if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
      return (await response.json()) as Record<string, unknown>;
    };
    let draftsByActions = 0;
    for (const action of succeeded.filter((a) => a.user_id === user.userId && GOOGLE_TYPES.includes(a.action_type))) {
      expected += 1;
      const p = action.parameters as Record<string, unknown>;
      if (action.action_type === 'draft_reply') {
        const found = ((await gmail(`drafts?maxResults=500&q=${encodeURIComponent(`rfc822msgid:${draftMarker(action.id)}`)}`)).drafts as unknown[] | undefined) ?? [];
        draftsByActions += found.length;
        if (found.length >= 1) seen += 1;
        if (found.length !== 1) problems.push(`draft action ${action.id} has ${found.length} drafts`);
        doubles += Math.max(0, found.length - 1);
        continue;
      }
      const labels = ((await gmail(`messages/${String(p.messageId)}?format=minimal`)).labelIds as string[] | undefined) ?? [];
      const labelId = (action.result as { labelId?: string } | null)?.labelId;
      const there =
        action.action_type === 'archive' ? !labels.includes('INBOX') : action.action_type === 'mark_read' ? !labels.includes('UNREAD') : labelId !== undefined && labels.includes(labelId);
      if (there) seen += 1;
      else problems.push(`${action.action_type} of message ${String(p.messageId)} (action ${action.id}) is not in the mailbox: labels ${labels.join(',')}`);
    }
    let allDrafts = 0;
    let pageToken: string | undefined;
    do {
      const page = await gmail(`drafts?maxResults=500${pageToken ? `&pageToken=${pageToken}` : ''}`);
      allDrafts += ((page.drafts as unknown[] | undefined) ?? []).length;
      pageToken = page.nextPageToken as string | undefined;
    } while (pageToken);
    if (allDrafts !== draftsByActions) problems.push(`${user.email} has ${allDrafts} drafts, ${draftsByActions} of them made by succeeded actions`);
    doubles += Math.max(0, allDrafts - draftsByActions);
    const names = (((await gmail('labels')).labels as { name: string }[] | undefined) ?? []).map((label) => label.name.toLowerCase());
    const twice = names.filter((name, i) => names.indexOf(name) !== i);
    if (twice.length > 0) problems.push(`${user.email} has labels made twice: ${twice.join(', ')}`);
    doubles += twice.length;
  }
  return { expected, seen, doubles };
}
