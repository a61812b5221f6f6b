import type { Page } from 'playwright-core';

/** The dashboard's views, their stable URLs and the nav link that reaches each. */
export const VIEWS = [
  { name: 'approvals', path: '/', link: 'Approvals' },
  { name: 'briefing', path: '/briefing', link: 'Briefing' },
  { name: 'activity', path: '/activity', link: 'Activity' },
  { name: 'twin', path: '/twin', link: 'Twin' },
  { name: 'settings', path: '/settings', link: 'Settings' },
  { name: 'connections', path: '/connections', link: 'Connections' },
  { name: 'users', path: '/users', link: 'Users' },
] as const;

export type ViewName = (typeof VIEWS)[number]['name'];

/**
 * Waits until the view has drawn its data: the shell's nav is there, and nothing says it is
 * still loading (no `aria-busy="true"`, no "Loading" text).
 */
export async function settled(page: Page, timeoutMs = 20_000): Promise<void> {
  await page.getByRole('link', { name: 'Approvals' }).first().waitFor({ timeout: timeoutMs });
  // A function, not a string: the page's CSP forbids eval, which a string predicate needs.
  await page.waitForFunction(
    () => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown; body: { innerText: string } } }).document;
      return !doc.querySelector('[aria-busy="true"]') && !/(^|\n)\s*Loading/.test(doc.body.innerText);
    },
    undefined,
    { timeout: timeoutMs },
  );
}

/** Opens a view by its URL and waits for it to settle. */
export async function openView(page: Page, origin: string, path: string): Promise<void> {
  await page.goto(`${origin}${path}`);
  await settled(page);
}
