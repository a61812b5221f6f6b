import type { Preference, ScopeGate, ScopeLedger, Situation, TwinProfile } from '../types.js';
import { preferenceKeysFor } from './keys.js';
import { preferenceIndex } from './preferenceIndex.js';
import { hasEarned, recentMisses, scopeKeysFor, windowStart, type ScopeSettings } from './scope.js';
import { missPhrase, recordPhrase, scopePhrase } from './scopeWords.js';
import { shortDay } from './readable.js';

function plural(n: number, words: string): string {
  return `${n} ${words}${n === 1 ? '' : 's'}`;
}

/** Where a situation's scope stands, and which scope decided it. */
export interface ScopeStanding {
  runs: boolean;
  code: 'scope_earned' | 'scope_unearned' | 'scope_missed' | 'scope_held';
  /** The scope whose record decided. */
  key: string;
  message: string;
}

/**
 * Whether SkyTwin may act alone in the situation's scope. From the most specific scope up: a scope
 * held by a severe undo asks; a narrow scope that earned autonomy on its own record runs; a narrow
 * scope with a recent miss asks until it agreed `minAnswers` times since (so one undone newsletter
 * makes its sender ask, not all newsletters); otherwise it borrows from the wider one. The
 * (domain, kind) scope decides last, on its own record.
 */
export function scopeStanding(ledger: ScopeLedger | undefined, situation: Situation, settings: ScopeSettings, now: Date): ScopeStanding {
  const keys = scopeKeysFor(situation);
  const scopes = ledger?.scopes ?? {};
  let since: string | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const record = scopes[key];
    const root = i === keys.length - 1;
    // A narrow scope with no record yet borrows from the wider one.
    if (!record && !root) continue;
    const phrase = scopePhrase(key);
    if (record?.hold) {
      const left = Math.max(1, settings.minAnswers - record.hold.agreedSince);
      const miss = record.misses.filter((m) => m.severe).at(-1);
      const why = miss ? missPhrase(miss) : `you undid an action others had seen on ${shortDay(record.hold.since)}`;
      return { runs: false, code: 'scope_held', key, message: `${phrase} ask first: ${why}; ${plural(left, 'more approval')} there will lift this` };
    }
    if (record && since === undefined) since = windowStart(now, settings);
    const misses = record && since !== undefined ? recentMisses(record, since) : [];
    const earned = hasEarned(record, settings);
    if (earned) return { runs: true, code: 'scope_earned', key, message: `SkyTwin has earned ${phrase}: ${recordPhrase(record, settings)}` };
    const last = misses.at(-1);
    // After a miss, a narrow scope asks until it has agreed minAnswers times since (or the miss is old).
    const since_ = record?.agreedSinceMiss ?? 0;
    if (last && (root || since_ < settings.minAnswers)) {
      const left = root ? '' : `; ${plural(settings.minAnswers - since_, 'more approval')} there will lift this`;
      return { runs: false, code: 'scope_missed', key, message: `${phrase} ask first: ${missPhrase(last)}${left}` };
    }
    if (root) {
      return { runs: false, code: 'scope_unearned', key, message: `SkyTwin has not earned ${phrase} yet: ${recordPhrase(record, settings)}` };
    }
  }
  // Unreachable: the (domain, kind) scope is always last and always decides.
  return { runs: false, code: 'scope_unearned', key: keys.at(-1) ?? '', message: 'SkyTwin has not earned this scope yet' };
}

/** The latest moment the user stated a preference (its newest 'restate' evidence), or null. */
function statedAt(preference: Preference): string | null {
  let at: string | null = null;
  for (const e of preference.evidence) if (e.kind === 'restate' && (at === null || e.at > at)) at = e.at;
  return at;
}

/**
 * The preference the user stated for this situation, when the twin follows it: the decisive
 * (most specific) preference if explicit, or an explicit wider one it agrees with.
 */
export function statedPreference(twin: TwinProfile, situation: Situation): { preference: Preference; at: string } | null {
  const byKey = preferenceIndex(twin.preferences).lastByKey;
  const existing = preferenceKeysFor(situation).flatMap((key) => {
    const p = byKey.get(key);
    return p ? [p] : [];
  });
  const decisive = existing[0];
  if (!decisive) return null;
  const stated = existing.find((p) => p.source === 'explicit' && p.value === decisive.value);
  const at = stated ? statedAt(stated) : null;
  return stated && at ? { preference: stated, at } : null;
}

/**
 * The gate the tier rule reads for one situation. A stated preference outweighs a single contrary
 * signal since the statement, but not two, and not an undo of something others had seen after it.
 */
export function scopeGate(twin: TwinProfile, situation: Situation, settings: ScopeSettings, now: Date): ScopeGate {
  const standing = scopeStanding(twin.scopes, situation, settings, now);
  const stated = statedPreference(twin, situation);
  let explicit: ScopeGate['explicit'] = null;
  if (stated) {
    const { preference, at } = stated;
    const leaf = twin.scopes?.scopes[scopeKeysFor(situation)[0] ?? ''];
    const since = leaf ? leaf.misses.filter((m) => m.at >= at) : [];
    const heldAfter = leaf?.hold && leaf.hold.since >= at;
    const said = `you asked for "${preference.value}" (${preference.key}) on ${shortDay(at)}`;
    if (heldAfter) {
      explicit = { value: preference.value, runs: false, code: 'scope_held', message: `${said}, but ${standing.message}` };
    } else if (since.length >= 2) {
      const last = since.at(-1);
      explicit = {
        value: preference.value,
        runs: false,
        code: 'scope_missed',
        message: `${said}, but since then ${since.length} answers went against it${last ? ` (${missPhrase(last)})` : ''}`,
      };
    } else {
      const one = since[0];
      const outweighs = one ? `, which outweighs the one contrary answer since (${missPhrase(one)})` : '';
      explicit = { value: preference.value, runs: true, code: 'scope_stated', message: `${said}${outweighs}` };
    }
  }
  return { runs: standing.runs, code: standing.code, message: standing.message, explicit };
}
