import { describe, expect, it } from 'vitest';
import { StreamCursor } from './stream-cursor.js';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

describe('StreamCursor', () => {
  it('travels as an event id and comes back knowing what was sent within the overlap', () => {
    const cursor = StreamCursor.startingAt(1_000_000, 10_000);
    cursor.add(id(1), 995_000);
    cursor.add(id(2), 1_002_000);
    const back = StreamCursor.parse(cursor.toString(), 10_000);
    expect(back?.newest).toBe(1_002_000);
    expect(back?.readFrom).toBe(992_000);
    expect(back?.has(id(1))).toBe(true);
    expect(back?.has(id(2))).toBe(true);
    expect(back?.has(id(3))).toBe(false);
  });

  it('forgets what left the window, so the id stays short', () => {
    const cursor = StreamCursor.startingAt(0, 10_000);
    cursor.add(id(1), 1_000);
    cursor.add(id(2), 20_000);
    expect(cursor.has(id(1))).toBe(false);
    expect(cursor.toString()).toBe(`20000.${id(2).replace(/-/g, '').slice(-12)}`);
  });

  it('caps the tags a burst leaves in the window', () => {
    const cursor = StreamCursor.startingAt(0, 10_000);
    for (let n = 1; n <= 400; n++) cursor.add(id(n), 5_000);
    expect(cursor.toString().split('.')).toHaveLength(301);
    expect(cursor.has(id(400))).toBe(true);
    expect(cursor.has(id(1))).toBe(false);
  });

  it('refuses ids it did not write', () => {
    for (const bad of ['', 'garbage', '12.xyz', '-5', '1.2.3', `${'9'.repeat(16)}`]) expect(StreamCursor.parse(bad, 10_000), bad).toBeNull();
    expect(StreamCursor.parse('123', 10_000)?.newest).toBe(123);
  });
});
