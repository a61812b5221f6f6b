// Gmail v1 resources as they arrive on the wire (users.messages.get format=full, users.history.list).
// Every field is optional where Google may leave it out, so parsing code has to cope.

export interface GmailHeader {
  name: string;
  value: string;
}

export interface GmailMessagePartBody {
  /** Set instead of `data` when the content has to be fetched separately (attachments, very large parts). */
  attachmentId?: string;
  size?: number;
  /** base64url of the decoded content bytes, in the part's charset. */
  data?: string;
}

export interface GmailMessagePart {
  partId?: string;
  mimeType?: string;
  filename?: string;
  headers?: GmailHeader[];
  body?: GmailMessagePartBody;
  parts?: GmailMessagePart[];
}

export interface GmailMessage {
  id?: string;
  threadId?: string;
  labelIds?: string[];
  snippet?: string;
  historyId?: string;
  /** Epoch milliseconds as a decimal string. */
  internalDate?: string;
  sizeEstimate?: number;
  payload?: GmailMessagePart;
}

/** The minimal message Gmail puts in history records and message lists. */
export interface GmailMessageRef {
  id: string;
  threadId?: string;
  labelIds?: string[];
}

export interface GmailHistoryRecord {
  id: string;
  messages?: GmailMessageRef[];
  messagesAdded?: { message: GmailMessageRef }[];
  messagesDeleted?: { message: GmailMessageRef }[];
  labelsAdded?: { message: GmailMessageRef; labelIds?: string[] }[];
  labelsRemoved?: { message: GmailMessageRef; labelIds?: string[] }[];
}

export interface GmailProfile {
  emailAddress: string;
  historyId: string;
  messagesTotal?: number;
  threadsTotal?: number;
}

export interface GmailMessageList {
  messages?: { id: string; threadId: string }[];
  nextPageToken?: string;
  resultSizeEstimate?: number;
}

export interface GmailHistoryList {
  history?: GmailHistoryRecord[];
  nextPageToken?: string;
  historyId: string;
}
