import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './common.js';

// The signals the worker (or any client) posts. The API checks each signal against these and
// names every problem by signal and field (src/api/signal-validation.ts), so the route takes the
// body as it comes rather than through one union that could only say "matches no branch".

const DateTime = Type.String({ format: 'date-time' });
const DateOrDateTime = Type.Union([Type.String({ format: 'date-time' }), Type.String({ format: 'date' })]);
const Text = (max: number) => Type.String({ maxLength: max });

/** An email's fields; unknown fields are kept. */
export const EmailDataBody = Type.Object(
  {
    messageId: Type.String({ minLength: 1, maxLength: 200 }),
    threadId: Type.String({ minLength: 1, maxLength: 200 }),
    from: Text(1000),
    to: Type.Array(Text(1000), { maxItems: 1000 }),
    cc: Type.Array(Text(1000), { maxItems: 1000 }),
    subject: Text(5000),
    snippet: Text(5000),
    labels: Type.Array(Text(200), { maxItems: 200 }),
    listUnsubscribe: Type.Union([Text(5000), Type.Null()]),
    bodyText: Text(200_000),
  },
  { additionalProperties: true },
);

export const AttendeeBody = Type.Object(
  {
    email: Text(320),
    self: Type.Optional(Type.Boolean()),
    responseStatus: Type.Optional(
      Type.Union([Type.Literal('needsAction'), Type.Literal('accepted'), Type.Literal('declined'), Type.Literal('tentative')]),
    ),
  },
  { additionalProperties: true },
);

/** A calendar event's fields (one version of it); unknown fields are kept. */
export const CalendarDataBody = Type.Object(
  {
    eventId: Type.String({ minLength: 1, maxLength: 1024 }),
    calendarId: Type.String({ minLength: 1, maxLength: 1024 }),
    status: Type.Union([Type.Literal('confirmed'), Type.Literal('tentative'), Type.Literal('cancelled')]),
    summary: Text(5000),
    start: DateOrDateTime,
    end: DateOrDateTime,
    allDay: Type.Boolean(),
    organizer: Text(320),
    recurringEventId: Type.Union([Text(1024), Type.Null()]),
    attendees: Type.Array(AttendeeBody, { maxItems: 2000 }),
  },
  { additionalProperties: true },
);

const Common = {
  userId: Uuid,
  externalId: Type.String({ minLength: 1, maxLength: 1024 }),
  occurredAt: DateTime,
};

export const EmailSignalBody = Type.Object(
  { ...Common, source: Type.Literal('gmail'), type: Type.Literal('email.received'), data: EmailDataBody },
  { additionalProperties: false },
);
export const CalendarSignalBody = Type.Object(
  { ...Common, source: Type.Literal('calendar'), type: Type.Literal('calendar.event'), data: CalendarDataBody },
  { additionalProperties: false },
);
export const SignalBody = Type.Union([EmailSignalBody, CalendarSignalBody]);
export type SignalInput = Static<typeof SignalBody>;

/** The most signals one request may carry. */
export const MAX_SIGNALS_PER_REQUEST = 500;

/** POST /api/events/ingest: one signal, or a batch `{ signals: [...] }` ingested all or nothing. */
export const IngestRequestBody = Type.Union([
  SignalBody,
  Type.Object({ signals: Type.Array(SignalBody, { minItems: 1, maxItems: MAX_SIGNALS_PER_REQUEST }) }, { additionalProperties: false }),
]);
export type IngestRequest = Static<typeof IngestRequestBody>;

export const OutcomeName = Type.Union([
  Type.Literal('auto_execute'),
  Type.Literal('needs_approval'),
  Type.Literal('no_action'),
  Type.Literal('shadow'),
]);

/** One signal's fate, in the order sent: a duplicate returns its first decision and no outcome. */
export const IngestResultBody = Type.Object({
  externalId: Type.String(),
  decisionId: Uuid,
  duplicate: Type.Boolean(),
  outcome: Type.Union([OutcomeName, Type.Null()]),
});
export type IngestResult = Static<typeof IngestResultBody>;

export const IngestAnswerBody = Type.Object({ results: Type.Array(IngestResultBody) });
export type IngestAnswer = Static<typeof IngestAnswerBody>;

/** POST /api/events/sent-mail: the user's own sent Gmail messages (labels including SENT), read for follow-ups. */
export const SentMailResultBody = Type.Object({
  externalId: Type.String(),
  /** The sentence that asks something, now waited on; null when the mail asks nothing. */
  question: Type.Union([Type.String(), Type.Null()]),
});
export const SentMailAnswerBody = Type.Object({ results: Type.Array(SentMailResultBody) });
export type SentMailAnswer = Static<typeof SentMailAnswerBody>;
