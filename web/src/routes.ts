// The app's stable addresses and the view each names. Pure: no DOM, tested in node.

export type ViewName = 'approvals' | 'briefing' | 'activity' | 'twin' | 'settings' | 'connections' | 'users';

export type Route =
  | { view: ViewName; id?: undefined }
  | { view: 'activity'; id: string }
  | { view: 'approvals'; id: string }
  | { view: 'notFound'; path: string };

export const NAV: readonly { view: ViewName; path: string; label: string }[] = [
  { view: 'approvals', path: '/', label: 'Approvals' },
  { view: 'briefing', path: '/briefing', label: 'Briefing' },
  { view: 'activity', path: '/activity', label: 'Activity' },
  { view: 'twin', path: '/twin', label: 'Twin' },
  { view: 'settings', path: '/settings', label: 'Settings' },
  { view: 'connections', path: '/connections', label: 'Connections' },
  { view: 'users', path: '/users', label: 'Users' },
];

const ID = /^[0-9a-f-]{36}$/i;

/** The route an address names; a trailing slash is ignored, unknown addresses are `notFound`. */
export function parseRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const nav = NAV.find((entry) => entry.path === path);
  if (nav) return { view: nav.view };
  const deep = /^\/(decisions|approvals)\/([^/]+)$/.exec(path);
  if (deep && ID.test(deep[2] ?? '')) return { view: deep[1] === 'decisions' ? 'activity' : 'approvals', id: deep[2] ?? '' };
  return { view: 'notFound', path };
}

export const decisionPath = (id: string) => `/decisions/${id}`;
export const approvalPath = (id: string) => `/approvals/${id}`;
