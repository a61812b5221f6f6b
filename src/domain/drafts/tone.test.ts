import { describe, expect, it } from 'vitest';
import { addresseeOf, learnTone, readTone, toneFromJson, usualTone } from './tone.js';

const now = new Date('2026-12-01T10:00:00Z');

describe('readTone', () => {
  it('reads the greeting word and the closing paragraph', () => {
    expect(readTone('Hey Bob,\n\nTuesday works.\n\nCheers,\nAnn')).toEqual({ greeting: 'Hey', signOff: 'Cheers,\nAnn' });
    expect(readTone('good morning Bob Smith!\n\nSee you then.\n\nThanks')).toEqual({ greeting: 'Good morning', signOff: 'Thanks' });
  });

  it('counts a reply that opens with the name alone only when it is the addressee', () => {
    expect(readTone('Bob,\n\nFine by me.\n\nA.', 'Bob').greeting).toBe('');
    expect(readTone('Sure,\n\nFine by me.\n\nA.', 'Bob').greeting).toBeNull();
  });

  it('finds no tone in a reply of one paragraph or one that opens with a sentence', () => {
    expect(readTone('Hi there, I wanted to ask whether the report is ready.')).toEqual({ greeting: null, signOff: null });
    expect(readTone('Thanks, that works.\n\nI will send the file tomorrow.')).toEqual({ greeting: null, signOff: null });
  });
});

describe('learnTone', () => {
  it('uses the most frequent variant, the newest on a tie', () => {
    let tone = learnTone(null, 'Hi Bob,\n\nOk.\n\nBest,\nAnn', 'Bob', now);
    expect(usualTone(tone)).toEqual({ greeting: 'Hi', signOff: 'Best,\nAnn' });
    tone = learnTone(tone, 'Hey Carol,\n\nOk.\n\nCheers,\nAnn', 'Carol', now);
    expect(usualTone(tone)).toEqual({ greeting: 'Hey', signOff: 'Cheers,\nAnn' });
    tone = learnTone(tone, 'Hey Dan,\n\nOk.\n\nCheers,\nAnn', 'Dan', now);
    tone = learnTone(tone, 'Hi Eve,\n\nOk.\n\nBest,\nAnn', 'Eve', now);
    expect(usualTone(tone)).toEqual({ greeting: 'Hi', signOff: 'Best,\nAnn' });
    expect(tone.samples).toBe(4);
    expect(tone.updatedAt).toBe(now.toISOString());
  });

  it('lets an approved draft confirm a learned variant but never teach SkyTwin\'s own default', () => {
    const defaults = 'Hi Bob,\n\nThanks.\n\nBest regards';
    expect(learnTone(null, defaults, 'Bob', now, true)).toEqual(learnTone(null, 'ok', 'Bob', now));
    const learned = learnTone(null, 'Hey Carol,\n\nOk.\n\nCheers,\nAnn', 'Carol', now);
    const confirmed = learnTone(learned, 'Hey Bob,\n\nThanks.\n\nCheers,\nAnn', 'Bob', now, true);
    expect(confirmed.signOffs).toEqual([{ text: 'Cheers,\nAnn', count: 2, lastSample: 2 }]);
    expect(learnTone(learned, defaults, 'Bob', now, true)).toBe(learned);
  });

  it('leaves the profile as it was when the reply shows no tone', () => {
    const tone = learnTone(null, 'Hi Bob,\n\nOk.\n\nBest,\nAnn', 'Bob', now);
    expect(learnTone(tone, 'ok', 'Bob', now)).toBe(tone);
  });

  it('reads a malformed stored profile as nothing learned', () => {
    expect(usualTone(toneFromJson({ greetings: [{ text: 3 }], signOffs: 'x' }))).toEqual({ greeting: null, signOff: null });
    expect(toneFromJson(null).samples).toBe(0);
  });
});

describe('addresseeOf', () => {
  it('reads the name a draft greets', () => {
    expect(addresseeOf('Hi Bob,\n\nThanks.')).toBe('Bob');
    expect(addresseeOf('Bob,\n\nThanks.')).toBe('Bob');
    expect(addresseeOf('Hello,\n\nThanks.')).toBe('');
    expect(addresseeOf('Good morning Carol!\n\nThanks.')).toBe('Carol');
  });
});
