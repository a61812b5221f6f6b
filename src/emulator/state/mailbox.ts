import { googleErrors, GoogleError } from '../errors.js';
import type { Random } from '../random.js';
import { HistoryLog, type HistoryRecord, type HistorySnapshot } from './history.js';
import { FIXED_LABELS, LabelStore, type LabelsSnapshot } from './labels.js';
import { parseMailQuery } from './mail-query.js';
import { referencedIds, storeMessage, type StoredMessage } from './message.js';

export interface Draft {
  id: string;
  messageId: string;
}

export interface MailSearch {
  q?: string;
  labelIds?: string[];
  includeSpamTrash?: boolean;
}

/** A mailbox as the state file keeps it: messages as their raw bytes (base64), the rest as is. */
export interface MailboxSnapshot {
  messages: { id: string; threadId: string; labelIds: string[]; raw: string; internalDate: number; historyId: number; seq: number }[];
  drafts: Draft[];
  seq: number;
  labels: LabelsSnapshot;
  history: HistorySnapshot;
}

const newestFirst = (a: StoredMessage, b: StoredMessage): number => b.internalDate - a.internalDate || b.seq - a.seq;

/** One account's Gmail: messages, threads, labels, drafts and the history log that records every change. */
export class Mailbox {
  readonly labels = new LabelStore();
  readonly history: HistoryLog;
  private readonly messages = new Map<string, StoredMessage>();
  private readonly drafts = new Map<string, Draft>();
  private seq = 0;

  constructor(
    private readonly ids: Random,
    /** The first history id, or a log restored from the state file. */
    history: number | HistoryLog,
    retention: number,
  ) {
    this.history = typeof history === 'number' ? new HistoryLog(history, retention) : history;
  }

  snapshot(): MailboxSnapshot {
    return {
      messages: [...this.messages.values()].map((m) => ({
        id: m.id,
        threadId: m.threadId,
        labelIds: [...m.labelIds],
        raw: m.raw.toString('base64'),
        internalDate: m.internalDate,
        historyId: m.historyId,
        seq: m.seq,
      })),
      drafts: [...this.drafts.values()].map((draft) => ({ ...draft })),
      seq: this.seq,
      labels: this.labels.snapshot(),
      history: this.history.snapshot(),
    };
  }

  /** A mailbox as it was saved; messages are parsed again from their bytes. */
  static restore(snapshot: MailboxSnapshot, ids: Random, retention: number): Mailbox {
    const mailbox = new Mailbox(ids, HistoryLog.restore(snapshot.history, retention), retention);
    mailbox.labels.restore(snapshot.labels);
    for (const saved of snapshot.messages) {
      const { historyId, raw, ...rest } = saved;
      const message = storeMessage({ ...rest, labelIds: [...rest.labelIds], raw: Buffer.from(raw, 'base64') });
      message.historyId = historyId;
      mailbox.messages.set(message.id, message);
    }
    for (const draft of snapshot.drafts) mailbox.drafts.set(draft.id, { ...draft });
    mailbox.seq = snapshot.seq;
    return mailbox;
  }

  /** Gmail ids carry the arrival time in their high bits; the low 20 bits are random. */
  private newMessageId(internalDate: number): string {
    for (;;) {
      const value = ((BigInt(Math.max(0, Math.floor(internalDate))) << 20n) | BigInt(this.ids.int(1 << 20))) & 0xffffffffffffffffn;
      const id = value.toString(16).padStart(16, '0');
      if (!this.messages.has(id)) return id;
    }
  }

  private threadFor(message: { threadId?: string; references: string[] }): string | null {
    if (message.threadId !== undefined && [...this.messages.values()].some((m) => m.threadId === message.threadId)) return message.threadId;
    if (message.references.length === 0) return null;
    const parent = [...this.messages.values()].find((m) => message.references.includes(m.rfc822MessageId));
    return parent?.threadId ?? null;
  }

  private record(message: StoredMessage, change: Partial<Omit<HistoryRecord, 'id' | 'message'>>): void {
    const entry = this.history.append({
      message: { id: message.id, threadId: message.threadId, labelIds: [...message.labelIds] },
      added: change.added ?? false,
      deleted: change.deleted ?? false,
      labelsAdded: change.labelsAdded ?? [],
      labelsRemoved: change.labelsRemoved ?? [],
    });
    message.historyId = entry.id;
  }

  /** Stores a message and records messageAdded. Labels are ids (callers resolve names first). */
  insert(input: { raw: Buffer; labelIds: string[]; internalDate: number; threadId?: string }): StoredMessage {
    const id = this.newMessageId(input.internalDate);
    this.seq += 1;
    const message = storeMessage({ id, threadId: id, labelIds: [...new Set(input.labelIds)], raw: input.raw, internalDate: input.internalDate, seq: this.seq });
    const threadId = this.threadFor({ ...(input.threadId !== undefined ? { threadId: input.threadId } : {}), references: referencedIds(message.root) });
    if (threadId !== null) message.threadId = threadId;
    this.messages.set(id, message);
    this.record(message, { added: true });
    return message;
  }

  find(id: string): StoredMessage | undefined {
    return this.messages.get(id);
  }

  get(id: string): StoredMessage {
    if (!/^[0-9a-f]{1,24}$/i.test(id)) throw new GoogleError(400, 'invalidArgument', 'Invalid id value');
    const found = this.messages.get(id);
    if (!found) throw googleErrors.notFound('gmail');
    return found;
  }

  /** Adds and removes labels; records only what changed, so a repeat is a no-op with the same end state. */
  modify(id: string, add: readonly string[], remove: readonly string[]): StoredMessage {
    const message = this.get(id);
    for (const labelId of [...add, ...remove]) {
      if (!this.labels.byId(labelId)) throw new GoogleError(400, 'invalidArgument', `Invalid label: ${labelId}`);
    }
    const fixed = add.find((labelId) => FIXED_LABELS.has(labelId)) ?? remove.find((labelId) => FIXED_LABELS.has(labelId));
    if (fixed !== undefined) throw new GoogleError(400, 'invalidArgument', `Invalid label: ${fixed}`);
    const added = [...new Set(add)].filter((labelId) => !message.labelIds.includes(labelId) && !remove.includes(labelId));
    const removed = [...new Set(remove)].filter((labelId) => message.labelIds.includes(labelId));
    if (added.length === 0 && removed.length === 0) return message;
    message.labelIds = [...message.labelIds.filter((labelId) => !removed.includes(labelId)), ...added];
    this.record(message, { labelsAdded: added, labelsRemoved: removed });
    return message;
  }

  /** Permanent deletion: the message is gone and messageDeleted is recorded. */
  remove(id: string): void {
    const message = this.get(id);
    this.messages.delete(id);
    for (const [draftId, draft] of this.drafts) if (draft.messageId === id) this.drafts.delete(draftId);
    this.record(message, { deleted: true });
  }

  /** Messages matching a Gmail search, newest first; spam and trash only when asked for. */
  search(search: MailSearch, now: number): StoredMessage[] {
    const query = parseMailQuery(search.q ?? '', now, this.labels);
    const labelIds = search.labelIds ?? [];
    const reachSpamTrash = search.includeSpamTrash === true || query.reachesSpamTrash || labelIds.some((l) => l === 'SPAM' || l === 'TRASH');
    return [...this.messages.values()]
      .filter((m) => reachSpamTrash || !m.labelIds.some((l) => l === 'SPAM' || l === 'TRASH'))
      .filter((m) => labelIds.every((labelId) => m.labelIds.includes(labelId)))
      .filter(query.matches)
      .sort(newestFirst);
  }

  profile(email: string): { emailAddress: string; messagesTotal: number; threadsTotal: number; historyId: string } {
    const all = [...this.messages.values()];
    return {
      emailAddress: email,
      messagesTotal: all.length,
      threadsTotal: new Set(all.map((m) => m.threadId)).size,
      historyId: String(this.history.current),
    };
  }

  labelCounts(labelId: string): { messagesTotal: number; messagesUnread: number; threadsTotal: number; threadsUnread: number } {
    const tagged = [...this.messages.values()].filter((m) => m.labelIds.includes(labelId));
    const unread = tagged.filter((m) => m.labelIds.includes('UNREAD'));
    return {
      messagesTotal: tagged.length,
      messagesUnread: unread.length,
      threadsTotal: new Set(tagged.map((m) => m.threadId)).size,
      threadsUnread: new Set(unread.map((m) => m.threadId)).size,
    };
  }

  createDraft(input: { raw: Buffer; internalDate: number; threadId?: string }): { draft: Draft; message: StoredMessage } {
    const message = this.insert({ ...input, labelIds: ['DRAFT'] });
    let id: string;
    do id = `r${this.ids.int(2) === 0 ? '-' : ''}${this.ids.digits(19).replace(/^0/, '1')}`;
    while (this.drafts.has(id));
    const draft = { id, messageId: message.id };
    this.drafts.set(id, draft);
    return { draft, message };
  }

  /** Drafts newest first, optionally narrowed by a search over their messages. */
  listDrafts(q: string | undefined, now: number): { draft: Draft; message: StoredMessage }[] {
    const query = parseMailQuery(q ?? '', now, this.labels);
    return [...this.drafts.values()]
      .map((draft) => ({ draft, message: this.get(draft.messageId) }))
      .filter(({ message }) => query.matches(message))
      .sort((a, b) => newestFirst(a.message, b.message));
  }

  getDraft(id: string): { draft: Draft; message: StoredMessage } {
    const draft = this.drafts.get(id);
    if (!draft) throw googleErrors.notFound('gmail');
    return { draft, message: this.get(draft.messageId) };
  }

  /** A thread's messages, oldest first; 404 when there is none. */
  thread(threadId: string): StoredMessage[] {
    const found = [...this.messages.values()].filter((m) => m.threadId === threadId).sort((a, b) => a.internalDate - b.internalDate || a.seq - b.seq);
    if (found.length === 0) throw googleErrors.notFound('gmail');
    return found;
  }

  /** Stores a message as sent: SENT label, messageAdded recorded. */
  send(input: { raw: Buffer; internalDate: number; threadId?: string }): StoredMessage {
    return this.insert({ ...input, labelIds: ['SENT'] });
  }

  /** Sends a draft: its message keeps its id, loses DRAFT and gains SENT; the draft is gone. */
  sendDraft(id: string): StoredMessage {
    const { draft, message } = this.getDraft(id);
    this.drafts.delete(draft.id);
    message.labelIds = [...message.labelIds.filter((l) => l !== 'DRAFT'), 'SENT'];
    this.record(message, { labelsAdded: ['SENT'], labelsRemoved: ['DRAFT'] });
    return message;
  }

  deleteDraft(id: string): void {
    const { draft } = this.getDraft(id);
    this.remove(draft.messageId);
  }
}
