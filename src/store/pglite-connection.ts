import { EventEmitter } from 'node:events';
import { serialize } from 'pg-protocol';
import { Parser } from 'pg-protocol/dist/parser.js';
import type { PgliteThread } from './pglite-thread.js';

type BindConfig = Parameters<typeof serialize.bind>[0];
type ExecuteConfig = Parameters<typeof serialize.execute>[0];
type PortalConfig = Parameters<typeof serialize.describe>[0];
type ParseConfig = Parameters<typeof serialize.parse>[0];

/**
 * What `pg.Client` drives in place of a socket: the frontend messages it sends are serialised with
 * pg's own serializer and run on the database's thread; the backend's answer comes back as bytes
 * and is parsed and emitted as pg's own connection would. The messages of one query (pg corks
 * around parse, bind, describe, execute and sync) cross to the thread together, in one round trip.
 */
export class PgliteThreadConnection extends EventEmitter {
  /** Read by pg.Client (it only ends a connection it connected). */
  _connecting = false;
  /** Kept across pool clients: the prepared statements live in the database's one session. */
  parsedStatements: Record<string, string> = {};
  submittedNamedStatements: Record<string, string> = {};
  readonly stream = {
    cork: () => {
      this.corked += 1;
    },
    uncork: () => {
      this.corked = Math.max(0, this.corked - 1);
      if (this.corked === 0) this.sendPending();
    },
    destroy: () => this.end(),
  };
  private corked = 0;
  private outgoing: Buffer[] = [];
  private readonly parser = new Parser();
  /** Settles once every request sent so far has been answered. */
  private settled: Promise<void> = Promise.resolve();

  constructor(private readonly thread: PgliteThread) {
    super();
  }

  connect(): void {
    this._connecting = true;
    const lost = this.thread.failure();
    process.nextTick(() => (lost ? this.emit('error', lost) : this.emit('readyForQuery')));
  }

  // There is no server to authenticate with, no TLS and nothing to cancel on the other side.
  requestSsl(): void {}
  startup(): void {}
  password(): void {}
  cancel(): void {}
  ref(): void {}
  unref(): void {}

  query(text: string): void {
    this.send(serialize.query(text));
  }
  parse(config: ParseConfig): void {
    this.send(serialize.parse(config));
  }
  bind(config: BindConfig): void {
    this.send(serialize.bind(config));
  }
  execute(config: ExecuteConfig): void {
    this.send(serialize.execute(config));
  }
  describe(config: PortalConfig): void {
    this.send(serialize.describe(config));
  }
  close(config: PortalConfig): void {
    this.send(serialize.close(config));
  }
  flush(): void {
    this.send(serialize.flush());
  }
  sync(): void {
    this.send(serialize.sync());
  }
  sendCopyFromChunk(chunk: Buffer): void {
    this.send(serialize.copyData(chunk));
  }
  endCopyFrom(): void {
    this.send(serialize.copyDone());
  }
  sendCopyFail(message: string): void {
    this.send(serialize.copyFail(message));
  }

  /** Ends this client's use of the connection once its requests are answered; the session stays open for the next. */
  end(): void {
    this.sendPending();
    // pg.Client listens for 'end' right after calling end(): earlier listeners belong to the old client.
    for (const name of this.eventNames()) if (name !== 'newListener') this.removeAllListeners(name);
    this._connecting = false;
    void this.settled.then(() => this.emit('end'));
  }

  private send(message: Buffer): void {
    this.outgoing.push(message);
    if (this.corked === 0) this.sendPending();
  }

  private sendPending(): void {
    if (this.outgoing.length === 0) return;
    const bytes = ownedCopy(this.outgoing);
    this.outgoing = [];
    const endsQuery = endsWithSyncPoint(bytes);
    const answered = this.thread.exec(bytes).then(
      (answer) => this.parser.parse(Buffer.from(answer.buffer, answer.byteOffset, answer.byteLength), (message) => this.deliver(message)),
      (error: unknown) => {
        // Answered as the server answers a failed statement, not as a dropped socket: pg turns a
        // socket error on a pool's checked-out client into an uncaught exception.
        if (!endsQuery) return;
        this.emit('errorMessage', error);
        this.emit('readyForQuery', { name: 'readyForQuery', status: 'I' });
      },
    );
    this.settled = this.settled.then(() => answered);
  }

  private deliver(message: { name: string }): void {
    this.emit('message', message);
    this.emit(message.name === 'error' ? 'errorMessage' : message.name, message);
  }
}

const SYNC = 0x53;
const QUERY = 0x51;

/** Whether the last frontend message is a Sync or a simple Query: the backend answers it with ReadyForQuery. */
function endsWithSyncPoint(bytes: Uint8Array): boolean {
  let offset = 0;
  let last = -1;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  while (offset + 5 <= bytes.byteLength) {
    last = bytes[offset] ?? -1;
    offset += 1 + view.getInt32(offset + 1);
  }
  return last === SYNC || last === QUERY;
}

/**
 * One buffer of its own holding the messages: it is transferred to the thread, and Node's small
 * Buffers share a pooled ArrayBuffer that must never be detached.
 */
function ownedCopy(parts: Buffer[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.byteLength;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}
