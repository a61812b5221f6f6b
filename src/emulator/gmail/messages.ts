import type { FastifyInstance } from 'fastify';
import { GoogleError, googleErrors } from '../errors.js';
import { authenticate, checkUserId, isRecord, queryBool, queryInt, queryList, queryString, SCOPES, type EndpointConfig } from '../http.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { findPart, MESSAGE_FORMATS, messageResource, pageStart, pageTokenAfter, partOfAttachmentId, type MessageFormat } from './resource.js';

type UserParams = { userId: string };
type MessageParams = { userId: string; id: string };
const gmail = (endpoint: string): { config: EndpointConfig } => ({ config: { endpoint, family: 'gmail' } });

export function readFormat(value: string | undefined): MessageFormat {
  if (value === undefined) return 'full';
  if (!MESSAGE_FORMATS.includes(value as MessageFormat)) throw googleErrors.invalid('gmail', `Invalid value at 'format' (${value})`, 'format');
  return value as MessageFormat;
}

function stringList(value: unknown, name: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw googleErrors.invalid('gmail', `Invalid value for ${name}`);
  return value as string[];
}

export function messageRoutes(app: FastifyInstance, state: EmulatorState): void {
  app.get<{ Params: UserParams }>('/gmail/v1/users/:userId/messages', gmail('gmail.messages.list'), async (request) => {
    const email = authenticate(state, request, SCOPES.gmailRead);
    checkUserId(request.params.userId, email);
    const mailbox = state.mailbox(email);
    const maxResults = queryInt(request, 'maxResults', { family: 'gmail', fallback: 100, min: 1, max: 500, clamp: true });
    const q = queryString(request, 'q');
    const found = mailbox.search(
      { labelIds: queryList(request, 'labelIds'), includeSpamTrash: queryBool(request, 'includeSpamTrash', 'gmail'), ...(q !== undefined ? { q } : {}) },
      state.clock.now().getTime(),
    );
    const start = pageStart(found, queryString(request, 'pageToken'));
    if (start === null) throw googleErrors.invalid('gmail', 'Invalid pageToken', 'pageToken');
    const page = found.slice(start, start + maxResults);
    const body: Record<string, unknown> = {};
    if (page.length > 0) body.messages = page.map((m) => ({ id: m.id, threadId: m.threadId }));
    const last = page.at(-1);
    if (last && start + page.length < found.length) body.nextPageToken = pageTokenAfter(last);
    body.resultSizeEstimate = found.length;
    return body;
  });

  app.get<{ Params: MessageParams }>('/gmail/v1/users/:userId/messages/:id', gmail('gmail.messages.get'), async (request) => {
    const email = authenticate(state, request, SCOPES.gmailRead);
    checkUserId(request.params.userId, email);
    const format = readFormat(queryString(request, 'format'));
    const message = state.mailbox(email).get(request.params.id);
    return messageResource(message, format, queryList(request, 'metadataHeaders'));
  });

  app.post<{ Params: MessageParams }>('/gmail/v1/users/:userId/messages/:id/modify', gmail('gmail.messages.modify'), async (request) => {
    const email = authenticate(state, request, SCOPES.gmailModify);
    checkUserId(request.params.userId, email);
    const body: unknown = request.body ?? {};
    if (!isRecord(body)) throw googleErrors.parseError();
    const add = stringList(body.addLabelIds, 'addLabelIds');
    const remove = stringList(body.removeLabelIds, 'removeLabelIds');
    if (add.length === 0 && remove.length === 0) throw new GoogleError(400, 'invalidArgument', 'No label add or removes specified');
    const message = state.mailbox(email).modify(request.params.id, add, remove);
    return { id: message.id, threadId: message.threadId, labelIds: [...message.labelIds] };
  });

  app.get<{ Params: MessageParams & { attachmentId: string } }>(
    '/gmail/v1/users/:userId/messages/:id/attachments/:attachmentId',
    gmail('gmail.messages.attachments.get'),
    async (request) => {
      const email = authenticate(state, request, SCOPES.gmailRead);
      checkUserId(request.params.userId, email);
      const message = state.mailbox(email).get(request.params.id);
      const ref = partOfAttachmentId(request.params.attachmentId);
      const part = ref && ref.messageId === message.id ? findPart(message.root, ref.partId) : null;
      if (!part || part.filename === '') throw new GoogleError(400, 'invalidArgument', 'Invalid attachment token');
      return { size: part.body.length, data: part.body.toString('base64url') };
    },
  );
}
