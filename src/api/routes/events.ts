import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IngestAnswerBody, SentMailAnswerBody, type IngestAnswer, type SentMailAnswer } from '../../contract/index.js';
import { ingestSignals, recordSentMail } from '../../services/index.js';
import { errors } from '../../errors/index.js';
import { scopeOf, type AppDeps } from '../context.js';
import { withErrors } from '../schemas.js';
import { parseSignals } from '../signal-validation.js';

export function eventRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();
    // The body is checked by parseSignals against the contract's IngestRequestBody, signal by
    // signal, so each problem names its signal and field.
    app.post(
      '/api/events/ingest',
      { config: { audience: 'user' }, bodyLimit: 8 * 1024 * 1024, schema: { response: withErrors({ 200: IngestAnswerBody }) } },
      async (request): Promise<IngestAnswer> => {
        const signals = parseSignals(request.body);
        const scope = scopeOf(request);
        const foreign = scope === null ? undefined : signals.find((signal) => signal.userId !== scope);
        if (foreign) throw errors.notFound('user', foreign.userId);
        return { results: await ingestSignals(deps.services, signals) };
      },
    );
    // The user's sent mail, in the ingest body's shape: read for questions awaiting an answer, never decided.
    app.post(
      '/api/events/sent-mail',
      { config: { audience: 'user' }, bodyLimit: 8 * 1024 * 1024, schema: { response: withErrors({ 200: SentMailAnswerBody }) } },
      async (request): Promise<SentMailAnswer> => {
        const signals = parseSignals(request.body);
        const scope = scopeOf(request);
        const foreign = scope === null ? undefined : signals.find((signal) => signal.userId !== scope);
        if (foreign) throw errors.notFound('user', foreign.userId);
        return { results: await recordSentMail(deps.services, signals) };
      },
    );
  };
}
