import type { Briefing, BriefingDid, BriefingFollowUpItem, BriefingMeetingItem, BriefingWaiting } from '../contract/index.js';
import { actionGroupLabel, briefingSchedule, briefingSummary, clockTime, localDateOf, meetingConflicts, startOfLocalDay, type ActiveHours } from '../domain/index.js';
import { errors } from '../errors/index.js';
import { executedSince, followUpsDue, lastBriefingDelivery, meetingsBetween, waitingApprovals, type DecisionLifeRow } from '../store/index.js';
import { lifeOf } from './activity.js';
import { expireApprovalsNow } from './approval-expiry.js';
import { counterpartOf, headlineOf, phraseOf, proposalOf, senderOf, situationOf } from './decision-words.js';
import { withModelSummary } from './briefing-summary.js';
import type { ServiceDeps } from './deps.js';
import { temporalProfileOf } from './temporal.js';
import { activeHoursOf } from './temporal-profiles.js';

const DAY_MS = 24 * 3_600_000;
/** Bounds on what one briefing reads: a day busier than this is summed up, not listed. */
export const BRIEFING_LIMITS = { did: 500, waiting: 50, meetings: 50 } as const;

type DidState = BriefingDid['items'][number]['state'];
const DID_STATES: readonly string[] = ['executed', 'undone', 'failed', 'queued', 'cancelled'];

/** The user's briefing as of now: everything in it read, nothing written. */
export async function readBriefing(deps: ServiceDeps, userId: string): Promise<Briefing> {
  const now = deps.clock.now();
  await expireApprovalsNow(deps);
  const profile = await temporalProfileOf(deps, deps.db, userId);
  if (profile === null) throw errors.notFound('user', userId);
  const active = activeHoursOf(profile);
  const timeZone = active.timeZone;
  const last = await lastBriefingDelivery(deps.db, userId);
  const schedule = briefingSchedule(active, now);
  // Today's briefing, once delivered, keeps its period (to now) so it can be read all day; before
  // that, the coming one covers what happened since the last delivery.
  const basis: Briefing['period']['basis'] = last === null ? 'last_24_hours' : last.localDate === schedule.localDate ? 'todays_briefing' : 'last_briefing';
  const since = last === null ? new Date(now.getTime() - DAY_MS) : basis === 'todays_briefing' ? last.periodStart : last.deliveredAt;
  const dayStart = startOfLocalDay(now, timeZone);
  const dayEnd = startOfLocalDay(new Date(dayStart.getTime() + 36 * 3_600_000), timeZone);

  const [ran, waiting, meetings, followUps] = await Promise.all([
    executedSince(deps.db, userId, since, BRIEFING_LIMITS.did, { automaticOnly: false }),
    waitingApprovals(deps.db, userId, now, BRIEFING_LIMITS.waiting),
    meetingsBetween(deps.db, userId, dayStart, dayEnd, BRIEFING_LIMITS.meetings),
    followUpsDue(deps.db, userId, now),
  ]);

  const did = didGroups(ran, timeZone, now);
  const waitingItems: BriefingWaiting[] = waiting.rows.map((row) => {
    const situation = situationOf(row.situation);
    return {
      approvalId: row.id,
      decisionId: row.decisionId,
      sender: senderOf(row.fromHeader, counterpartOf(situation)),
      subject: row.subject,
      proposal: proposalOf(row.actionType, row.parameters, situation, row.domain) ?? 'Decide what to do with this',
      urgency: row.urgency,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
    };
  });
  const span = (start: Date, end: Date) => `${clockTime(start, timeZone, now)}–${clockTime(end, timeZone, now)}`;
  const meetingItems: BriefingMeetingItem[] = meetings.map((m) => ({
    calendarId: m.calendarId,
    eventId: m.eventId,
    summary: m.summary,
    start: m.start.toISOString(),
    end: m.end.toISOString(),
    time: span(m.start, m.end),
    response: m.response,
  }));
  const conflicts = meetingConflicts(meetings).map(({ first, second }) => ({
    first: first.eventId,
    second: second.eventId,
    words: `"${first.summary}" (${span(first.start, first.end)}) overlaps "${second.summary}" (${span(second.start, second.end)})`,
  }));
  const followUpItems: BriefingFollowUpItem[] = followUps.map((f) => ({
    threadId: f.threadId,
    to: { name: f.counterpartName, address: f.counterpart },
    subject: f.subject,
    question: f.question,
    askedAt: f.askedAt.toISOString(),
    dueAt: f.dueAt.toISOString(),
    decisionId: f.decisionId,
  }));
  const oldest = waitingItems[0];
  const firstMeeting = meetingItems.find((m) => m.response !== 'declined') ?? null;
  const summary = briefingSummary({
    periodWords: basis === 'last_24_hours' ? 'in the last 24 hours' : basis === 'last_briefing' ? `since your last briefing (${clockTime(since, timeZone, now)})` : `since ${clockTime(since, timeZone, now)}`,
    did: did.groups.map((g) => ({ label: g.label, count: g.count, undone: g.undone })),
    waiting: {
      total: waiting.total,
      oldestFrom: oldest === undefined ? null : (oldest.sender.name ?? oldest.sender.address),
      oldestExpiresAt: oldest === undefined ? null : `at ${clockTime(new Date(oldest.expiresAt), timeZone, now)}`,
    },
    meetings: { total: meetingItems.length, first: firstMeeting === null ? null : { summary: firstMeeting.summary, time: clockTime(new Date(firstMeeting.start), timeZone, now) }, conflicts: conflicts.length },
    followUps: followUpItems.length,
  });
  return withModelSummary(deps, {
    userId,
    generatedAt: now.toISOString(),
    timeZone,
    period: { since: since.toISOString(), until: now.toISOString(), basis },
    nextAt: schedule.nextAt.toISOString(),
    nextAtBasis: nextAtBasis(active),
    lastDelivered: last === null ? null : { localDate: last.localDate, deliveredAt: last.deliveredAt.toISOString(), draftId: last.draftId },
    summary,
    summarySource: 'rules',
    did,
    waiting: { total: waiting.total, items: waitingItems },
    today: { date: localDateOf(now, timeZone), meetings: meetingItems, conflicts },
    followUps: { items: followUpItems },
  });
}

function nextAtBasis(active: ActiveHours): string {
  return active.source === 'learned'
    ? `the start of the hours you are usually active (${active.start}–${active.end} ${active.timeZone}, ${active.basis})`
    : `${active.start} ${active.timeZone}, the default until SkyTwin has learned when you are usually active`;
}

function didGroups(rows: readonly DecisionLifeRow[], timeZone: string, now: Date): Briefing['did'] {
  const groups = new Map<string, BriefingDid>();
  // Oldest first within a group: the briefing reads as the story of the period.
  for (const row of [...rows].reverse()) {
    const life = lifeOf(row);
    if (!DID_STATES.includes(life.state) || row.execType === null) continue;
    const situation = situationOf(row.situation);
    const group = groups.get(row.execType) ?? { action: row.execType, label: actionGroupLabel(row.execType), count: 0, undone: 0, items: [] };
    group.count += 1;
    if (life.state === 'undone') group.undone += 1;
    group.items.push({
      decisionId: row.id,
      sender: senderOf(row.fromHeader, counterpartOf(situation)),
      subject: row.subject,
      summary: headlineOf(row, phraseOf(row.execType, row.selectedParameters, situation, row.domain), timeZone, now),
      state: life.state as DidState,
      onItsOwn: row.execAuthorizedBy === 'policy',
      at: (row.execAt ?? row.createdAt).toISOString(),
    });
    groups.set(row.execType, group);
  }
  const list = [...groups.values()].sort((a, b) => b.count - a.count || a.action.localeCompare(b.action));
  return { total: list.reduce((sum, g) => sum + g.count, 0), groups: list };
}
