import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './common.js';

const Hours24 = Type.Array(Type.Integer({ minimum: 0 }), { minItems: 24, maxItems: 24 });
const DateTimeOrNull = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

/** GET /api/users/:userId/twin/temporal-profile: derived from the user's last answers, never stored. */
export const TemporalProfileBody = Type.Object({
  userId: Uuid,
  timeZone: Type.Object({
    name: Type.String(),
    source: Type.Union([Type.Literal('quiet_hours'), Type.Literal('host'), Type.Literal('utc')]),
    explanation: Type.String(),
  }),
  basedOn: Type.Object({
    answers: Type.Integer({ minimum: 0 }),
    limit: Type.Integer({ minimum: 1 }),
    oldestAnswerAt: DateTimeOrNull,
    newestAnswerAt: DateTimeOrNull,
    trusted: Type.Boolean(),
    explanation: Type.String(),
  }),
  activity: Type.Object({
    byHour: Hours24,
    byWeekday: Type.Array(Type.Object({ weekday: Type.String(), total: Type.Integer({ minimum: 0 }), byHour: Hours24 }), { minItems: 7, maxItems: 7 }),
  }),
  activeWindow: Type.Object({
    start: Type.String({ pattern: '^\\d{2}:\\d{2}$' }),
    end: Type.String({ pattern: '^\\d{2}:\\d{2}$' }),
    hours: Type.Integer({ minimum: 1, maximum: 24 }),
    timeZone: Type.String(),
    source: Type.Union([Type.Literal('learned'), Type.Literal('default')]),
    basis: Type.String(),
    coverage: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]),
    modeHour: Type.Union([Type.Integer({ minimum: 0, maximum: 23 }), Type.Null()]),
    explanation: Type.String(),
  }),
  responseTimes: Type.Array(
    Type.Object({ domain: Type.String(), urgency: Type.String(), answers: Type.Integer({ minimum: 1 }), medianSeconds: Type.Integer({ minimum: 0 }) }),
  ),
  commonAnswers: Type.Array(
    Type.Object({
      weekday: Type.String(),
      total: Type.Integer({ minimum: 0 }),
      mostCommon: Type.Union([Type.String(), Type.Null()]),
      answers: Type.Array(Type.Object({ kind: Type.String(), count: Type.Integer({ minimum: 1 }) })),
    }),
    { minItems: 7, maxItems: 7 },
  ),
});
export type TemporalProfile = Static<typeof TemporalProfileBody>;
