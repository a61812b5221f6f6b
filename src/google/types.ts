/**
 * Wire types for the parts of Gmail v1 and Calendar v3 SkyTwin reads and writes, as Google sends
 * them: 64-bit numbers (historyId, internalDate) are decimal strings, and Gmail leaves out empty
 * lists, so list fields are optional.
 */

// ── Gmail ────────────────────────────────────────────────────────────────────

export interface GmailProfile {
  emailAddress: string;
  messagesTotal?: number;
  threadsTotal?: number;
  historyId: string;
}

export interface MessagePartHeader {
  name: string;
  value: string;
}

export interface MessagePartBody {
  attachmentId?: string;
  size: number;
  /** base64url; absent when the part is an attachment fetched separately. */
  data?: string;
}

export interface MessagePart {
  partId?: string;
  mimeType?: string;
  filename?: string;
  headers?: MessagePartHeader[];
  body?: MessagePartBody;
  parts?: MessagePart[];
}

export interface Message {
  id: string;
  threadId: string;
  labelIds?: string[];
  snippet?: string;
  historyId?: string;
  /** Milliseconds since the epoch, as a decimal string. */
  internalDate?: string;
  payload?: MessagePart;
  sizeEstimate?: number;
  /** base64url RFC 2822 message; only with format=raw. */
  raw?: string;
}

export interface MessageRef {
  id: string;
  threadId: string;
}

export type MessageFormat = 'minimal' | 'full' | 'raw' | 'metadata';

export interface MessageList {
  messages?: MessageRef[];
  nextPageToken?: string;
  resultSizeEstimate?: number;
}

export type HistoryType = 'messageAdded' | 'messageDeleted' | 'labelAdded' | 'labelRemoved';

export interface HistoryMessageChange {
  message: Message;
}

export interface HistoryLabelChange {
  message: Message;
  labelIds: string[];
}

export interface History {
  id: string;
  messages?: MessageRef[];
  messagesAdded?: HistoryMessageChange[];
  messagesDeleted?: HistoryMessageChange[];
  labelsAdded?: HistoryLabelChange[];
  labelsRemoved?: HistoryLabelChange[];
}

export interface HistoryList {
  history?: History[];
  nextPageToken?: string;
  /** The mailbox's current history id: the cursor to store once every page is handled. */
  historyId: string;
}

export interface ModifyMessageRequest {
  addLabelIds?: string[];
  removeLabelIds?: string[];
}

export interface Draft {
  id: string;
  message: Message;
}

export interface DraftList {
  drafts?: Draft[];
  nextPageToken?: string;
  resultSizeEstimate?: number;
}

export interface NewDraft {
  /** The whole RFC 2822 message, base64url-encoded. */
  raw: string;
  threadId?: string;
}

export interface LabelColor {
  textColor?: string;
  backgroundColor?: string;
}

export interface Label {
  id: string;
  name: string;
  type?: 'system' | 'user';
  messageListVisibility?: 'show' | 'hide';
  labelListVisibility?: 'labelShow' | 'labelShowIfUnread' | 'labelHide';
  messagesTotal?: number;
  messagesUnread?: number;
  threadsTotal?: number;
  threadsUnread?: number;
  color?: LabelColor;
}

export interface LabelList {
  labels?: Label[];
}

export interface NewLabel {
  name: string;
  messageListVisibility?: 'show' | 'hide';
  labelListVisibility?: 'labelShow' | 'labelShowIfUnread' | 'labelHide';
  color?: LabelColor;
}

// ── Calendar ─────────────────────────────────────────────────────────────────

export interface EventDateTime {
  /** All-day events: yyyy-mm-dd. */
  date?: string;
  /** RFC 3339 with offset, unless timeZone is given. */
  dateTime?: string;
  timeZone?: string;
}

export interface EventPerson {
  id?: string;
  email?: string;
  displayName?: string;
  self?: boolean;
}

export type AttendeeResponse = 'needsAction' | 'declined' | 'tentative' | 'accepted';

export interface EventAttendee extends EventPerson {
  organizer?: boolean;
  resource?: boolean;
  optional?: boolean;
  responseStatus?: AttendeeResponse;
  comment?: string;
  additionalGuests?: number;
}

export interface CalendarEvent {
  id: string;
  status?: 'confirmed' | 'tentative' | 'cancelled';
  htmlLink?: string;
  created?: string;
  updated?: string;
  summary?: string;
  description?: string;
  location?: string;
  creator?: EventPerson;
  organizer?: EventPerson;
  start?: EventDateTime;
  end?: EventDateTime;
  endTimeUnspecified?: boolean;
  recurrence?: string[];
  recurringEventId?: string;
  originalStartTime?: EventDateTime;
  transparency?: 'opaque' | 'transparent';
  visibility?: 'default' | 'public' | 'private' | 'confidential';
  iCalUID?: string;
  sequence?: number;
  attendees?: EventAttendee[];
  attendeesOmitted?: boolean;
  hangoutLink?: string;
  eventType?: string;
  extendedProperties?: { private?: Record<string, string>; shared?: Record<string, string> };
}

/** The fields events.patch may change; attendees replaces the whole list. */
export type CalendarEventPatch = Partial<Omit<CalendarEvent, 'id' | 'created' | 'updated' | 'htmlLink' | 'creator'>>;

export type SendUpdates = 'all' | 'externalOnly' | 'none';

export interface CalendarEventList {
  summary?: string;
  updated?: string;
  timeZone?: string;
  accessRole?: string;
  items?: CalendarEvent[];
  nextPageToken?: string;
  /** Present on the last page only. */
  nextSyncToken?: string;
}

export type CalendarAccessRole = 'freeBusyReader' | 'reader' | 'writer' | 'owner';

export interface CalendarListEntry {
  id: string;
  summary?: string;
  summaryOverride?: string;
  description?: string;
  timeZone?: string;
  accessRole?: CalendarAccessRole;
  primary?: boolean;
  selected?: boolean;
  hidden?: boolean;
  deleted?: boolean;
  backgroundColor?: string;
  foregroundColor?: string;
}

export interface CalendarList {
  items?: CalendarListEntry[];
  nextPageToken?: string;
  nextSyncToken?: string;
}
