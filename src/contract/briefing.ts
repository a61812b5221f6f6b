import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './common.js';

const DateTime = Type.String({ format: 'date-time' });
const Sender = Type.Object({ name: Type.Union([Type.String(), Type.Null()]), address: Type.Union([Type.String(), Type.Null()]) });

/** One action SkyTwin ran (or queued) in the period, and where it stands now. */
export const BriefingDidItem = Type.Object({
  decisionId: Uuid,
  sender: Sender,
  subject: Type.Union([Type.String(), Type.Null()]),
  summary: Type.String(),
  state: Type.Union([Type.Literal('executed'), Type.Literal('undone'), Type.Literal('failed'), Type.Literal('queued'), Type.Literal('cancelled')]),
  /** False when the user approved it; true when policy let SkyTwin run it alone. */
  onItsOwn: Type.Boolean(),
  at: DateTime,
});

export const BriefingDidGroup = Type.Object({
  action: Type.String(),
  label: Type.String(),
  count: Type.Integer({ minimum: 1 }),
  undone: Type.Integer({ minimum: 0 }),
  items: Type.Array(BriefingDidItem),
});

export const BriefingWaitingItem = Type.Object({
  approvalId: Uuid,
  decisionId: Uuid,
  sender: Sender,
  subject: Type.Union([Type.String(), Type.Null()]),
  proposal: Type.String(),
  urgency: Type.String(),
  createdAt: DateTime,
  expiresAt: DateTime,
});

export const BriefingMeeting = Type.Object({
  calendarId: Type.String(),
  eventId: Type.String(),
  summary: Type.String(),
  start: DateTime,
  end: DateTime,
  /** "09:30–10:00" in the user's zone. */
  time: Type.String(),
  response: Type.Union([Type.String(), Type.Null()]),
});

export const BriefingConflict = Type.Object({
  first: Type.String({ description: 'eventId' }),
  second: Type.String({ description: 'eventId' }),
  words: Type.String(),
});

/** A question the user sent that got no answer in time; `decisionId` is the proposed nudge, once there is one. */
export const BriefingFollowUp = Type.Object({
  threadId: Type.String(),
  to: Sender,
  subject: Type.String(),
  question: Type.String(),
  askedAt: DateTime,
  dueAt: DateTime,
  decisionId: Type.Union([Uuid, Type.Null()]),
});

/** GET /api/users/:userId/briefing: what happened since the last briefing and what the day holds. */
export const BriefingBody = Type.Object({
  userId: Uuid,
  generatedAt: DateTime,
  timeZone: Type.String(),
  /**
   * Since the last delivered briefing, else the last 24 hours; once today's briefing is delivered,
   * the period it was delivered with, up to now (`todays_briefing`), so it can be read all day.
   */
  period: Type.Object({
    since: DateTime,
    until: DateTime,
    basis: Type.Union([Type.Literal('last_briefing'), Type.Literal('last_24_hours'), Type.Literal('todays_briefing')]),
  }),
  /** The start of the user's next active window, when the next briefing is delivered. */
  nextAt: DateTime,
  nextAtBasis: Type.String(),
  lastDelivered: Type.Union([Type.Object({ localDate: Type.String(), deliveredAt: DateTime, draftId: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  summary: Type.String(),
  summarySource: Type.Union([Type.Literal('rules'), Type.Literal('model')]),
  did: Type.Object({ total: Type.Integer({ minimum: 0 }), groups: Type.Array(BriefingDidGroup) }),
  waiting: Type.Object({ total: Type.Integer({ minimum: 0 }), items: Type.Array(BriefingWaitingItem) }),
  today: Type.Object({ date: Type.String(), meetings: Type.Array(BriefingMeeting), conflicts: Type.Array(BriefingConflict) }),
  followUps: Type.Object({ items: Type.Array(BriefingFollowUp) }),
});
export type Briefing = Static<typeof BriefingBody>;
export type BriefingDid = Static<typeof BriefingDidGroup>;
export type BriefingWaiting = Static<typeof BriefingWaitingItem>;
export type BriefingMeetingItem = Static<typeof BriefingMeeting>;
export type BriefingFollowUpItem = Static<typeof BriefingFollowUp>;
