// Live updates: one EventSource per user on /api/users/:id/stream. The browser reconnects by
// itself and sends Last-Event-ID, so the server replays what was missed; a `reset` event means
// it could not (too far behind), and every view refetches. No polling anywhere.

/** The stream's event names; each carries JSON data. */
export const LIVE_EVENTS = ['decision', 'approval', 'execution', 'state', 'reset'] as const;
export type LiveEventName = (typeof LIVE_EVENTS)[number];

export interface LiveEvent {
  type: LiveEventName | 'message';
  id: string;
  data: unknown;
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

function parse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
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
