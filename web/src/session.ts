// Who is signed in. The session is an HttpOnly cookie the page cannot read: the API says who it
// belongs to. The owner may look at every user; the chosen user is remembered per tab.
import { api } from './api.js';

export interface Session {
  /** `owner` reaches every user; `user` only its own. */
  kind: 'owner' | 'user';
  userId: string | null;
}

export interface UserSummary {
  id: string;
  email: string;
  name: string | null;
}

/** Reads `GET /api/session`, accepting the fields it may carry. */
export async function loadSession(): Promise<Session> {
  const body = await api.get<Record<string, unknown>>('/api/session');
  const kind = body.kind === 'user' || body.role === 'user' ? 'user' : 'owner';
  const userId = typeof body.userId === 'string' ? body.userId : null;
  return { kind, userId };
}

export async function loadUsers(): Promise<UserSummary[]> {
  const body = await api.get<{ users?: unknown }>('/api/users');
  const users = Array.isArray(body.users) ? body.users : [];
  return users.flatMap((raw): UserSummary[] => {
    const user = raw as Record<string, unknown>;
    return typeof user.id === 'string' ? [{ id: user.id, email: String(user.email ?? ''), name: typeof user.name === 'string' ? user.name : null }] : [];
  });
}

export async function signOut(): Promise<void> {
  await api.post('/api/session/signout', {});
}

const CHOSEN = 'skytwin.user';

export function rememberedUser(): string | null {
  try {
    return sessionStorage.getItem(CHOSEN);
  } catch {
    return null;
  }
}

export function rememberUser(id: string): void {
  try {
    sessionStorage.setItem(CHOSEN, id);
  } catch {
    // Storage refused (private mode): the choice lasts until reload.
  }
}

// The Users view (and anything else) switches the shown user or reports a new one through these;
// the shell listens, so no view needs the shell's state passed down.
const CHOOSE_EVENT = 'skytwin:choose-user';
const CHANGED_EVENT = 'skytwin:users-changed';

/** Shows this user's dashboard (the owner's session only). */
export function chooseUser(id: string): void {
  dispatchEvent(new CustomEvent<string>(CHOOSE_EVENT, { detail: id }));
}

/** Re-reads the user list (after adding one), keeping the shown user. */
export function usersChanged(): void {
  dispatchEvent(new Event(CHANGED_EVENT));
}

export function onChooseUser(listener: (id: string) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<string>).detail);
  addEventListener(CHOOSE_EVENT, handler);
  return () => removeEventListener(CHOOSE_EVENT, handler);
}

export function onUsersChanged(listener: () => void): () => void {
  addEventListener(CHANGED_EVENT, listener);
  return () => removeEventListener(CHANGED_EVENT, listener);
}
