import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeViolations, seriousViolations } from './support/axe.js';
import { DESKTOP, launchBrowser, PHONE, signIn, watchDialogs } from './support/browser.js';
import { startDemoStack, waitForApprovals, type DemoStack } from './support/stack.js';
import { openView, settled, VIEWS } from './support/views.js';

// axe-core is injected as a script file, which the dashboard's own CSP (script-src 'self') would
// refuse: this file's browser context alone bypasses the CSP. Nothing here tests the CSP itself.
let stack: DemoStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let dialogs: string[];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDemoStack(), launchBrowser()]);
  await waitForApprovals(stack, 5);
  ({ context, page } = await signIn(browser, stack, { bypassCSP: true }));
  context.setDefaultTimeout(15_000);
  dialogs = watchDialogs(page);
}, 150_000);

afterAll(async () => {
  expect(dialogs ?? []).toEqual([]);
  await browser?.close();
  await stack?.stop();
});

describe('every view', () => {
  it('is reached by its nav link and has a stable URL', async () => {
    await openView(page, stack.origin, '/');
    for (const view of VIEWS) {
      await page.getByRole('navigation').getByRole('link', { name: view.link, exact: true }).click();
      await page.waitForURL(`${stack.origin}${view.path}`);
      await settled(page);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.reload();
      await settled(page);
      expect(new URL(page.url()).pathname).toBe(view.path);
    }
  });

  const combos = [
    { label: 'desktop, light', viewport: DESKTOP, colorScheme: 'light' },
    { label: 'desktop, dark', viewport: DESKTOP, colorScheme: 'dark' },
    { label: 'phone, light', viewport: PHONE, colorScheme: 'light' },
  ] as const;
  for (const combo of combos) {
    it(`has no serious or critical accessibility violation (${combo.label})`, async () => {
      await page.setViewportSize(combo.viewport);
      await page.emulateMedia({ colorScheme: combo.colorScheme });
      const found: string[] = [];
      for (const view of VIEWS) {
        await openView(page, stack.origin, view.path);
        const violations = await seriousViolations(page);
        if (violations.length > 0) found.push(`${view.name}:\n${describeViolations(violations)}`);
      }
      expect(found, found.join('\n\n')).toEqual([]);
    });
  }

  it('dark mode follows prefers-color-scheme', async () => {
    await page.setViewportSize(DESKTOP);
    const background = async (scheme: 'light' | 'dark') => {
      await page.emulateMedia({ colorScheme: scheme });
      // The page's background: the body's, or the root's where the body is transparent.
      return page.evaluate<string>(
        "[document.body, document.documentElement].map((el) => getComputedStyle(el).backgroundColor).find((c) => c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') || ''",
      );
    };
    await openView(page, stack.origin, '/');
    const light = await background('light');
    const dark = await background('dark');
    expect(light).not.toBe('');
    expect(dark).not.toBe(light);
    const luminance = (css: string) => (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).reduce((sum, v) => sum + Number(v), 0);
    expect(luminance(dark)).toBeLessThan(luminance(light));
  });
});

describe('on a phone (390 × 844)', () => {
  it('approvals read in one column, collapsed items about 100 px tall, nothing wider than the screen', async () => {
    await page.setViewportSize(PHONE);
    await page.emulateMedia({ colorScheme: 'light' });
    for (const view of VIEWS) {
      await openView(page, stack.origin, view.path);
      const width = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect(width, `${view.name} scrolls sideways`).toBeLessThanOrEqual(PHONE.width);
    }
    await openView(page, stack.origin, '/');
    const rows = page.getByRole('article');
    await rows.first().waitFor();
    const boxes = [];
    for (let i = 0; i < Math.min(6, await rows.count()); i += 1) {
      // The selected row shows one more button ("Always …"); the collapsed ones are measured.
      const selected = (await rows.nth(i).getAttribute('aria-current')) === 'true' || (await rows.nth(i).getAttribute('class'))?.includes('selected');
      if (!selected) boxes.push(await rows.nth(i).boundingBox());
    }
    expect(boxes.length).toBeGreaterThan(2);
    const lefts = new Set(boxes.map((box) => Math.round(box?.x ?? -1)));
    expect(lefts.size, 'rows share one column').toBe(1);
    for (const box of boxes) {
      expect(box?.width).toBeGreaterThan(PHONE.width * 0.8);
      // About 100 px: sender, subject, proposal and the answer buttons, nothing expanded.
      expect(box?.height).toBeGreaterThan(60);
      expect(box?.height).toBeLessThan(140);
    }
  });
});
