import type { Preference } from '../types.js';

/** A twin's preferences by key; built once per preference list (twins are immutable: a new version is a new list). */
export interface PreferenceIndex {
  /** The last preference with each key (what a Map built from the list holds). */
  lastByKey: Map<string, Preference>;
  /** The first preference with each key and its position in the list. */
  firstByKey: Map<string, { preference: Preference; position: number }>;
  /** No key occurs twice. */
  unique: boolean;
}

const indexes = new WeakMap<readonly Preference[], { length: number; index: PreferenceIndex }>();

export function preferenceIndex(preferences: readonly Preference[]): PreferenceIndex {
  const known = indexes.get(preferences);
  if (known !== undefined && known.length === preferences.length) return known.index;
  const lastByKey = new Map<string, Preference>();
  const firstByKey = new Map<string, { preference: Preference; position: number }>();
  preferences.forEach((preference, position) => {
    lastByKey.set(preference.key, preference);
    if (!firstByKey.has(preference.key)) firstByKey.set(preference.key, { preference, position });
  });
  const index = { lastByKey, firstByKey, unique: firstByKey.size === preferences.length };
  indexes.set(preferences, { length: preferences.length, index });
  return index;
}

/** The first preference with `key`, as preferences.find would return it. */
export function findPreference(preferences: readonly Preference[], key: string): Preference | undefined {
  return preferenceIndex(preferences).firstByKey.get(key)?.preference;
}

/** The preferences whose key is one of `keys`, in list order: preferences.filter(p => keys.includes(p.key)). */
export function preferencesWithKeys(preferences: readonly Preference[], keys: readonly string[]): Preference[] {
  const index = preferenceIndex(preferences);
  if (!index.unique) return preferences.filter((p) => keys.includes(p.key));
  const found: { preference: Preference; position: number }[] = [];
  for (const key of new Set(keys)) {
    const entry = index.firstByKey.get(key);
    if (entry !== undefined) found.push(entry);
  }
  return found.sort((a, b) => a.position - b.position).map((entry) => entry.preference);
}
