import { describe, expect, it } from 'vitest';
import { displayOrder, groupByUrgency, mergeById, nextSelection } from './group.js';

const item = (id: string, urgency: string, createdAt: string) => ({ id, urgency, createdAt });

describe('grouping approvals', () => {
  it('puts the most urgent first and the newest first within each group', () => {
    const sections = groupByUrgency([
      item('a', 'low', '2026-12-02T09:00:00Z'),
      item('b', 'critical', '2026-12-02T08:00:00Z'),
      item('c', 'normal', '2026-12-02T07:00:00Z'),
      item('d', 'normal', '2026-12-02T10:00:00Z'),
      item('e', 'whatever', '2026-12-02T06:00:00Z'),
    ]);
    expect(sections.map((s) => [s.urgency, s.items.map((i) => i.id)])).toEqual([
      ['critical', ['b']],
      ['normal', ['d', 'c', 'e']],
      ['low', ['a']],
    ]);
    expect(sections[0]?.label).toBe('Urgent');
    expect(displayOrder(sections).map((i) => i.id)).toEqual(['b', 'd', 'c', 'e', 'a']);
  });

  it('merges a fresh page by id without reordering what is shown', () => {
    const merged = mergeById([{ id: 'a', v: 1 }, { id: 'b', v: 1 }], [{ id: 'b', v: 2 }, { id: 'c', v: 1 }]);
    expect(merged).toEqual([{ id: 'a', v: 1 }, { id: 'b', v: 2 }, { id: 'c', v: 1 }]);
  });

  it('moves the selection to the next row when the selected one leaves, else the previous', () => {
    const order = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(nextSelection(order, 'b', 'b')).toBe('c');
    expect(nextSelection(order, 'c', 'c')).toBe('b');
    expect(nextSelection(order, 'a', 'c')).toBe('c');
    expect(nextSelection([{ id: 'a' }], 'a', 'a')).toBeNull();
  });
});
