import type { Twin, TwinVersionT, TwinVersions, VersionChangeT } from '../contract/index.js';
import type { Domain, Preference, TierChange } from '../domain/index.js';
import { DOMAINS, evidenceLines, preferenceOrigin, preferenceScope, preferenceSummary, scopeEntries, scopeSettings, trustOutlook, valueWords } from '../domain/index.js';
import { errors } from '../errors/index.js';
import { findUser, loadSettings, loadTwin, twinHistory, twinVersionsPage, type TwinVersionRecord } from '../store/index.js';
import type { ServiceDeps } from './deps.js';
import { temporalSummary } from './temporal.js';
import { readTextModelSummary } from './text-model.js';
import { readToneView } from './tone.js';

/** A preference as the twin page shows it. */
export function preferenceView(preference: Preference) {
  return {
    key: preference.key,
    domain: preference.domain,
    value: preference.value,
    confidence: Math.max(0, Math.min(1, preference.confidence)),
    source: preference.source,
    origin: preferenceOrigin(preference),
    summary: preferenceSummary(preference),
    evidence: preference.evidence.map((e) => ({ kind: e.kind, weight: e.weight, decisionId: e.decisionId, at: e.at, note: e.note })),
    evidenceSummary: evidenceLines(preference.evidence),
    updatedAt: preference.updatedAt,
  };
}

/** Scopes the twin page lists: the ledger keeps up to 2,000, a person reads the recent ones. */
export const SCOPES_SHOWN = 50;

/** `GET /api/users/:userId/twin`: what SkyTwin learned, why, and how close each domain is to more trust. */
export async function readTwinView(deps: ServiceDeps, userId: string): Promise<Twin> {
  if (!(await findUser(deps.db, userId))) throw errors.notFound('user', userId);
  const twin = await loadTwin(deps.db, userId);
  const settings = await loadSettings(deps.db, userId);
  return {
    userId,
    version: twin.version,
    preferences: twin.preferences.map(preferenceView),
    trustByDomain: DOMAINS.map((domain) => trustOutlook(domain, settings.trustTiers[domain], twin.trust[domain], settings.trustProgression)),
    history: await twinHistory(deps.db, userId, 20),
    temporalProfile: (await temporalSummary(deps, userId)) as Twin['temporalProfile'],
    textModel: await readTextModelSummary(deps.db, userId),
    tone: await readToneView(deps.db, userId),
    scopes: scopeEntries(twin.scopes, scopeSettings(settings.trustProgression), SCOPES_SHOWN),
  };
}

/** `GET /api/users/:userId/twin/versions`: newest first, paged by version number. */
export async function readTwinVersions(deps: ServiceDeps, userId: string, page: { cursor: string | null; limit: number }): Promise<TwinVersions> {
  if (!(await findUser(deps.db, userId))) throw errors.notFound('user', userId);
  const beforeVersion = page.cursor === null ? null : Number(page.cursor);
  const { rows, total } = await twinVersionsPage(deps.db, userId, { beforeVersion, limit: page.limit + 1 });
  const shown = rows.slice(0, page.limit);
  const last = shown[shown.length - 1];
  return {
    versions: shown.map(versionView),
    total,
    nextCursor: rows.length > page.limit && last ? String(last.version) : null,
  };
}

const CAUSES = new Set(['approve', 'reject', 'edit', 'undo', 'confirm', 'correct', 'restate']);
const VERBS: Record<string, string> = {
  approve: 'You approved',
  reject: 'You rejected',
  edit: 'You edited and approved',
  undo: 'You undid',
  confirm: 'You confirmed',
  correct: 'You corrected',
};

function versionView(row: TwinVersionRecord): TwinVersionT {
  const payload = (row.feedback?.payload ?? {}) as { action?: { type?: unknown } | null; key?: unknown; value?: unknown; tierChange?: TierChange | null };
  const feedbackKind = row.feedback?.kind ?? null;
  const kind = feedbackKind !== null && CAUSES.has(feedbackKind) ? feedbackKind : row.reason.startsWith('you removed') ? 'remove' : 'other';
  const stored: VersionChangeT[] = Array.isArray(row.diff) ? (row.diff as VersionChangeT[]) : [];
  const changes = stored.map((change) => (change.kind === 'preference' ? { ...change, about: preferenceScope(change.key) } : change));
  const tier = payload.tierChange;
  if (tier) changes.push({ kind: 'trust', domain: tier.domain as Domain, before: tier.from, after: tier.to, reason: tier.reason });
  return {
    version: row.version,
    at: row.at.toISOString(),
    why: whySentence(kind, row, payload),
    cause: { kind: kind as TwinVersionT['cause']['kind'], decisionId: row.feedback?.decisionId ?? null },
    changes,
    notes: row.changes,
  };
}

function whySentence(kind: string, row: TwinVersionRecord, payload: { action?: { type?: unknown } | null; key?: unknown; value?: unknown }): string {
  if (kind === 'restate') return `You said what to do with ${preferenceScope(String(payload.key))}: "${valueWords(String(payload.value))}".`;
  if (kind === 'remove') return `You removed the preference for ${preferenceScope(row.reason.slice('you removed '.length))}.`;
  const verb = VERBS[kind];
  if (!verb) return `${row.reason.charAt(0).toUpperCase()}${row.reason.slice(1)}.`;
  const action = typeof payload.action?.type === 'string' ? `"${valueWords(payload.action.type)}"` : 'SkyTwin\'s choice';
  const about = row.subject ? ` on "${row.subject}"${row.from ? ` from ${row.from}` : ''}` : '';
  return `${verb} ${action}${about}.`;
}
