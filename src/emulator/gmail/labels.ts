import type { FastifyInstance } from 'fastify';
import { GoogleError, googleErrors } from '../errors.js';
import { authenticate, checkUserId, isRecord, SCOPES, type EndpointConfig } from '../http.js';
import type { EmulatorState } from '../state/emulator-state.js';

const gmail = (endpoint: string): { config: EndpointConfig } => ({ config: { endpoint, family: 'gmail' } });
const MESSAGE_VISIBILITY = ['show', 'hide'];
const LABEL_VISIBILITY = ['labelShow', 'labelShowIfUnread', 'labelHide'];

/** labels.list, labels.get, labels.create and users.getProfile. */
export function labelRoutes(app: FastifyInstance, state: EmulatorState): void {
  app.get<{ Params: { userId: string } }>('/gmail/v1/users/:userId/profile', gmail('gmail.users.getProfile'), async (request) => {
    const email = authenticate(state, request, SCOPES.gmailRead);
    checkUserId(request.params.userId, email);
    return state.mailbox(email).profile(email);
  });

  app.get<{ Params: { userId: string } }>('/gmail/v1/users/:userId/labels', gmail('gmail.labels.list'), async (request) => {
    const email = authenticate(state, request, SCOPES.gmailLabelsRead);
    checkUserId(request.params.userId, email);
    return { labels: state.mailbox(email).labels.list() };
  });

  app.get<{ Params: { userId: string; id: string } }>('/gmail/v1/users/:userId/labels/:id', gmail('gmail.labels.get'), async (request) => {
    const email = authenticate(state, request, SCOPES.gmailLabelsRead);
    checkUserId(request.params.userId, email);
    const mailbox = state.mailbox(email);
    const label = mailbox.labels.byId(request.params.id);
    if (!label) throw googleErrors.notFound('gmail');
    return { ...label, ...mailbox.labelCounts(label.id) };
  });

  app.post<{ Params: { userId: string } }>('/gmail/v1/users/:userId/labels', gmail('gmail.labels.create'), async (request) => {
    const email = authenticate(state, request, SCOPES.gmailLabels);
    checkUserId(request.params.userId, email);
    const body: unknown = request.body;
    if (!isRecord(body)) throw googleErrors.parseError();
    if (typeof body.name !== 'string' || body.name.trim() === '') throw new GoogleError(400, 'invalidArgument', 'Invalid label name');
    const { messageListVisibility, labelListVisibility } = body;
    if (messageListVisibility !== undefined && !MESSAGE_VISIBILITY.includes(String(messageListVisibility))) {
      throw googleErrors.invalid('gmail', `Invalid value at 'label.message_list_visibility' (${String(messageListVisibility)})`);
    }
    if (labelListVisibility !== undefined && !LABEL_VISIBILITY.includes(String(labelListVisibility))) {
      throw googleErrors.invalid('gmail', `Invalid value at 'label.label_list_visibility' (${String(labelListVisibility)})`);
    }
    return state.mailbox(email).labels.create({
      name: body.name,
      ...(messageListVisibility !== undefined ? { messageListVisibility: messageListVisibility as 'show' | 'hide' } : {}),
      ...(labelListVisibility !== undefined ? { labelListVisibility: labelListVisibility as 'labelShow' | 'labelShowIfUnread' | 'labelHide' } : {}),
    });
  });
}
