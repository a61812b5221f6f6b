import { describe, expect, it } from 'vitest';
import { StartUpTimeline } from './start-up-timeline.js';

describe('StartUpTimeline', () => {
  it('lists the steps in the order they were reached, each at its first mark, with the process start', () => {
    let now = 0;
    const timeline = new StartUpTimeline(() => now);
    now = 412.4;
    timeline.mark('modules loaded');
    timeline.mark('database opening', 120);
    now = 690.6;
    timeline.mark('database open');
    now = 900;
    timeline.mark('database open');
    timeline.mark('ready');
    expect(timeline.describe(new Date('2026-12-02T19:47:00.123Z'))).toBe(
      'database opening 120 ms, modules loaded 412 ms, database open 691 ms, ready 900 ms after the process started (at 2026-12-02T19:47:00.123Z)',
    );
  });
});
