import type { BusyInterval } from './slots.js';
import type { ToneProfile } from './tone.js';

/** What a reply draft may use beyond the mail: the user's zone, hours, free time and tone. Gathered by the caller. */
export interface DraftContext {
  timeZone: string;
  /** Local working hours "HH:MM" that proposed meeting times fall in. */
  workStart: string;
  workEnd: string;
  /** Taken times over the next `horizonDays`; null when the calendar was not read for this batch. */
  busy: readonly BusyInterval[] | null;
  horizonDays: number;
  tone: ToneProfile | null;
}

/** Working hours used when the temporal profile has not learned the user's own. */
export const DEFAULT_WORK_HOURS = { start: '09:00', end: '17:00' } as const;
/** Meeting times never go outside these bounds, however late the user is active. */
export const WORK_HOURS_BOUNDS = { start: '08:00', end: '18:00' } as const;
/** Days ahead the calendar is read for free slots. */
export const SLOT_HORIZON_DAYS = 7;
