import type { BrowserContext, Page } from 'playwright-core';

/**
 * Notes, in the page, the time (ms since navigation start) at which the first approval or decision
 * row (an `<article>`) enters the document. Installed as an init script, so it runs before the
 * app's own script whatever the page's CSP says, and sees the very first row.
 */
const WATCH_FIRST_ROW = `(() => {
  const mark = () => { if (document.querySelector('main article')) { window.__skytwinFirstRow ??= performance.now(); return true; } return false; };
  const start = () => { if (mark()) return; const observer = new MutationObserver(() => { if (mark()) observer.disconnect(); }); observer.observe(document, { childList: true, subtree: true }); };
  if (document.documentElement) start(); else document.addEventListener('readystatechange', start, { once: true });
})();`;

export async function watchFirstRow(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: WATCH_FIRST_ROW });
}

/** Opens `url` and answers when the first row appeared, in ms from navigation start. */
export async function timeToFirstRow(page: Page, url: string, timeoutMs = 30_000): Promise<number> {
  await page.goto(url);
  // A function, not a string: the page's CSP forbids eval, which a string predicate needs.
  const handle = await page.waitForFunction(() => (globalThis as { __skytwinFirstRow?: number }).__skytwinFirstRow, undefined, { timeout: timeoutMs });
  return (await handle.jsonValue()) as number;
}
