import { describe, expect, it } from 'vitest';
import { stepSelection } from './selection.js';

const list = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

describe('stepSelection', () => {
  it('moves one step and stops at either end', () => {
    expect(stepSelection(list, 'a', 1)).toBe('b');
    expect(stepSelection(list, 'b', -1)).toBe('a');
    expect(stepSelection(list, 'c', 1)).toBe('c');
    expect(stepSelection(list, 'a', -1)).toBe('a');
  });

  it('starts at the top when nothing (or something no longer listed) is selected', () => {
    expect(stepSelection(list, null, 1)).toBe('a');
    expect(stepSelection(list, 'gone', -1)).toBe('a');
    expect(stepSelection([], 'a', 1)).toBeNull();
  });
});
