// Reply drafts without a language model: free slots from the user's calendar, deadlines, names,
// and the tone (greeting, sign-off) learned from the replies the user edited or approved. Pure.
export { addresseeOf, emptyTone, learnTone, readTone, toneFromJson, usualTone, type ToneProfile, type ToneVariant, type UsualTone } from './tone.js';
export { findFreeSlots, type BusyInterval, type FreeSlot, type SlotQuery } from './slots.js';
export { resolveDeadline, type ResolvedDeadline } from './deadline.js';
export { clockLabel, dayLabel, type LocalDate } from './zoned.js';
export { DEFAULT_WORK_HOURS, SLOT_HORIZON_DAYS, WORK_HOURS_BOUNDS, type DraftContext } from './context.js';
export { workingHoursFrom } from './workHours.js';
