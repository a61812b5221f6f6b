// Routing by the history API: links are real <a href>s; a plain click is handled in the page,
// a modified click (new tab) is left to the browser.
import { useEffect, useState } from 'preact/hooks';
import { parseRoute, type Route } from './routes.js';

const listeners = new Set<() => void>();

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === location.pathname + location.search + location.hash) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

/**
 * The route, and the query the address had when it was navigated to (filters a view reads once;
 * a view's own replaceState of its filters does not count as a navigation).
 */
export function useRoute(): { route: Route; search: string } {
  const read = () => ({ route: parseRoute(location.pathname), search: location.search });
  const [state, setState] = useState(read);
  useEffect(() => {
    const update = () => setState(read());
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return state;
}

/** For an <a>'s onClick: same-tab navigation without a page load. */
export function linkClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.currentTarget as HTMLAnchorElement | null) ?? null;
  if (!anchor || anchor.origin !== location.origin) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search + anchor.hash);
}

let searchFocusWanted = false;

/** Asks the next view that has a search field to focus it ("/" from a view without one). */
export function requestSearchFocus(): void {
  searchFocusWanted = true;
}

/** True once after requestSearchFocus. */
export function takeSearchFocus(): boolean {
  const wanted = searchFocusWanted;
  searchFocusWanted = false;
  return wanted;
}
