import type { ActiveHours } from '../types.js';
import { DEFAULT_WORK_HOURS, WORK_HOURS_BOUNDS } from './context.js';
import { minutesOf } from './zoned.js';

/**
 * The hours meeting times are proposed in: the active window the temporal profile learned, kept
 * within 08:00–18:00; 09:00–17:00 while nothing is learned or the window spans midnight.
 */
export function workingHoursFrom(active: ActiveHours | null): { start: string; end: string } {
  if (active === null || active.source !== 'learned' || active.hours >= 24) return { ...DEFAULT_WORK_HOURS };
  const start = Math.max(minutesOf(active.start), minutesOf(WORK_HOURS_BOUNDS.start));
  const end = Math.min(minutesOf(active.end), minutesOf(WORK_HOURS_BOUNDS.end));
  if (minutesOf(active.start) >= minutesOf(active.end) || end - start < 60) return { ...DEFAULT_WORK_HOURS };
  return { start: clock(start), end: clock(end) };
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
