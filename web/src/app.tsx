// The shell: header with navigation and the user switcher, the quiet status line, the view the
// address names, notices, and the keyboard.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isSignedOut, onSignedOut } from './api.js';
import { CommandBar } from './components/command-bar.js';
import { KeyHelp } from './components/key-help.js';
import { SignedOut } from './components/signed-out.js';
import { ErrorNote, Loading } from './components/states.js';
import { StatusLine } from './components/status-line.js';
import { runKeyCommand } from './keyboard.js';
import { commandFor } from './keys.js';
import { connectLive, onLiveState } from './live.js';
import { linkClick, useRoute } from './router.js';
import { NAV, type Route } from './routes.js';
import { loadSession, loadUsers, onChooseUser, onUsersChanged, rememberedUser, rememberUser, signOut, type Session, type UserSummary } from './session.js';
import { Toasts } from './toast.js';
import { ActivityView } from './views/activity.js';
import { ApprovalsView } from './views/approvals.js';
import { BriefingView } from './views/briefing.js';
import { ConnectionsView } from './views/connections.js';
import { SettingsView } from './views/settings.js';
import { TwinView } from './views/twin.js';
import { UsersView } from './views/users.js';

type Boot = { phase: 'loading' } | { phase: 'ready'; session: Session; users: UserSummary[] } | { phase: 'signedOut'; ended: boolean } | { phase: 'failed'; error: unknown };

export function App() {
  const { route, search } = useRoute();
  const [boot, setBoot] = useState<Boot>({ phase: 'loading' });
  const [userId, setUserId] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const [palette, setPalette] = useState(false);

  const start = useCallback(async (quiet = false) => {
    if (!quiet) setBoot({ phase: 'loading' });
    try {
      const session = await loadSession();
      const users = session.kind === 'owner' ? await loadUsers() : [];
      const remembered = rememberedUser();
      const chosen = session.userId ?? (users.some((u) => u.id === remembered) ? remembered : (users[0]?.id ?? null));
      setUserId(chosen);
      setBoot({ phase: 'ready', session, users });
    } catch (error) {
      setBoot(isSignedOut(error) ? { phase: 'signedOut', ended: false } : { phase: 'failed', error });
    }
  }, []);

  useEffect(() => {
    void start();
    const offs = [
      // A sign-out the person asked for keeps its own words.
      onSignedOut(() => setBoot((current) => (current.phase === 'signedOut' ? current : { phase: 'signedOut', ended: false }))),
      onChooseUser((id) => {
        rememberUser(id);
        setUserId(id);
      }),
      onUsersChanged(() => void start(true)),
    ];
    return () => offs.forEach((off) => off());
  }, [start]);

  useEffect(() => {
    connectLive(boot.phase === 'ready' ? userId : null);
  }, [boot.phase, userId]);

  // The stream gives up when the session is gone (it answers 401): ask once, so the page says so
  // even before the next click.
  useEffect(() => {
    if (boot.phase !== 'ready') return;
    return onLiveState((state) => {
      if (state === 'closed') void loadSession().catch(() => undefined);
    });
  }, [boot.phase]);

  // The listener reads the overlays' state as rendered, not as it was when the listener was
  // installed: a key pressed right after Escape closed the help must reach the view.
  const overlays = useRef({ help, palette, phase: boot.phase });
  overlays.current = { help, palette, phase: boot.phase };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { help, palette, phase } = overlays.current;
      const command = commandFor({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, target: event.target as HTMLElement | null });
      if (command === null) return;
      if (command === 'palette') {
        if (phase !== 'ready') return;
        setHelp(false);
        setPalette((open) => !open);
        event.preventDefault();
        return;
      }
      if (palette) return;
      if (command === 'help') {
        setHelp((open) => !open);
        event.preventDefault();
        return;
      }
      if (command === 'close' && help) {
        setHelp(false);
        event.preventDefault();
        return;
      }
      if (help) return;
      if (runKeyCommand(command)) event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const label = route.view === 'notFound' ? 'Not found' : (NAV.find((entry) => entry.view === route.view)?.label ?? 'SkyTwin');
    document.title = `${label} · SkyTwin`;
  }, [route.view]);

  if (boot.phase === 'signedOut') return <SignedOut ended={boot.ended} />;
  if (boot.phase === 'loading')
    return (
      <main id="main" class="boot">
        <Loading what="SkyTwin" />
      </main>
    );
  if (boot.phase === 'failed')
    return (
      <main id="main" class="boot">
        <h1>SkyTwin</h1>
        <ErrorNote error={boot.error} retry={() => void start()} />
      </main>
    );

  const { session, users } = boot;
  const choose = (id: string) => {
    rememberUser(id);
    setUserId(id);
  };
  const end = async () => {
    try {
      await signOut();
    } finally {
      connectLive(null);
      setBoot({ phase: 'signedOut', ended: true });
    }
  };

  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="/" onClick={linkClick}>
          SkyTwin
        </a>
        <nav aria-label="Views">
          {NAV.filter((entry) => entry.view !== 'users' || session.kind === 'owner').map((entry) => (
            <a key={entry.path} href={entry.path} onClick={linkClick} aria-current={route.view === entry.view ? 'page' : undefined}>
              {entry.label}
            </a>
          ))}
        </nav>
        <div class="account">
          {session.kind === 'owner' && users.length > 1 ? (
            <label>
              <span class="visually-hidden">Showing user</span>
              <select value={userId ?? ''} onChange={(event) => choose((event.currentTarget as HTMLSelectElement).value)}>
                {users.map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.name ? `${user.name} (${user.email})` : user.email}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <button type="button" class="quiet" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts">
            ?
          </button>
          <button type="button" class="quiet" onClick={() => void end()}>
            Sign out
          </button>
        </div>
      </header>
      {userId ? <StatusLine userId={userId} /> : null}
      <main id="main" tabIndex={-1}>
        {userId === null && route.view !== 'users' ? (
          <NoUser owner={session.kind === 'owner'} />
        ) : (
          <View route={route} search={search} userId={userId ?? ''} />
        )}
      </main>
      <Toasts />
      {help ? <KeyHelp onClose={() => setHelp(false)} /> : null}
      {palette ? <CommandBar owner={session.kind === 'owner'} onClose={() => setPalette(false)} onHelp={() => setHelp(true)} /> : null}
    </>
  );
}

function NoUser({ owner }: { owner: boolean }) {
  return (
    <section class="state empty">
      <h1>No one to show yet</h1>
      <p>
        {owner ? (
          <>
            SkyTwin has no users yet.{' '}
            <a href="/users" onClick={linkClick}>
              Add a user
            </a>{' '}
            to begin.
          </>
        ) : (
          'This session is not tied to a user.'
        )}
      </p>
    </section>
  );
}

function View({ route, search, userId }: { route: Route; search: string; userId: string }) {
  switch (route.view) {
    case 'approvals':
      return <ApprovalsView userId={userId} {...(route.id ? { focusId: route.id } : {})} />;
    case 'activity':
      // A navigation with new filters (the command bar's search) starts the view afresh from the address.
      return <ActivityView key={search} userId={userId} {...(route.id ? { focusId: route.id } : {})} />;
    case 'briefing':
      return <BriefingView userId={userId} />;
    case 'twin':
      return <TwinView userId={userId} />;
    case 'settings':
      return <SettingsView userId={userId} />;
    case 'connections':
      return <ConnectionsView userId={userId} />;
    case 'users':
      return <UsersView userId={userId} />;
    default:
      return (
        <section class="state empty">
          <h1>Nothing here</h1>
          <p>
            There is no page at {route.path}.{' '}
            <a href="/" onClick={linkClick}>
              Go to Approvals
            </a>
          </p>
        </section>
      );
  }
}
