import type { Briefing } from '../contract/index.js';
import { briefingSchedule } from '../domain/index.js';
import { inTransaction, lastBriefingDelivery, recordBriefingDelivery, settleBriefingDraft, usersPage, wantsBriefingDraft, type BriefingDelivery } from '../store/index.js';
import { readBriefing } from './briefing.js';
import { briefingText } from './briefing-text.js';
import type { ServiceDeps } from './deps.js';
import { temporalProfileOf } from './temporal.js';
import { activeHoursOf } from './temporal-profiles.js';

const DAY_MS = 24 * 3_600_000;
/** Users examined per sweep; the sweep resumes after the last one next time. */
const USERS_PER_SWEEP = 200;

/** Puts a briefing in the user's own Gmail drafts at most once per marker (looked up before creating). */
export interface BriefingDraftPort {
  createOnce(userId: string, draft: { marker: string; to: string; subject: string; body: string }): Promise<string>;
}

/** The Message-ID a delivered briefing's draft carries: how a retry finds it instead of making another. */
export function briefingDraftMarker(userId: string, localDate: string): string {
  return `<skytwin-briefing-${localDate}-${userId}@skytwin.local>`;
}

export interface DeliveryResult {
  delivered: BriefingDelivery | null;
  briefing: Briefing | null;
}

/**
 * Delivers the user's briefing when their active window has opened today and none was delivered
 * for that day: the delivery row is recorded first (its key makes it once per user and local day,
 * across restarts and processes), then the draft, when wanted, is created by the winner only.
 */
export async function deliverBriefingIfDue(deps: ServiceDeps, user: { id: string; email: string }, drafts: BriefingDraftPort | null): Promise<DeliveryResult & { nextCheckAt: Date | null }> {
  const now = deps.clock.now();
  const profile = await temporalProfileOf(deps, deps.db, user.id);
  if (profile === null) return { delivered: null, briefing: null, nextCheckAt: null };
  const schedule = briefingSchedule(activeHoursOf(profile), now);
  const last = await lastBriefingDelivery(deps.db, user.id);
  if (!schedule.open || (last !== null && last.localDate >= schedule.localDate)) return { delivered: null, briefing: null, nextCheckAt: schedule.nextAt };
  const briefing = await readBriefing(deps, user.id);
  // Without Google wired (no OAuth client) there is nowhere to put a draft: none is promised.
  const wantsDraft = drafts !== null && (await wantsBriefingDraft(deps.db, user.id));
  const delivered = await inTransaction(deps.db, (trx) =>
    recordBriefingDelivery(trx, {
      userId: user.id,
      localDate: schedule.localDate,
      deliveredAt: now,
      periodStart: last === null ? new Date(now.getTime() - DAY_MS) : last.deliveredAt,
      wantsDraft,
    }),
  );
  if (delivered === null) return { delivered: null, briefing: null, nextCheckAt: schedule.nextAt };
  if (delivered.draftState === 'pending' && drafts !== null) {
    const draftId = await createDraft(deps, drafts, delivered, user.email, briefing);
    return { delivered: { ...delivered, draftState: 'created', draftId }, briefing, nextCheckAt: schedule.nextAt };
  }
  return { delivered, briefing, nextCheckAt: schedule.nextAt };
}

async function createDraft(deps: ServiceDeps, drafts: BriefingDraftPort, delivery: BriefingDelivery, email: string, briefing: Briefing): Promise<string> {
  try {
    const text = briefingText(briefing);
    const draftId = await drafts.createOnce(delivery.userId, { marker: briefingDraftMarker(delivery.userId, delivery.localDate), to: email, subject: text.subject, body: text.body });
    await settleBriefingDraft(deps.db, delivery.userId, delivery.localDate, { state: 'created', draftId });
    return draftId;
  } catch (error) {
    // Not retried: a later briefing would describe another moment. The dashboard still shows this one.
    const message = error instanceof Error ? error.message : String(error);
    await settleBriefingDraft(deps.db, delivery.userId, delivery.localDate, { state: 'failed', error: message });
    throw new Error(`briefing for ${delivery.localDate} delivered, but its Gmail draft was not created: ${message}`);
  }
}

/**
 * The API process's briefing sweep: walks the users a page at a time and delivers what is due.
 * Which users to look at again when is kept here only as a shortcut (the rows decide), so
 * several API processes may sweep at once and a restart loses nothing.
 */
export class BriefingDeliveries {
  private readonly nextCheck = new Map<string, number>();
  private after: string | null = null;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly drafts: BriefingDraftPort | null,
    private readonly log: (line: string) => void,
  ) {}

  /** One step: returns how many briefings this call delivered. */
  async sweep(): Promise<number> {
    const now = this.deps.clock.now().getTime();
    const users = await usersPage(this.deps.db, this.after, USERS_PER_SWEEP);
    this.after = users.length < USERS_PER_SWEEP ? null : (users.at(-1)?.id ?? null);
    let delivered = 0;
    for (const user of users) {
      if ((this.nextCheck.get(user.id) ?? 0) > now) continue;
      try {
        const result = await deliverBriefingIfDue(this.deps, user, this.drafts);
        if (result.nextCheckAt !== null) this.nextCheck.set(user.id, result.nextCheckAt.getTime());
        if (result.delivered !== null) {
          delivered += 1;
          this.log(`briefing delivered to ${user.id} for ${result.delivered.localDate}${result.delivered.draftState === 'created' ? ` (also as Gmail draft ${result.delivered.draftId ?? ''})` : ''}`);
        }
      } catch (error) {
        this.log(`briefing: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return delivered;
  }

}
