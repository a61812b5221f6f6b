/*
 * A per-user naive Bayes model of the user's mail: which action (archive, label:X, mark_read, …)
 * the user chose for mail with which features. Hand-written (about a hundred lines) rather than a
 * library: it must be pure and deterministic, serialise to a small inspectable JSON document,
 * learn one example at a time inside the feedback transaction, and stay bounded per user; the
 * npm classifiers keep state in classes of their own, serialise their internals and grow
 * without bound.
 *
 * Features count once per message (binarised multinomial naive Bayes, which does better than raw
 * counts on short text), so a feature's count for a class is also the number of that class's
 * examples that had it: the "similar to 14 newsletters you archived" of an explanation.
 */

export const TEXT_MODEL_VERSION = 1;
/** Features kept per user; past it the rarest go first (words before senders, labels and kinds). */
export const MAX_FEATURES = 2000;
/** Action values kept per user; past it the least used goes. */
export const MAX_CLASSES = 16;

export interface TextModel {
  /** Examples learned per class (an action value, as the twin's preferences name them). */
  readonly classes: ReadonlyMap<string, number>;
  /** Per feature, how many examples of each class had it. */
  readonly features: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Per class, the sum of its feature counts: the denominator of P(feature | class). */
  readonly totals: ReadonlyMap<string, number>;
}

/** The stored form: plain JSON with sorted keys, so one model always serialises the same way. */
export interface TextModelDocument {
  version: typeof TEXT_MODEL_VERSION;
  classes: Record<string, number>;
  features: Record<string, Record<string, number>>;
}

export function emptyTextModel(): TextModel {
  return { classes: new Map(), features: new Map(), totals: new Map() };
}

/** Examples learned in all. */
export function exampleCount(model: TextModel): number {
  let n = 0;
  for (const count of model.classes.values()) n += count;
  return n;
}

function totalsOf(features: ReadonlyMap<string, ReadonlyMap<string, number>>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const byClass of features.values()) {
    for (const [value, count] of byClass) totals.set(value, (totals.get(value) ?? 0) + count);
  }
  return totals;
}

function sum(byClass: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const count of byClass.values()) n += count;
  return n;
}

/** Words are the cheapest to forget; a sender, domain, label or kind says more per entry. */
function isWord(feature: string): boolean {
  return feature.startsWith('t:');
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Drops the rarest features (then words first, then by name) down to MAX_FEATURES. */
function bounded(features: Map<string, ReadonlyMap<string, number>>): Map<string, ReadonlyMap<string, number>> {
  if (features.size <= MAX_FEATURES) return features;
  const ranked = [...features].map(([name, byClass]) => ({ name, count: sum(byClass) }));
  ranked.sort((a, b) => a.count - b.count || Number(isWord(b.name)) - Number(isWord(a.name)) || byName(a.name, b.name));
  for (const { name } of ranked.slice(0, features.size - MAX_FEATURES)) features.delete(name);
  return features;
}

/** Drops the least used class (ties by name) and its counts while there are too many. */
function boundedClasses(classes: Map<string, number>, features: Map<string, ReadonlyMap<string, number>>): void {
  while (classes.size > MAX_CLASSES) {
    const [victim] = [...classes].sort((a, b) => a[1] - b[1] || byName(a[0], b[0]))[0] ?? [];
    if (victim === undefined) return;
    classes.delete(victim);
    for (const [name, byClass] of features) {
      if (!byClass.has(victim)) continue;
      const rest = new Map(byClass);
      rest.delete(victim);
      if (rest.size === 0) features.delete(name);
      else features.set(name, rest);
    }
  }
}

/** The model after one more example: mail with `features` for which the user chose `value`. */
export function trainText(model: TextModel, features: readonly string[], value: string): TextModel {
  if (value === '') return model;
  const classes = new Map(model.classes);
  classes.set(value, (classes.get(value) ?? 0) + 1);
  const next = new Map<string, ReadonlyMap<string, number>>(model.features);
  for (const feature of new Set(features)) {
    if (feature === '') continue;
    const byClass = new Map(next.get(feature) ?? []);
    byClass.set(value, (byClass.get(value) ?? 0) + 1);
    next.set(feature, byClass);
  }
  boundedClasses(classes, next);
  const kept = bounded(next);
  return { classes, features: kept, totals: totalsOf(kept) };
}

function sortedRecord(map: ReadonlyMap<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of [...map.keys()].sort(byName)) out[key] = map.get(key) ?? 0;
  return out;
}

export function textModelToJson(model: TextModel): TextModelDocument {
  const features: Record<string, Record<string, number>> = {};
  for (const name of [...model.features.keys()].sort(byName)) features[name] = sortedRecord(model.features.get(name) ?? new Map());
  return { version: TEXT_MODEL_VERSION, classes: sortedRecord(model.classes), features };
}

function counts(value: unknown): Map<string, number> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const out = new Map<string, number>();
  for (const [key, n] of Object.entries(value)) {
    if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) return null;
    out.set(key, n);
  }
  return out;
}

/** The model a stored document holds; an unreadable or other-version one reads as empty (it relearns). */
export function textModelFromJson(document: unknown): TextModel {
  if (typeof document !== 'object' || document === null) return emptyTextModel();
  const { version, classes, features } = document as Partial<TextModelDocument>;
  const classCounts = counts(classes);
  if (version !== TEXT_MODEL_VERSION || classCounts === null || typeof features !== 'object' || features === null) return emptyTextModel();
  const byFeature = new Map<string, Map<string, number>>();
  for (const [name, byClass] of Object.entries(features)) {
    const parsed = counts(byClass);
    if (parsed === null) return emptyTextModel();
    byFeature.set(name, parsed);
  }
  return { classes: classCounts, features: byFeature, totals: totalsOf(byFeature) };
}
