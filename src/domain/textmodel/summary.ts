import type { TextModel } from './model.js';

/** What the text model has learned, small enough for the twin's view. */
export interface TextModelSummary {
  examples: number;
  vocabulary: number;
  /** Per action value, most used first: how many examples, and the features that most point to it. */
  actions: { value: string; examples: number; strongest: string[] }[];
}

const STRONGEST = 5;

/** The features a class has most often among those that point to it more than to any other class. */
function strongestFor(model: TextModel, value: string): string[] {
  const vocabulary = model.features.size;
  const likelihood = (byClass: ReadonlyMap<string, number>, v: string): number => ((byClass.get(v) ?? 0) + 1) / ((model.totals.get(v) ?? 0) + vocabulary);
  const picked: { name: string; count: number }[] = [];
  for (const [name, byClass] of model.features) {
    const count = byClass.get(value) ?? 0;
    if (count === 0) continue;
    const mine = likelihood(byClass, value);
    let strongest = true;
    for (const other of model.classes.keys()) if (other !== value && likelihood(byClass, other) >= mine) strongest = false;
    if (strongest) picked.push({ name, count });
  }
  picked.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return picked.slice(0, STRONGEST).map((p) => p.name);
}

export function summarizeTextModel(model: TextModel): TextModelSummary {
  const actions = [...model.classes]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([value, examples]) => ({ value, examples, strongest: strongestFor(model, value) }));
  let examples = 0;
  for (const a of actions) examples += a.examples;
  return { examples, vocabulary: model.features.size, actions };
}
