import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { updateSettings } from '../../services/index.js';
import { loadSettings } from '../../store/index.js';
import { assertCanSee, type AppDeps } from '../context.js';
import { ActionTypeName, AnyObject, Cents, Tier, UserParams, withErrors } from '../schemas.js';

const strict = { additionalProperties: false } as const;
const Override = Type.Object(
  {
    perActionCents: Type.Optional(Cents),
    dailyCents: Type.Optional(Cents),
    allowIrreversible: Type.Optional(Type.Array(ActionTypeName, { maxItems: 20, uniqueItems: true })),
  },
  strict,
);
const SettingsPatch = Type.Object(
  {
    trustTiers: Type.Optional(
      Type.Object({ email: Type.Optional(Tier), calendar: Type.Optional(Tier), finance: Type.Optional(Tier) }, strict),
    ),
    spendLimits: Type.Optional(Type.Object({ perActionCents: Type.Optional(Cents), dailyCents: Type.Optional(Cents) }, strict)),
    quietHours: Type.Optional(
      Type.Union([
        Type.Object({ start: Type.String({ maxLength: 5 }), end: Type.String({ maxLength: 5 }), timeZone: Type.String({ maxLength: 64 }) }, strict),
        Type.Null(),
      ]),
    ),
    blockedDomains: Type.Optional(Type.Array(Type.String({ maxLength: 253 }), { maxItems: 1000 })),
    domainOverrides: Type.Optional(
      Type.Object({ email: Type.Optional(Override), calendar: Type.Optional(Override), finance: Type.Optional(Override) }, strict),
    ),
    trustProgression: Type.Optional(
      Type.Object(
        {
          enabled: Type.Optional(Type.Boolean()),
          maxAutoTier: Type.Optional(Tier),
          promoteAfterApprovals: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          minApprovalRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
          demoteAfterRejections: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
          demoteOnUndo: Type.Optional(Type.Boolean()),
          newDomainApprovals: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
        },
        strict,
      ),
    ),
  },
  strict,
);

export function settingsRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/api/users/:userId/settings', { config: { audience: 'user' }, schema: { params: UserParams, response: withErrors({ 200: AnyObject }) } }, async (request) => {
      assertCanSee(request, request.params.userId);
      return loadSettings(deps.services.db, request.params.userId);
    });
    app.put(
      '/api/users/:userId/settings',
      { config: { audience: 'user' }, schema: { params: UserParams, body: SettingsPatch, response: withErrors({ 200: AnyObject }) } },
      async (request) => {
        assertCanSee(request, request.params.userId);
        return updateSettings(deps.services, request.params.userId, request.body);
      },
    );
  };
}
