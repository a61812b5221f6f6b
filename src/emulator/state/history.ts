/** A message as history records show it. */
export interface HistoryMessage {
  id: string;
  threadId: string;
  labelIds: string[];
}

export type HistoryType = 'messageAdded' | 'messageDeleted' | 'labelAdded' | 'labelRemoved';
export const HISTORY_TYPES: readonly HistoryType[] = ['messageAdded', 'messageDeleted', 'labelAdded', 'labelRemoved'];

/** One change to one message; a modify that adds and removes labels writes one record with both. */
export interface HistoryRecord {
  id: number;
  message: HistoryMessage;
  added: boolean;
  deleted: boolean;
  labelsAdded: string[];
  labelsRemoved: string[];
}

/** A history log as the state file keeps it. */
export interface HistorySnapshot {
  current: number;
  floor: number;
  records: HistoryRecord[];
}

/**
 * A mailbox's change log with Gmail's semantics: ids only grow; a bounded number of records is
 * kept, and a start id older than the kept window can no longer be answered.
 */
export class HistoryLog {
  private records: HistoryRecord[] = [];
  private currentId: number;
  /** The lowest start id that can still be answered completely. */
  private floor: number;

  constructor(
    startId: number,
    private readonly retention: number,
  ) {
    this.currentId = startId;
    this.floor = startId;
  }

  get current(): number {
    return this.currentId;
  }

  append(change: Omit<HistoryRecord, 'id'>): HistoryRecord {
    this.currentId += 1;
    const record: HistoryRecord = { id: this.currentId, ...change };
    this.records.push(record);
    while (this.records.length > this.retention) {
      const dropped = this.records.shift();
      if (dropped) this.floor = Math.max(this.floor, dropped.id);
    }
    return record;
  }

  /**
   * Records after `startId`, or null when some of them are no longer kept, or when `startId` was
   * never handed out (a cursor from another mailbox, e.g. one kept from before a reset).
   */
  since(startId: number): HistoryRecord[] | null {
    if (startId < this.floor || startId > this.currentId) return null;
    return this.records.filter((record) => record.id > startId);
  }

  /**
   * Moves the next id past `gap` ids without forgetting anything: after a restart that may have
   * lost the last changes, ids a client already holds are never handed out again for new ones.
   */
  skip(gap: number): void {
    this.currentId += gap;
  }

  snapshot(): HistorySnapshot {
    return { current: this.currentId, floor: this.floor, records: this.records.map((record) => structuredClone(record)) };
  }

  static restore(snapshot: HistorySnapshot, retention: number): HistoryLog {
    const log = new HistoryLog(snapshot.current, retention);
    log.floor = snapshot.floor;
    const dropped = Math.max(0, snapshot.records.length - retention);
    log.records = snapshot.records.slice(dropped).map((record) => structuredClone(record));
    const lastDropped = snapshot.records[dropped - 1];
    if (lastDropped) log.floor = Math.max(log.floor, lastDropped.id);
    return log;
  }

  /** Forgets everything: every history id handed out so far now answers 404. */
  expireAll(): void {
    this.currentId += 1;
    this.floor = this.currentId;
    this.records = [];
  }
}
