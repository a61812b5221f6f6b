// Autonomy settings: trust tier per domain, spend limits, quiet hours, blocked domains, trust
// progression. PUT merges what it is given; a bad field is named in `details[].field`.
import { Type, type Static } from '@sinclair/typebox';
import { ActionTypeName, Cents, Tier } from './common.js';

const strict = { additionalProperties: false } as const;
const HhMm = Type.String({ maxLength: 5 });

const Override = Type.Object(
  {
    perActionCents: Type.Optional(Cents),
    dailyCents: Type.Optional(Cents),
    allowIrreversible: Type.Optional(Type.Array(ActionTypeName, { maxItems: 20, uniqueItems: true })),
  },
  strict,
);
const Overrides = Type.Object({ email: Type.Optional(Override), calendar: Type.Optional(Override), finance: Type.Optional(Override) }, strict);
export const QuietHoursBody = Type.Object({ start: HhMm, end: HhMm, timeZone: Type.String({ maxLength: 64 }) }, strict);

const Progression = {
  enabled: Type.Boolean(),
  /** Automatic promotion never goes above this tier. */
  maxAutoTier: Tier,
  promoteAfterApprovals: Type.Integer({ minimum: 1, maximum: 1000 }),
  minApprovalRate: Type.Number({ minimum: 0, maximum: 1 }),
  demoteAfterRejections: Type.Integer({ minimum: 1, maximum: 20 }),
  demoteOnUndo: Type.Boolean(),
  newDomainApprovals: Type.Integer({ minimum: 0, maximum: 1000 }),
  // Optional in the document only because settings stored before them lack them; defaults apply.
  scopeMinAnswers: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  scopeMinAccuracy: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  scopeWindowDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
  demoteAfterFailingScopes: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
};

/** PUT /api/users/:userId/settings: a partial document (only the fields to change); nested objects merge. */
export const SettingsPatchBody = Type.Object(
  {
    trustTiers: Type.Optional(Type.Object({ email: Type.Optional(Tier), calendar: Type.Optional(Tier), finance: Type.Optional(Tier) }, strict)),
    spendLimits: Type.Optional(Type.Object({ perActionCents: Type.Optional(Cents), dailyCents: Type.Optional(Cents) }, strict)),
    quietHours: Type.Optional(Type.Union([QuietHoursBody, Type.Null()])),
    blockedDomains: Type.Optional(Type.Array(Type.String({ maxLength: 253 }), { maxItems: 1000 })),
    domainOverrides: Type.Optional(Overrides),
    trustProgression: Type.Optional(Type.Partial(Type.Object(Progression, strict))),
    /** Also put the daily briefing in the user's Gmail drafts, addressed to themself (off by default). */
    briefingDraft: Type.Optional(Type.Boolean()),
    /** Days without an answer after which a question the user sent becomes a follow-up with a nudge draft. */
    followUpAfterDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
  },
  strict,
);
export type SettingsPatchInput = Static<typeof SettingsPatchBody>;

/** The settings document (the answer of GET and PUT). */
export const SettingsBody = Type.Object({
  trustTiers: Type.Object({ email: Tier, calendar: Tier, finance: Tier }),
  spendLimits: Type.Object({ perActionCents: Cents, dailyCents: Cents }),
  quietHours: Type.Union([QuietHoursBody, Type.Null()]),
  blockedDomains: Type.Array(Type.String()),
  domainOverrides: Overrides,
  trustProgression: Type.Object(Progression),
  // Optional only because a document built before it was stored lacks it; a stored user's always has it.
  followUpAfterDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
});
export type Settings = Static<typeof SettingsBody>;

/** One line per tier, as the settings page shows them beside the tier picker. */
export const TIER_EXPLANATIONS = {
  observer: 'Watches only: records what it would have done, for you to confirm or correct.',
  suggest: 'Acts only with your approval: every action it picks waits for you.',
  low: 'Acts alone on fully reversible, low-risk actions; asks for the rest.',
  moderate: 'Acts alone on reversible or partly reversible actions up to moderate risk; asks for the rest.',
  high: 'Acts alone on everything but critical risk; irreversible actions only where you allowed them.',
} as const;

/** What the trust-progression switches do, one line each. */
export const PROGRESSION_EXPLANATIONS = {
  enabled: 'Let SkyTwin move a domain up one tier after a run of approvals.',
  maxAutoTier: 'The highest tier SkyTwin may reach on its own.',
  promoteAfterApprovals: 'Approvals in a row, without a rejection or undo, needed for one step up.',
  minApprovalRate: 'Share of recent answers that must be approvals before a step up.',
  demoteAfterRejections: 'Undos of actions SkyTwin ran alone, within the window, after which one scope (a sender, or a kind of mail) counts as gone wrong; rejections while it asks are lessons and never count.',
  demoteOnUndo: 'When you undo something others had seen (a sent mail, an answered invitation), that scope asks first again, even over a rule you stated.',
  newDomainApprovals: 'Approvals needed in a new domain before SkyTwin may act there alone, whatever the tier.',
  scopeMinAnswers: 'Answers a scope (a sender, a sender\'s domain, or a kind of mail) needs before SkyTwin may act alone in it.',
  scopeMinAccuracy: 'How often SkyTwin must have been right in a scope, at least, counted conservatively (95 % Wilson lower bound), before it acts alone there.',
  scopeWindowDays: 'Days a rejection or undo counts as recent: a scope asks while it has a recent one, and scopes gone wrong in this window can move the domain down.',
  demoteAfterFailingScopes: 'Scopes gone wrong within the window that move their domain one tier down (0: never).',
} as const;

const TierHelp = Type.Object({ observer: Type.String(), suggest: Type.String(), low: Type.String(), moderate: Type.String(), high: Type.String() });
const ProgressionHelp = Type.Object(Object.fromEntries(Object.keys(Progression).map((key) => [key, Type.String()])) as Record<keyof typeof Progression, ReturnType<typeof Type.String>>);

/** GET and PUT /api/users/:userId/settings: the document plus one line of help per tier and switch. */
export const SettingsViewBody = Type.Composite([
  SettingsBody,
  Type.Object({ briefingDraft: Type.Boolean(), help: Type.Object({ tiers: TierHelp, trustProgression: ProgressionHelp }) }),
]);
export type SettingsView = Static<typeof SettingsViewBody>;
