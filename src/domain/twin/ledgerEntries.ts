import type { ScopeLedger, ScopeRecord } from '../types.js';
import { answersOf, hasEarned, scopeDomain, wilsonLowerBound, type ScopeSettings } from './scope.js';
import { missPhrase, scopePhrase } from './scopeWords.js';

/** One scope of the trust ledger as a person reads it. */
export interface ScopeEntry {
  key: string;
  domain: ReturnType<typeof scopeDomain>;
  /** "newsletters from digest@compilerweekly.example". */
  scope: string;
  /** Answers scored here (old ones scaled down together, so they may be fractional). */
  answers: number;
  agreed: number;
  /** The Wilson 95 % lower bound of the accuracy, 0..1. */
  lowerBound: number;
  /** Whether the record alone clears the bar (answers and lower bound); a hold still makes it ask. */
  earned: boolean;
  lastMiss: { at: string; kind: ScopeRecord['misses'][number]['kind']; severe: boolean; text: string } | null;
  hold: { since: string; approvalsToLift: number } | null;
  updatedAt: string;
}

const tenths = (n: number) => Math.round(n * 10) / 10;

function entryOf(key: string, record: ScopeRecord, settings: ScopeSettings): ScopeEntry {
  const answers = answersOf(record);
  const miss = record.misses.at(-1);
  return {
    key,
    domain: scopeDomain(key),
    scope: scopePhrase(key),
    answers: tenths(answers),
    agreed: tenths(record.agree),
    lowerBound: Math.floor(wilsonLowerBound(record.agree, answers) * 1000) / 1000,
    earned: hasEarned(record, settings),
    lastMiss: miss ? { at: miss.at, kind: miss.kind, severe: miss.severe, text: missPhrase(miss) } : null,
    hold: record.hold ? { since: record.hold.since, approvalsToLift: Math.max(1, settings.minAnswers - record.hold.agreedSince) } : null,
    updatedAt: record.updatedAt,
  };
}

/** 2 for a sender's scope, 1 for a sender's domain, 0 for a (domain, kind). */
const narrowness = (key: string) => (key.includes('/sender:') ? 2 : key.includes('/domain:') ? 1 : 0);

/**
 * The ledger's most recently answered scopes first, at most `limit` of them, and how many there are.
 * One answer touches a sender, its domain and its kind at once; the narrowest comes first, as it
 * is the one that keeps the misses.
 */
export function scopeEntries(ledger: ScopeLedger | undefined, settings: ScopeSettings, limit: number): { total: number; entries: ScopeEntry[] } {
  const scopes = ledger?.scopes ?? {};
  const keys = Object.keys(scopes);
  const newestFirst = keys.sort(
    (a, b) => (scopes[b]?.updatedAt ?? '').localeCompare(scopes[a]?.updatedAt ?? '') || narrowness(b) - narrowness(a) || a.localeCompare(b),
  );
  return { total: keys.length, entries: newestFirst.slice(0, limit).map((key) => entryOf(key, scopes[key] as ScopeRecord, settings)) };
}
