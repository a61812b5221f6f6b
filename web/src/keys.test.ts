import { describe, expect, it } from 'vitest';
import { commandFor, isTyping, KEY_HELP, type KeyLike } from './keys.js';

const press = (key: string, target: KeyLike['target'] = { tagName: 'BODY' }, mods: Partial<KeyLike> = {}): KeyLike => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target,
  ...mods,
});

describe('the keyboard map', () => {
  it('maps j/k/a/r/e/u, / and ? to their commands', () => {
    expect(['j', 'k', 'a', 'r', 'e', 'u', '/', '?', 'Escape'].map((key) => commandFor(press(key)))).toEqual([
      'next',
      'previous',
      'approve',
      'reject',
      'edit',
      'undo',
      'search',
      'help',
      'close',
    ]);
    expect(commandFor(press('x'))).toBeNull();
  });

  it('leaves keys typed into a field to the field, except Escape', () => {
    for (const target of [{ tagName: 'INPUT', type: 'search' }, { tagName: 'TEXTAREA' }, { tagName: 'DIV', isContentEditable: true }]) {
      expect(commandFor(press('a', target))).toBeNull();
      expect(commandFor(press('Escape', target))).toBe('close');
    }
    expect(isTyping({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(commandFor(press('j', { tagName: 'INPUT', type: 'checkbox' }))).toBe('next');
  });

  it('leaves shortcuts with modifiers to the browser, and Enter on a button to the button', () => {
    expect(commandFor(press('a', undefined, { ctrlKey: true }))).toBeNull();
    expect(commandFor(press('Enter', { tagName: 'BUTTON' }))).toBeNull();
    expect(commandFor(press('Enter'))).toBe('open');
  });

  it('opens the command bar with Ctrl+K or ⌘K, even from a field', () => {
    expect(commandFor(press('k', undefined, { ctrlKey: true }))).toBe('palette');
    expect(commandFor(press('K', { tagName: 'INPUT', type: 'search' }, { metaKey: true }))).toBe('palette');
  });

  it('lists every key in the help', () => {
    const listed = KEY_HELP.map((entry) => entry.keys).join(' ');
    for (const key of ['j', 'k', 'a', 'r', 'e', 'u', '/', '?', 'Esc']) expect(listed).toContain(key);
  });
});
