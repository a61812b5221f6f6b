/** Fewer answers than this and the profile is not trusted: the default window applies. */
export const MIN_ANSWERS = 10;
/** The share of answers the learned window must hold. */
export const WINDOW_COVERAGE = 0.8;
/** A learned window is never shorter: a day of active time is never squeezed into an hour or two. */
export const MIN_WINDOW_HOURS = 8;
/** Used until there are enough answers: a waking day. */
export const DEFAULT_WINDOW = { startHour: 8, endHour: 22 } as const;

export interface HourWindow {
  /** Local hour the window starts (inclusive). */
  startHour: number;
  /** Local hour the window ends (exclusive); equal to startHour when it spans the whole day. */
  endHour: number;
  hours: number;
  /** Answers inside the window. */
  covered: number;
  /** The hour with most answers (the earliest on a tie). */
  modeHour: number;
}

/**
 * The shortest run of hours (wrapping midnight) that contains the busiest hour and holds at least
 * WINDOW_COVERAGE of the answers (among equally short runs the one holding most, then the
 * earliest), widened evenly on both sides to MIN_WINDOW_HOURS. Null when there are no answers.
 */
export function learnWindow(byHour: readonly number[]): HourWindow | null {
  const total = byHour.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  let modeHour = 0;
  for (let hour = 1; hour < 24; hour++) if ((byHour[hour] ?? 0) > (byHour[modeHour] ?? 0)) modeHour = hour;
  const needed = WINDOW_COVERAGE * total;
  for (let hours = 1; hours <= 24; hours++) {
    let best: { startHour: number; covered: number } | null = null;
    for (let startHour = 0; startHour < 24; startHour++) {
      if ((modeHour - startHour + 24) % 24 >= hours) continue;
      const covered = sumHours(byHour, startHour, hours);
      if (covered >= needed && (best === null || covered > best.covered)) best = { startHour, covered };
    }
    if (best === null) continue;
    if (hours >= MIN_WINDOW_HOURS) return { startHour: best.startHour, endHour: (best.startHour + hours) % 24, hours, covered: best.covered, modeHour };
    const startHour = (best.startHour - Math.floor((MIN_WINDOW_HOURS - hours) / 2) + 24) % 24;
    return {
      startHour,
      endHour: (startHour + MIN_WINDOW_HOURS) % 24,
      hours: MIN_WINDOW_HOURS,
      covered: sumHours(byHour, startHour, MIN_WINDOW_HOURS),
      modeHour,
    };
  }
  return { startHour: 0, endHour: 0, hours: 24, covered: total, modeHour };
}

function sumHours(byHour: readonly number[], startHour: number, hours: number): number {
  let covered = 0;
  for (let k = 0; k < hours; k++) covered += byHour[(startHour + k) % 24] ?? 0;
  return covered;
}

/** "08:00" for 8. */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}
