import type { FastifyInstance } from 'fastify';
import { GoogleError, googleErrors } from '../errors.js';
import { authenticate, checkUserId, isRecord, queryInt, queryString, SCOPES, type EndpointConfig } from '../http.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { messageResource, pageStart, pageTokenAfter } from './resource.js';
import { readFormat } from './messages.js';
import { readRawMessage } from './send.js';

type DraftParams = { userId: string; id: string };
const gmail = (endpoint: string): { config: EndpointConfig } => ({ config: { endpoint, family: 'gmail' } });

export function draftRoutes(app: FastifyInstance, state: EmulatorState): void {
  app.post<{ Params: { userId: string } }>('/gmail/v1/users/:userId/drafts', gmail('gmail.drafts.create'), async (request) => {
    const email = authenticate(state, request, SCOPES.gmailDrafts);
    checkUserId(request.params.userId, email);
    const body: unknown = request.body;
    if (!isRecord(body)) throw googleErrors.parseError();
    if (!isRecord(body.message)) throw new GoogleError(400, 'invalidArgument', 'Missing draft message');
    const created = state.mailbox(email).createDraft({ ...readRawMessage(body.message), internalDate: state.clock.now().getTime() });
    return { id: created.draft.id, message: { id: created.message.id, threadId: created.message.threadId, labelIds: [...created.message.labelIds] } };
  });

  app.get<{ Params: { userId: string } }>('/gmail/v1/users/:userId/drafts', gmail('gmail.drafts.list'), async (request) => {
    const email = authenticate(state, request, SCOPES.gmailDrafts);
    checkUserId(request.params.userId, email);
    const maxResults = queryInt(request, 'maxResults', { family: 'gmail', fallback: 100, min: 1, max: 500, clamp: true });
    const found = state.mailbox(email).listDrafts(queryString(request, 'q'), state.clock.now().getTime());
    const start = pageStart(
      found.map((f) => f.message),
      queryString(request, 'pageToken'),
    );
    if (start === null) throw googleErrors.invalid('gmail', 'Invalid pageToken', 'pageToken');
    const page = found.slice(start, start + maxResults);
    const body: Record<string, unknown> = {};
    if (page.length > 0) body.drafts = page.map(({ draft, message }) => ({ id: draft.id, message: { id: message.id, threadId: message.threadId } }));
    const last = page.at(-1);
    if (last && start + page.length < found.length) body.nextPageToken = pageTokenAfter(last.message);
    body.resultSizeEstimate = found.length;
    return body;
  });

  app.get<{ Params: DraftParams }>('/gmail/v1/users/:userId/drafts/:id', gmail('gmail.drafts.get'), async (request) => {
    const email = authenticate(state, request, SCOPES.gmailDrafts);
    checkUserId(request.params.userId, email);
    const { draft, message } = state.mailbox(email).getDraft(request.params.id);
    return { id: draft.id, message: messageResource(message, readFormat(queryString(request, 'format'))) };
  });

  app.delete<{ Params: DraftParams }>('/gmail/v1/users/:userId/drafts/:id', gmail('gmail.drafts.delete'), async (request, reply) => {
    const email = authenticate(state, request, SCOPES.gmailDrafts);
    checkUserId(request.params.userId, email);
    state.mailbox(email).deleteDraft(request.params.id);
    return reply.status(204).send();
  });
}
