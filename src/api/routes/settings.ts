import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { PROGRESSION_EXPLANATIONS, SettingsPatchBody, SettingsViewBody, TIER_EXPLANATIONS, UserParams, withErrors, type SettingsView } from '../../contract/index.js';
import type { AutonomySettings } from '../../domain/index.js';
import { errors } from '../../errors/index.js';
import { updateSettings } from '../../services/index.js';
import { findUser, loadSettings, wantsBriefingDraft } from '../../store/index.js';
import { assertCanSee, type AppDeps } from '../context.js';

/** The settings document with one line of help per tier and progression switch, for the settings page. */
function settingsView(settings: AutonomySettings, briefingDraft: boolean): SettingsView {
  return { ...settings, briefingDraft, help: { tiers: { ...TIER_EXPLANATIONS }, trustProgression: { ...PROGRESSION_EXPLANATIONS } } };
}

export function settingsRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    app.get('/api/users/:userId/settings', { config: { audience: 'user' }, schema: { params: UserParams, response: withErrors({ 200: SettingsViewBody }) } }, async (request) => {
      assertCanSee(request, request.params.userId);
      if (!(await findUser(deps.services.db, request.params.userId))) throw errors.notFound('user', request.params.userId);
      return settingsView(await loadSettings(deps.services.db, request.params.userId), await wantsBriefingDraft(deps.services.db, request.params.userId));
    });
    app.put(
      '/api/users/:userId/settings',
      { config: { audience: 'user' }, schema: { params: UserParams, body: SettingsPatchBody, response: withErrors({ 200: SettingsViewBody }) } },
      async (request) => {
        assertCanSee(request, request.params.userId);
        const saved = await updateSettings(deps.services, request.params.userId, request.body);
        return settingsView(saved, await wantsBriefingDraft(deps.services.db, request.params.userId));
      },
    );
  };
}
