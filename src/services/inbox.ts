import type { ApprovalItem, ApprovalList } from '../contract/index.js';
import type { OutcomeDecision, PolicyReason, Situation } from '../domain/index.js';
import { askReason, clockTime, groupLabel } from '../domain/index.js';
import { isSignalTime } from '../domain/index.js';
import { errors } from '../errors/index.js';
import { countInbox, inboxGroups, listInbox, parseGroupKey, type InboxPosition, type InboxRow } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { expireApprovalsNow } from './approval-expiry.js';
import { draftOf, parametersOf, proposalOf, riskSummaryOf, senderOf, situationOf, situationWordsOf } from './decision-words.js';
import { userTimeZone } from './time-zone.js';

const URGENCIES = ['critical', 'high', 'normal', 'low'] as const;
const MAX_GROUPS = 20;

export interface InboxQuery {
  userId: string;
  status: 'pending' | 'approved' | 'rejected' | 'expired' | null;
  limit: number;
  cursor: string | null;
  offset: number;
  group: string | null;
}

/** The approvals inbox: a page, the totals per urgency and the groups of similar pending items. */
export async function readApprovalInbox(deps: ServiceDeps, query: InboxQuery): Promise<ApprovalList> {
  const now = deps.clock.now();
  await expireApprovalsNow(deps);
  const after = query.cursor === null ? null : decodeInboxCursor(query.cursor);
  const filter = { userId: query.userId, status: query.status, group: query.group };
  // One more than the page: a next cursor only when there is a next item.
  const fetched = await listInbox(deps.db, { ...filter, limit: query.limit + 1, after, offset: query.offset });
  const rows = fetched.slice(0, query.limit);
  const byUrgency = await countInbox(deps.db, filter);
  const groupRows = query.status === 'pending' || query.status === null ? await inboxGroups(deps.db, { ...filter, status: 'pending', group: null }, MAX_GROUPS) : [];
  const groups = groupRows.flatMap(({ key, count }) => {
    const parts = parseGroupKey(key);
    return parts === null ? [] : [{ key, label: groupLabel(parts, count), count }];
  });
  const labelOf = new Map(groups.map((g) => [g.key, g.label]));
  const timeZone = await userTimeZone(deps, query.userId);
  const counts = { critical: 0, high: 0, normal: 0, low: 0 };
  for (const urgency of URGENCIES) counts[urgency] = byUrgency[urgency] ?? 0;
  const total = Object.values(byUrgency).reduce((sum, n) => sum + n, 0);
  const last = rows.at(-1);
  const more = fetched.length > query.limit && last !== undefined;
  return {
    approvals: rows.map((row) => toItem(row, labelOf.get(row.groupKey) ?? null, timeZone, now)),
    total,
    counts,
    groups,
    nextCursor: more ? encodeInboxCursor({ rank: urgencyRank(last.urgency), createdAt: last.createdAt, id: last.id }) : null,
  };
}

/** Mirrors URGENCY_RANK in the store: critical 0 … low (and anything else) 3. */
function urgencyRank(urgency: string): number {
  const index = URGENCIES.indexOf(urgency as (typeof URGENCIES)[number]);
  return index === -1 ? 3 : index;
}

function toItem(row: InboxRow, groupLabelText: string | null, timeZone: string, now: Date): ApprovalItem {
  const situation = situationOf(row.situation);
  const reasons = (Array.isArray(row.outcomeReasons) ? row.outcomeReasons : []) as PolicyReason[];
  const verdictReasons = (Array.isArray(row.verdictReasons) ? row.verdictReasons : []) as PolicyReason[];
  const asks = askReason({
    outcome: { reasons } as unknown as OutcomeDecision,
    situation: (situation ?? { domain: row.domain }) as Situation,
    selected: { verdict: { reasons: verdictReasons } } as never,
  });
  const expired = row.status === 'expired';
  const summary = headline(row, timeZone, now);
  return {
    id: row.id,
    decisionId: row.decisionId,
    userId: row.userId,
    status: row.status as ApprovalItem['status'],
    urgency: row.urgency,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    respondedAt: row.respondedAt === null ? null : row.respondedAt.toISOString(),
    response: row.response,
    domain: row.domain,
    sender: senderOf(row.fromHeader, situation?.facts.counterpart ?? null),
    subject: row.subject,
    snippet: row.snippet,
    situation: situationWordsOf(situation, row.situationKind),
    proposal: proposalOf(row.actionType, row.parameters, situation, row.domain) ?? 'Decide what to do with this',
    action:
      row.actionType === null
        ? null
        : {
            type: row.actionType,
            domain: row.actionDomain ?? row.domain,
            parameters: parametersOf(row.parameters),
            reversibility: row.reversibility ?? 'unknown',
            estimatedCostCents: row.estimatedCostCents,
          },
    draft: draftOf(row.actionType, row.parameters),
    risk: riskSummaryOf(row.risk),
    asks,
    summary,
    note: expired
      ? withdrawnWhy(row) === null
        ? `This request expired unanswered at ${clockTime(row.expiresAt, timeZone, now)}: SkyTwin did nothing and will not act on it.`
        : `This request was withdrawn at ${clockTime(row.expiresAt, timeZone, now)} (${withdrawnWhy(row)}): SkyTwin did nothing and will not act on it.`
      : null,
    group: row.status === 'pending' && groupLabelText !== null ? { key: row.groupKey, label: groupLabelText } : null,
  };
}

function headline(row: InboxRow, timeZone: string, now: Date): string {
  const at = (date: Date | null) => (date === null ? '' : ` at ${clockTime(date, timeZone, now)}`);
  switch (row.status) {
    case 'approved':
      return `Approved${at(row.respondedAt)}.`;
    case 'rejected': {
      const reason = (row.response as { reason?: unknown } | null)?.reason;
      return `Rejected${at(row.respondedAt)}${typeof reason === 'string' && reason.trim() !== '' ? ` (you said: ${reason.trim()})` : ''} — nothing was done.`;
    }
    case 'expired': {
      const why = withdrawnWhy(row);
      return why === null ? `Expired unanswered${at(row.expiresAt)} — nothing was done.` : `Withdrawn${at(row.expiresAt)}: ${why} — nothing was done.`;
    }
    default:
      return row.decidedSummary;
  }
}

/** Why SkyTwin withdrew a request itself (a follow-up's nudge once the person answered), or null. */
function withdrawnWhy(row: InboxRow): string | null {
  const why = (row.response as { withdrawn?: unknown } | null)?.withdrawn;
  return typeof why === 'string' && why.trim() !== '' ? why.trim() : null;
}

export function encodeInboxCursor(position: InboxPosition): string {
  return Buffer.from(`${position.rank}|${position.createdAt.toISOString()}|${position.id}`).toString('base64url');
}

export function decodeInboxCursor(cursor: string): InboxPosition {
  const [rank = '', createdAt = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(createdAt);
  if (!/^[0-3]$/.test(rank) || Number.isNaN(date.getTime()) || !isSignalTime(date.getTime()) || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
    throw errors.validation('cursor is not one this API gave out', [{ field: 'cursor', message: 'use nextCursor from the previous page' }]);
  }
  return { rank: Number(rank), createdAt: date, id };
}
