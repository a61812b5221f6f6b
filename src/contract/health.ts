import { Type, type Static } from '@sinclair/typebox';

const PassFail = Type.Union([Type.Literal('pass'), Type.Literal('fail')]);

/** GET /api/health/live: answers as soon as the process serves HTTP. */
export const HealthLiveBody = Type.Object({ status: Type.Literal('pass') });
export type HealthLive = Static<typeof HealthLiveBody>;

/** One check's result, in the `application/health+json` draft's shape. */
export const HealthCheckBody = Type.Object({ status: PassFail, output: Type.String() });

/**
 * GET /api/health/ready, sent as `application/health+json` with 200 (pass) or 503 (fail): each
 * check by name, e.g. `{ "database": [{ "status": "pass", "output": "migrated" }] }`.
 */
export const HealthReadyBody = Type.Object({
  status: PassFail,
  demoMode: Type.Boolean(),
  checks: Type.Record(Type.String(), Type.Array(HealthCheckBody)),
});
export type HealthReady = Static<typeof HealthReadyBody>;
