// Live updates: one EventSource per user on /api/users/:id/stream. The browser reconnects by
// itself and sends Last-Event-ID, so the server replays what was missed; a `reset` event means
// it could not (too far behind), and every view refetches. No polling anywhere.

/** The stream's event names (the contract's StreamEventKind); each carries JSON data with ids and the new state. */
export const LIVE_EVENTS = [
  'decisions.created',
  'approval.answered',
  'approval.expired',
  'action.state',
  'settings.changed',
  'twin.changed',
  'sync.changed',
  'reset',
] as const;
export type LiveEventName = (typeof LIVE_EVENTS)[number];

/** What an event's data may carry; every field but kind is optional. */
export interface LiveData {
  kind?: string;
  decisionIds?: string[];
  approvalIds?: string[];
  decisionId?: string;
  approvalId?: string;
  actionId?: string;
  state?: string;
  actionKind?: string;
}

export interface LiveEvent {
  type: LiveEventName | 'message';
  id: string;
  data: LiveData;
}

export type LiveState = 'connecting' | 'open' | 'closed';

type Listener = (event: LiveEvent) => void;
type StateListener = (state: LiveState) => void;

let source: EventSource | null = null;
let currentUser: string | null = null;
let state: LiveState = 'closed';
const listeners = new Set<Listener>();
const stateListeners = new Set<StateListener>();

function setState(next: LiveState): void {
  state = next;
  for (const listener of stateListeners) listener(next);
}

function parse(data: string): LiveData {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null ? (value as LiveData) : {};
  } catch {
    return {};
  }
}

/** Opens (or moves) the stream to this user; null closes it. */
export function connectLive(userId: string | null): void {
  if (userId === currentUser && source) return;
  source?.close();
  source = null;
  currentUser = userId;
  if (userId === null || typeof EventSource === 'undefined') {
    setState('closed');
    return;
  }
  const stream = new EventSource(`/api/users/${encodeURIComponent(userId)}/stream`, { withCredentials: true });
  source = stream;
  setState('connecting');
  stream.onopen = () => setState('open');
  // EventSource retries on its own while readyState is CONNECTING; CLOSED means it gave up (401, 404).
  stream.onerror = () => setState(stream.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
  const deliver = (type: LiveEvent['type']) => (message: MessageEvent<string>) => {
    const event: LiveEvent = { type, id: message.lastEventId, data: parse(message.data) };
    for (const listener of listeners) listener(event);
  };
  stream.onmessage = deliver('message');
  for (const name of LIVE_EVENTS) stream.addEventListener(name, deliver(name) as EventListener);
}

export function onLive(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function onLiveState(listener: StateListener): () => void {
  stateListeners.add(listener);
  listener(state);
  return () => stateListeners.delete(listener);
}
