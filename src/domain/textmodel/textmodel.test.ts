import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mail, FINANCE, TECH } from './mail.testkit.js';
import {
  emptyTextModel,
  exampleCount,
  mailFeatures,
  MAX_CLASSES,
  MAX_FEATURES,
  MAX_TOKENS_PER_MESSAGE,
  predictText,
  summarizeTextModel,
  textModelFromJson,
  textModelToJson,
  trainText,
  type TextModel,
} from './index.js';

const ALLOWED = ['archive', 'label:Finance', 'mark_read', 'do_nothing'];

function trained(): TextModel {
  let model = emptyTextModel();
  for (const m of TECH) model = trainText(model, mailFeatures(m, 'newsletter'), 'archive');
  for (const m of FINANCE) model = trainText(model, mailFeatures(m, 'newsletter'), 'label:Finance');
  return model;
}

describe('mailFeatures', () => {
  it('reads sender, domain, labels but INBOX/UNREAD, List-Unsubscribe, kind and lower-cased words without stop words', () => {
    const features = mailFeatures(mail('News <Editor@News.Example>', 'The Weekly Roundup', '<p>Your weekly <b>roundup</b> of 42 stories</p>'), 'newsletter');
    expect(features).toEqual(expect.arrayContaining(['kind:newsletter', 'from:editor@news.example', 'dom:news.example', 'lab:category_updates', 'unsub', 't:weekly', 't:roundup', 't:stories']));
    expect(features).not.toEqual(expect.arrayContaining(['lab:inbox']));
    expect(features.filter((f) => ['t:the', 't:your', 't:42', 't:p', 't:b'].includes(f))).toEqual([]);
    expect(new Set(features).size).toBe(features.length);
  });

  it('reads at most a bounded number of words however long the mail', () => {
    const long = Array.from({ length: 500 }, (_, i) => `word${i}x`).join(' ');
    const words = mailFeatures(mail('a@b.example', long, long), 'newsletter').filter((f) => f.startsWith('t:'));
    expect(words).toHaveLength(MAX_TOKENS_PER_MESSAGE);
  });
});

describe('predictText', () => {
  it('handles a newsletter from a new sender like the similar ones the user answered', () => {
    const model = trained();
    const finance = mail('Capital Weekly <hi@capitalweekly.com>', 'Interest rates and markets', 'Your savings, portfolio and interest rates. Unsubscribe.');
    const tech = mail('Zig News <news@zignews.dev>', 'Compiler releases', 'Programming: the Zig compiler releases and tooling. Unsubscribe.');
    const a = predictText(model, mailFeatures(finance, 'newsletter'), ALLOWED, 'newsletter');
    const b = predictText(model, mailFeatures(tech, 'newsletter'), ALLOWED, 'newsletter');
    expect(a?.value).toBe('label:Finance');
    expect(b?.value).toBe('archive');
    expect(a?.similar).toBeGreaterThanOrEqual(4);
    expect(a?.sameKind).toBe(5);
    expect(a?.confidence).toBeLessThan(a?.probability ?? 0);
  });

  it('says nothing with too few examples, when no candidate was ever chosen, or when the mail shares nothing', () => {
    let small = emptyTextModel();
    for (const m of TECH.slice(0, 2)) small = trainText(small, mailFeatures(m, 'newsletter'), 'archive');
    expect(predictText(small, mailFeatures(TECH[2] ?? mail('a@b.c', '', ''), 'newsletter'), ALLOWED, 'newsletter')).toBeNull();
    expect(predictText(trained(), mailFeatures(TECH[0] ?? mail('a@b.c', '', ''), 'newsletter'), ['draft_reply', 'flag_for_review'], 'newsletter')).toBeNull();
    expect(predictText(emptyTextModel(), ['t:anything'], ALLOWED, 'newsletter')).toBeNull();
    expect(predictText(trained(), ['t:unrelated', 'from:x@y.z'], ALLOWED, 'newsletter')).toBeNull();
  });
});

const arbExample = fc.record({
  features: fc.uniqueArray(fc.constantFrom(...Array.from({ length: 60 }, (_, i) => `t:w${i}`), 'unsub', 'kind:newsletter', 'dom:a.example'), { maxLength: 12 }),
  value: fc.constantFrom('archive', 'mark_read', 'label:Finance', 'do_nothing'),
});

function trainAll(examples: readonly { features: string[]; value: string }[], start: TextModel = emptyTextModel()): TextModel {
  return examples.reduce((model, e) => trainText(model, e.features, e.value), start);
}

describe('the text model as data', () => {
  it('learns the same model whatever the order of its examples (below the bounds)', () => {
    fc.assert(
      fc.property(fc.array(arbExample, { maxLength: 30 }).chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }))), ([xs, shuffled]) => {
        expect(textModelToJson(trainAll(shuffled))).toEqual(textModelToJson(trainAll(xs)));
      }),
    );
  });

  it('is deterministic, and its JSON reads back to a model that predicts the same', () => {
    fc.assert(
      fc.property(fc.array(arbExample, { maxLength: 30 }), arbExample, (xs, probe) => {
        const model = trainAll(xs);
        const again = textModelFromJson(JSON.parse(JSON.stringify(textModelToJson(model))));
        expect(JSON.stringify(textModelToJson(again))).toBe(JSON.stringify(textModelToJson(trainAll(xs))));
        expect(predictText(again, probe.features, ALLOWED, 'newsletter')).toEqual(predictText(model, probe.features, ALLOWED, 'newsletter'));
        expect(exampleCount(model)).toBe(xs.length);
      }),
    );
  });

  it('stays within its bounds of features and classes however much it learns', () => {
    const arbWide = fc.record({
      features: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }).map((s) => `t:${s}`), { minLength: 30, maxLength: 40 }),
      value: fc.string({ minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.array(arbWide, { minLength: 60, maxLength: 80 }), (xs) => {
        const model = trainAll(xs);
        expect(model.features.size).toBeLessThanOrEqual(MAX_FEATURES);
        expect(model.classes.size).toBeLessThanOrEqual(MAX_CLASSES);
        for (const byClass of model.features.values()) for (const value of byClass.keys()) expect(model.classes.has(value)).toBe(true);
      }),
      { numRuns: 5 },
    );
  });

  it('never learns a feature count above its class count', () => {
    fc.assert(
      fc.property(fc.array(arbExample, { maxLength: 40 }), (xs) => {
        const model = trainAll(xs);
        for (const byClass of model.features.values()) for (const [value, n] of byClass) expect(n).toBeLessThanOrEqual(model.classes.get(value) ?? 0);
      }),
    );
  });

  it('reads an unknown version or a damaged document as an empty model', () => {
    const json = textModelToJson(trained());
    expect(textModelFromJson({ ...json, version: 99 }).classes.size).toBe(0);
    expect(textModelFromJson({ ...json, classes: { archive: -1 } }).classes.size).toBe(0);
    expect(textModelFromJson('nonsense').classes.size).toBe(0);
    expect(textModelFromJson(null).features.size).toBe(0);
  });

  it('sums itself up: examples per action and the features that point to each', () => {
    const summary = summarizeTextModel(trained());
    expect(summary.examples).toBe(10);
    expect(summary.actions.map((a) => [a.value, a.examples])).toEqual([
      ['archive', 5],
      ['label:Finance', 5],
    ]);
    expect(summary.actions[1]?.strongest).toEqual(expect.arrayContaining(['t:interest', 't:portfolio']));
  });
});
