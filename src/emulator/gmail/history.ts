import type { FastifyInstance } from 'fastify';
import { googleErrors } from '../errors.js';
import { authenticate, checkUserId, queryInt, queryList, queryString, SCOPES, type EndpointConfig } from '../http.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { HISTORY_TYPES, type HistoryRecord, type HistoryType } from '../state/history.js';

function typesOf(record: HistoryRecord): HistoryType[] {
  const types: HistoryType[] = [];
  if (record.added) types.push('messageAdded');
  if (record.deleted) types.push('messageDeleted');
  if (record.labelsAdded.length > 0) types.push('labelAdded');
  if (record.labelsRemoved.length > 0) types.push('labelRemoved');
  return types;
}

/** One history record in Gmail's shape, keeping only the change types asked for. */
function historyEntry(record: HistoryRecord, wanted: readonly HistoryType[]): Record<string, unknown> {
  const { id, threadId, labelIds } = record.message;
  const entry: Record<string, unknown> = { id: String(record.id), messages: [{ id, threadId }] };
  const message = { id, threadId, labelIds: [...labelIds] };
  if (record.added && wanted.includes('messageAdded')) entry.messagesAdded = [{ message }];
  if (record.deleted && wanted.includes('messageDeleted')) entry.messagesDeleted = [{ message }];
  if (record.labelsAdded.length > 0 && wanted.includes('labelAdded')) entry.labelsAdded = [{ message, labelIds: [...record.labelsAdded] }];
  if (record.labelsRemoved.length > 0 && wanted.includes('labelRemoved')) entry.labelsRemoved = [{ message, labelIds: [...record.labelsRemoved] }];
  return entry;
}

export function historyRoutes(app: FastifyInstance, state: EmulatorState): void {
  const config: EndpointConfig = { endpoint: 'gmail.history.list', family: 'gmail' };
  app.get<{ Params: { userId: string } }>('/gmail/v1/users/:userId/history', { config }, async (request) => {
    const email = authenticate(state, request, SCOPES.gmailRead);
    checkUserId(request.params.userId, email);
    const startText = queryString(request, 'startHistoryId');
    if (startText === undefined || startText === '') throw googleErrors.invalid('gmail', 'Missing required parameter: startHistoryId', 'startHistoryId');
    if (!/^\d+$/.test(startText)) throw googleErrors.invalid('gmail', 'Invalid startHistoryId', 'startHistoryId');
    const types = queryList(request, 'historyTypes');
    for (const type of types) {
      if (!HISTORY_TYPES.includes(type as HistoryType)) throw googleErrors.invalid('gmail', `Invalid value at 'history_types' (${type})`, 'historyTypes');
    }
    const wanted = types.length > 0 ? (types as HistoryType[]) : HISTORY_TYPES;
    const labelId = queryString(request, 'labelId');
    const maxResults = queryInt(request, 'maxResults', { family: 'gmail', fallback: 100, min: 1, max: 500, clamp: true });
    const pageToken = queryString(request, 'pageToken');
    if (pageToken !== undefined && !/^\d+$/.test(pageToken)) throw googleErrors.invalid('gmail', 'Invalid pageToken', 'pageToken');

    const mailbox = state.mailbox(email);
    const records = mailbox.history.since(Number(startText));
    if (records === null) throw googleErrors.notFound('gmail');
    const after = pageToken !== undefined ? Number(pageToken) : 0;
    const matching = records.filter(
      (r) =>
        r.id > after &&
        typesOf(r).some((t) => wanted.includes(t)) &&
        (labelId === undefined || r.message.labelIds.includes(labelId) || r.labelsAdded.includes(labelId) || r.labelsRemoved.includes(labelId)),
    );
    const page = matching.slice(0, maxResults);
    const body: Record<string, unknown> = {};
    if (page.length > 0) body.history = page.map((r) => historyEntry(r, wanted));
    const last = page.at(-1);
    if (last && matching.length > page.length) body.nextPageToken = String(last.id);
    body.historyId = String(mailbox.history.current);
    return body;
  });
}
