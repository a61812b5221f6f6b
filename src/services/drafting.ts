import type { ActiveHours, AutonomySettings, DraftContext, Signal } from '../domain/index.js';
import { mailMayAskToMeet, SLOT_HORIZON_DAYS, workingHoursFrom } from '../domain/index.js';
import type { IngestContext } from '../store/index.js';

const DAY_MS = 24 * 3_600_000;

/**
 * What a batch reads for its reply drafts: the tone when it has mail, and the calendar's taken
 * times over the next days only when some mail may ask to meet.
 */
export function draftingQuery(signals: readonly Signal[], now: Date): { tone: boolean; freeTime: { from: Date; to: Date } | null } {
  const mail = signals.some((s) => s.source === 'gmail');
  const meeting = mail && signals.some(mailMayAskToMeet);
  return { tone: mail, freeTime: meeting ? { from: now, to: new Date(now.getTime() + SLOT_HORIZON_DAYS * DAY_MS) } : null };
}

/** The batch's draft context, the same for every signal of it; null when the batch has no mail. */
export function draftingContext(
  signals: readonly Signal[],
  loaded: Pick<IngestContext, 'busy' | 'tone'>,
  settings: AutonomySettings,
  activeHours: ActiveHours | null,
): DraftContext | null {
  if (!signals.some((s) => s.source === 'gmail')) return null;
  const hours = workingHoursFrom(activeHours);
  return {
    timeZone: activeHours?.timeZone ?? settings.quietHours?.timeZone ?? 'UTC',
    workStart: hours.start,
    workEnd: hours.end,
    busy: loaded.busy,
    horizonDays: SLOT_HORIZON_DAYS,
    tone: loaded.tone,
  };
}
