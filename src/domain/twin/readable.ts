import type { Evidence, Preference, PreferenceSource } from '../types.js';
import { KIND_NOUNS } from './describe.js';
import { parsePreferenceKey } from './keys.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2 Nov" (UTC): the day is what a person remembers of evidence, not the minute. */
export function shortDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''}`;
}

function dayRange(first: string, last: string): string {
  const a = shortDay(first);
  const b = shortDay(last);
  if (a === b) return `on ${a}`;
  const [dayA, monthA] = a.split(' ');
  const [dayB, monthB] = b.split(' ');
  return monthA === monthB ? `between ${dayA} and ${dayB} ${monthB}` : `between ${a} and ${b}`;
}

export interface EvidenceLine {
  kind: string;
  count: number;
  supports: boolean;
  firstAt: string;
  lastAt: string;
  text: string;
}

/** Evidence grouped by what it said: `approved "archive" 6 times between 2 and 9 Nov`, newest group first. */
export function evidenceLines(evidence: readonly Evidence[]): EvidenceLine[] {
  const groups = new Map<string, { kind: string; note: string; supports: boolean; ats: string[] }>();
  for (const e of evidence) {
    const supports = e.weight > 0;
    const id = `${e.kind}\u0000${e.note}\u0000${supports}`;
    const group = groups.get(id) ?? { kind: e.kind, note: e.note || e.kind, supports, ats: [] };
    group.ats.push(e.at);
    groups.set(id, group);
  }
  return [...groups.values()]
    .map((group) => {
      const ats = [...group.ats].sort();
      const firstAt = ats[0] ?? '';
      const lastAt = ats[ats.length - 1] ?? '';
      const times = ats.length === 1 ? '' : ` ${ats.length} times`;
      return { kind: group.kind, count: ats.length, supports: group.supports, firstAt, lastAt, text: `${group.note}${times} ${dayRange(firstAt, lastAt)}` };
    })
    .sort((a, b) => b.lastAt.localeCompare(a.lastAt));
}

const KIND_WORDS: Record<string, string> = { sender: 'mail from', domain: 'mail from anyone at', organizer: 'invitations from' };

/** Plain words for an action value: "archive", "draft a reply", "accept". */
export function valueWords(value: string): string {
  if (value.startsWith('rsvp:')) return ({ accepted: 'accept', declined: 'decline', tentative: 'answer maybe' } as Record<string, string>)[value.slice(5)] ?? `answer ${value.slice(5)}`;
  if (value.startsWith('label:')) return `label as "${value.slice(6)}"`;
  const words: Record<string, string> = {
    archive: 'archive',
    mark_read: 'mark as read',
    draft_reply: 'draft a reply',
    flag_for_review: 'flag for review',
    approve_renewal: 'approve the renewal',
    do_nothing: 'leave alone',
  };
  return words[value] ?? value.replace(/_/g, ' ');
}

/** What a preference is about, from its key: "newsletters", "mail from news@acme.com"; the key itself when it cannot say. */
export function preferenceScope(key: string): string {
  const parts = parsePreferenceKey(key);
  if (!parts || parts.subject === null) return key;
  if (parts.kind === 'situation') return (KIND_NOUNS as Record<string, string>)[parts.subject] ?? parts.subject.replace(/_/g, ' ');
  return `${KIND_WORDS[parts.kind] ?? `${parts.kind}`} ${parts.subject}`;
}

/** What a preference means: "archive: mail from news@acme.com", "leave alone: newsletters". */
export function preferenceSummary(preference: Preference): string {
  const action = valueWords(preference.value);
  const scope = preferenceScope(preference.key);
  return scope === preference.key ? `${action} (${preference.key})` : `${action}: ${scope}`;
}

/** Where a preference came from, in one sentence. */
export function preferenceOrigin(preference: Preference): string {
  const stated = preference.evidence.filter((e) => e.decisionId === null && e.weight > 0).map((e) => e.at).sort();
  const decisions = new Set(preference.evidence.flatMap((e) => (e.decisionId === null ? [] : [e.decisionId]))).size;
  const learned = decisions === 0 ? '' : `learned from ${decisions} of your answers`;
  if (preference.source === 'explicit') {
    const when = stated.length > 0 ? ` on ${shortDay(stated[stated.length - 1] ?? '')}` : '';
    return decisions === 0 ? `You said so${when}.` : `You said so${when}; also ${learned}.`;
  }
  return decisions === 0 ? 'Learned without a decision behind it yet.' : `Inferred: ${learned}.`;
}

export interface PreferenceDiff {
  kind: 'preference';
  key: string;
  before: { value: string; confidence: number; source: PreferenceSource } | null;
  after: { value: string; confidence: number; source: PreferenceSource } | null;
}

/** Which preferences a version added, changed or removed, before → after (confidence to 2 places). */
export function diffPreferences(before: readonly Preference[], after: readonly Preference[]): PreferenceDiff[] {
  const brief = (p: Preference) => ({ value: p.value, confidence: Math.round(p.confidence * 100) / 100, source: p.source });
  const old = new Map(before.map((p) => [p.key, brief(p)]));
  const diffs: PreferenceDiff[] = [];
  for (const p of after) {
    const was = old.get(p.key) ?? null;
    const now = brief(p);
    old.delete(p.key);
    if (was && was.value === now.value && was.confidence === now.confidence && was.source === now.source) continue;
    diffs.push({ kind: 'preference', key: p.key, before: was, after: now });
  }
  for (const [key, was] of old) diffs.push({ kind: 'preference', key, before: was, after: null });
  return diffs;
}
