// Users (the owner's view): everyone SkyTwin works for, adding one, and switching whose
// approvals, activity, twin and settings the app shows.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { CreatedUser } from '../../../src/contract/index.js';
import { api, isApiError } from '../api.js';
import { Empty, ErrorNote, errorText, Loading } from '../components/states.js';
import { chooseUser, loadUsers, usersChanged, type UserSummary } from '../session.js';
import './users.css';

export function UsersView({ userId }: { userId: string }) {
  const [users, setUsers] = useState<UserSummary[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [shown, setShown] = useState(userId);
  const load = useCallback(async () => {
    try {
      setUsers(await loadUsers());
      setLoadError(null);
    } catch (failure) {
      setLoadError(failure);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => setShown(userId), [userId]);
  const onChoose = (id: string) => {
    setShown(id);
    chooseUser(id);
  };
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<{ email: string; token: string } | null>(null);

  const add = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const user = await api.post<CreatedUser>('/api/users', { email: email.trim(), ...(name.trim() ? { name: name.trim() } : {}) });
      setCreated({ email: user.email, token: user.token });
      setEmail('');
      setName('');
      setError(null);
      setFieldErrors({});
      await load();
      usersChanged();
      onChoose(user.id);
    } catch (failure) {
      const byField: Record<string, string> = {};
      for (const detail of isApiError(failure) ? failure.details : []) {
        const d = detail as { field?: unknown; message?: unknown };
        if (typeof d.field === 'string' && typeof d.message === 'string') {
          byField[d.field.replace(/^body\./, '')] = d.message.includes('format "email"') ? 'must be an email address such as ann@example.com' : d.message;
        }
      }
      setFieldErrors(byField);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="view users">
      <h1>Users</h1>
      {loadError && !users ? <ErrorNote error={loadError} retry={() => void load()} /> : null}
      {!users && !loadError ? <Loading what="users" /> : null}
      {users && users.length === 0 ? (
        <Empty title="No users yet">Add the first person SkyTwin works for below.</Empty>
      ) : null}
      {users && users.length > 0 ? (
        <ul class="list">
          {users.map((user) => {
            const label = user.name ? `${user.name} (${user.email})` : user.email;
            const current = user.id === shown;
            return (
              <li key={user.id}>
                <article class={current ? 'row selected' : 'row'} aria-label={label}>
                  <div class="user-line">
                    <span class="user-name">{user.name ?? user.email}</span>
                    {user.name ? <span class="meta">{user.email}</span> : null}
                    <span class="user-switch">
                      {current ? (
                        <span class="badge" aria-current="true">
                          Showing now
                        </span>
                      ) : (
                        <button type="button" onClick={() => onChoose(user.id)}>
                          Switch to {label}
                        </button>
                      )}
                    </span>
                  </div>
                </article>
              </li>
            );
          })}
        </ul>
      ) : null}

      <h2>Add a user</h2>
      <form class="add-user" onSubmit={(event) => void add(event)} noValidate>
        <div class="field">
          <label class="block" for="new-user-email">
            <span>Email address</span>
          </label>
          <input id="new-user-email" type="email" required value={email} autoComplete="off" onInput={(event) => setEmail((event.currentTarget as HTMLInputElement).value)} {...(fieldErrors.email ? { 'aria-invalid': true, 'aria-describedby': 'new-user-email-error' } : {})} />
          {fieldErrors.email ? (
            <p class="field-error" id="new-user-email-error">
              {fieldErrors.email}
            </p>
          ) : null}
        </div>
        <div class="field">
          <label class="block" for="new-user-name">
            <span>Name (optional)</span>
          </label>
          <input id="new-user-name" value={name} autoComplete="off" onInput={(event) => setName((event.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy || email.trim() === ''}>
            Add user
          </button>
        </div>
        {error ? (
          <p class="inline-error" role="alert">
            {Object.keys(fieldErrors).length > 0 ? 'The user was not added: see the field marked above.' : errorText(error)}
          </p>
        ) : null}
      </form>
      {created ? (
        <div class="confirm" role="status">
          <p>
            Added {created.email}, who starts as an observer everywhere: SkyTwin only watches until they say otherwise. The app now shows this user.
          </p>
          <p>
            Their API token, for scripts acting for them only (shown this once): <code>{created.token}</code>
          </p>
        </div>
      ) : null}
    </section>
  );
}
