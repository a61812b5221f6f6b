// The lists as the views need them, whatever version of the API answered: a field an older API
// does not send gets a plain default instead of breaking the page. Pure: tested in node.
import type { ApprovalItem, ApprovalList, DecisionList, DecisionListItem, Sender } from '../../src/contract/index.js';
import { actionWords, capitalize } from './format.js';

type Raw = Record<string, unknown>;

const obj = (value: unknown): Raw => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : {});
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const int = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function sender(value: unknown): Sender {
  const raw = obj(value);
  return { name: text(raw.name), address: text(raw.address) };
}

export function normalizeApproval(value: unknown): ApprovalItem {
  const raw = obj(value);
  const action = raw.action === null || raw.action === undefined ? null : (obj(raw.action) as unknown as ApprovalItem['action']);
  const type = action ? String(action.type) : null;
  const summary = text(raw.summary);
  const proposal = text(raw.proposal) ?? (type ? capitalize(actionWords(type)) : (summary ?? 'Decide what to do'));
  return {
    ...(raw as unknown as ApprovalItem),
    id: String(raw.id),
    decisionId: String(raw.decisionId),
    urgency: text(raw.urgency) ?? 'normal',
    createdAt: text(raw.createdAt) ?? new Date(0).toISOString(),
    expiresAt: text(raw.expiresAt) ?? new Date(0).toISOString(),
    domain: text(raw.domain) ?? action?.domain ?? 'email',
    sender: sender(raw.sender),
    subject: text(raw.subject),
    snippet: text(raw.snippet),
    situation: raw.situation && typeof raw.situation === 'object' ? (raw.situation as ApprovalItem['situation']) : { kind: '', words: '' },
    proposal,
    action,
    draft: raw.draft ? (raw.draft as ApprovalItem['draft']) : null,
    risk: raw.risk ? (raw.risk as ApprovalItem['risk']) : null,
    asks: text(raw.asks) ?? '',
    summary: summary ?? proposal,
    note: text(raw.note),
    group: raw.group ? (raw.group as ApprovalItem['group']) : null,
  };
}

export function normalizeApprovalList(value: unknown): ApprovalList {
  const raw = obj(value);
  const approvals = Array.isArray(raw.approvals) ? raw.approvals.map(normalizeApproval) : [];
  const counts = obj(raw.counts);
  return {
    approvals,
    total: typeof raw.total === 'number' ? raw.total : approvals.length,
    counts: { critical: int(counts.critical), high: int(counts.high), normal: int(counts.normal), low: int(counts.low) },
    groups: Array.isArray(raw.groups) ? (raw.groups as ApprovalList['groups']) : [],
    nextCursor: text(raw.nextCursor),
  };
}

export function normalizeDecision(value: unknown): DecisionListItem {
  const raw = obj(value);
  const life = obj(raw.life);
  const situation = raw.situation;
  const situationKind = typeof situation === 'string' ? situation : (text(obj(situation).kind) ?? '');
  const action = text(raw.action) ?? text(obj(raw.selectedAction).action);
  return {
    ...(raw as unknown as DecisionListItem),
    id: String(raw.id),
    domain: text(raw.domain) ?? '',
    situation: situationKind,
    situationWords: text(raw.situationWords) ?? situationKind.replace(/_/g, ' '),
    sender: sender(raw.sender),
    subject: text(raw.subject),
    summary: text(raw.summary) ?? text(obj(raw.explanation).summary) ?? '',
    action,
    life: { state: text(life.state) ?? 'nothing', at: text(life.at), reason: text(life.reason) } as DecisionListItem['life'],
    undoable: raw.undoable === true,
    feedback: raw.feedback ? (raw.feedback as DecisionListItem['feedback']) : null,
    createdAt: text(raw.createdAt) ?? new Date(0).toISOString(),
  };
}

export function normalizeDecisionList(value: unknown): DecisionList {
  const raw = obj(value);
  return { decisions: Array.isArray(raw.decisions) ? raw.decisions.map(normalizeDecision) : [], nextCursor: text(raw.nextCursor) };
}
