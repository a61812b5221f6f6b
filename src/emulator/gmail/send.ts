import type { FastifyInstance } from 'fastify';
import { GoogleError, googleErrors } from '../errors.js';
import { authenticate, checkUserId, isRecord, queryString, SCOPES, type EndpointConfig } from '../http.js';
import { fromBase64Any } from '../mime/index.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { readFormat } from './messages.js';
import { messageResource } from './resource.js';

const gmail = (endpoint: string): { config: EndpointConfig } => ({ config: { endpoint, family: 'gmail' } });

/** The raw bytes of a Message body ({raw, threadId?}), or 400 as Gmail answers. */
export function readRawMessage(value: unknown): { raw: Buffer; threadId?: string } {
  if (!isRecord(value) || typeof value.raw !== 'string' || value.raw === '') throw new GoogleError(400, 'invalidArgument', "'raw' RFC822 payload message string or uploading message via /upload/* URL required");
  const raw = fromBase64Any(value.raw);
  if (raw === null || raw.length === 0) throw new GoogleError(400, 'invalidArgument', "Invalid value at 'message.raw' (TYPE_BYTES), Base64 decoding failed");
  if (value.threadId !== undefined && typeof value.threadId !== 'string') throw googleErrors.invalid('gmail', 'Invalid threadId');
  return { raw, ...(typeof value.threadId === 'string' ? { threadId: value.threadId } : {}) };
}

/** messages.send, drafts.send and threads.get. */
export function sendRoutes(app: FastifyInstance, state: EmulatorState): void {
  app.post<{ Params: { userId: string } }>('/gmail/v1/users/:userId/messages/send', gmail('gmail.messages.send'), async (request) => {
    const email = authenticate(state, request, SCOPES.gmailSend);
    checkUserId(request.params.userId, email);
    const message = state.mailbox(email).send({ ...readRawMessage(request.body), internalDate: state.clock.now().getTime() });
    return { id: message.id, threadId: message.threadId, labelIds: [...message.labelIds] };
  });

  app.post<{ Params: { userId: string } }>('/gmail/v1/users/:userId/drafts/send', gmail('gmail.drafts.send'), async (request) => {
    const email = authenticate(state, request, SCOPES.gmailSend);
    checkUserId(request.params.userId, email);
    const body: unknown = request.body;
    if (!isRecord(body) || typeof body.id !== 'string') throw new GoogleError(400, 'invalidArgument', 'Invalid draft id');
    const message = state.mailbox(email).sendDraft(body.id);
    return { id: message.id, threadId: message.threadId, labelIds: [...message.labelIds] };
  });

  app.get<{ Params: { userId: string; id: string } }>('/gmail/v1/users/:userId/threads/:id', gmail('gmail.threads.get'), async (request) => {
    const email = authenticate(state, request, SCOPES.gmailRead);
    checkUserId(request.params.userId, email);
    const format = readFormat(queryString(request, 'format'));
    const messages = state.mailbox(email).thread(request.params.id);
    const historyId = Math.max(...messages.map((m) => m.historyId));
    return { id: request.params.id, historyId: String(historyId), messages: messages.map((m) => messageResource(m, format)) };
  });
}
