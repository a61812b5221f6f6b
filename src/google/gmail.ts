import { HistoryExpiredError } from './errors.js';
import { segment, type GoogleTransport } from './transport.js';
import type {
  Draft,
  DraftList,
  GmailProfile,
  HistoryList,
  HistoryType,
  Label,
  LabelList,
  Message,
  MessageFormat,
  MessageList,
  ModifyMessageRequest,
  NewDraft,
  NewLabel,
} from './types.js';

export interface ListMessagesParams {
  q?: string;
  labelIds?: string[];
  maxResults?: number;
  pageToken?: string;
}

export interface GetMessageParams {
  format?: MessageFormat;
  /** With format=metadata: the only headers returned. */
  metadataHeaders?: string[];
}

export interface ListHistoryParams {
  startHistoryId: string;
  historyTypes?: HistoryType[];
  labelId?: string;
  maxResults?: number;
  pageToken?: string;
}

export interface ListDraftsParams {
  q?: string;
  maxResults?: number;
  pageToken?: string;
}

export interface GmailApi {
  getProfile(): Promise<GmailProfile>;
  messages: {
    list(params?: ListMessagesParams): Promise<MessageList>;
    get(id: string, params?: GetMessageParams): Promise<Message>;
    /** Same end state however often it runs, so it is retried like a read. */
    modify(id: string, change: ModifyMessageRequest): Promise<Message>;
  };
  history: {
    /** Throws HistoryExpiredError when Gmail no longer has history from startHistoryId. */
    list(params: ListHistoryParams): Promise<HistoryList>;
  };
  drafts: {
    /**
     * Retried only when Google refused it (429, 403 rate limit). After a timeout, dropped
     * connection or 5xx the draft may exist: the caller looks it up before creating another.
     */
    create(draft: NewDraft): Promise<Draft>;
    list(params?: ListDraftsParams): Promise<DraftList>;
    get(id: string, params?: { format?: MessageFormat }): Promise<Draft>;
    /** A 404 on a repeat attempt counts as deleted: an earlier attempt got there first. */
    delete(id: string): Promise<void>;
  };
  labels: {
    list(): Promise<LabelList>;
    /** Retried only when Google refused it, like drafts.create; reconcile with labels.list. */
    create(label: NewLabel): Promise<Label>;
  };
}

const USER = '/gmail/v1/users/me';

export function gmailApi(transport: GoogleTransport): GmailApi {
  return {
    getProfile: () => transport.request({ operation: 'gmail.getProfile', method: 'GET', path: `${USER}/profile`, retry: 'transient' }),
    messages: {
      list: (params = {}) =>
        transport.request({
          operation: 'gmail.messages.list',
          method: 'GET',
          path: `${USER}/messages`,
          query: { q: params.q, labelIds: params.labelIds, maxResults: params.maxResults, pageToken: params.pageToken },
          retry: 'transient',
        }),
      get: (id, params = {}) =>
        transport.request({
          operation: 'gmail.messages.get',
          method: 'GET',
          path: `${USER}/messages/${segment(id)}`,
          query: { format: params.format, metadataHeaders: params.metadataHeaders },
          retry: 'transient',
        }),
      modify: (id, change) =>
        transport.request({
          operation: 'gmail.messages.modify',
          method: 'POST',
          path: `${USER}/messages/${segment(id)}/modify`,
          body: change,
          retry: 'transient',
        }),
    },
    history: {
      list: (params) =>
        transport.request({
          operation: 'gmail.history.list',
          method: 'GET',
          path: `${USER}/history`,
          query: {
            startHistoryId: params.startHistoryId,
            historyTypes: params.historyTypes,
            labelId: params.labelId,
            maxResults: params.maxResults,
            pageToken: params.pageToken,
          },
          retry: 'transient',
          special: (status, reason) =>
            status === 404
              ? new HistoryExpiredError(
                  { operation: 'gmail.history.list', status, reason },
                  `gmail.history.list: Gmail no longer has history from historyId ${params.startHistoryId}; resync the mailbox in full`,
                )
              : null,
        }),
    },
    drafts: {
      create: (draft) =>
        transport.request({
          operation: 'gmail.drafts.create',
          method: 'POST',
          path: `${USER}/drafts`,
          body: { message: draft.threadId === undefined ? { raw: draft.raw } : { raw: draft.raw, threadId: draft.threadId } },
          retry: 'rate_limited',
        }),
      list: (params = {}) =>
        transport.request({
          operation: 'gmail.drafts.list',
          method: 'GET',
          path: `${USER}/drafts`,
          query: { q: params.q, maxResults: params.maxResults, pageToken: params.pageToken },
          retry: 'transient',
        }),
      get: (id, params = {}) =>
        transport.request({
          operation: 'gmail.drafts.get',
          method: 'GET',
          path: `${USER}/drafts/${segment(id)}`,
          query: { format: params.format },
          retry: 'transient',
        }),
      delete: (id) =>
        transport.request({
          operation: 'gmail.drafts.delete',
          method: 'DELETE',
          path: `${USER}/drafts/${segment(id)}`,
          retry: 'transient',
          notFoundOnRetryIsDone: true,
        }),
    },
    labels: {
      list: () => transport.request({ operation: 'gmail.labels.list', method: 'GET', path: `${USER}/labels`, retry: 'transient' }),
      create: (label) =>
        transport.request({ operation: 'gmail.labels.create', method: 'POST', path: `${USER}/labels`, body: label, retry: 'rate_limited' }),
    },
  };
}
