// npm run screenshots: docs/screenshots/<view>-<desktop|phone>-<light|dark>.png for every view of
// the dashboard, taken in Debian's Chromium from npm start's demo stack once its first approvals
// have arrived.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DESKTOP, launchBrowser, PHONE, signIn } from './support/browser.js';
import { startDemoStack, waitForApprovals } from './support/stack.js';
import { openView, VIEWS } from './support/views.js';

const OUT = join(process.cwd(), 'docs', 'screenshots');
const SIZES = [
  { name: 'desktop', viewport: DESKTOP },
  { name: 'phone', viewport: PHONE },
] as const;
const SCHEMES = ['light', 'dark'] as const;

mkdirSync(OUT, { recursive: true });
const [stack, browser] = await Promise.all([startDemoStack(), launchBrowser()]);
let failed = false;
try {
  await waitForApprovals(stack, 5);
  const { context, page } = await signIn(browser, stack, { deviceScaleFactor: 1 });
  for (const size of SIZES) {
    await page.setViewportSize(size.viewport);
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      for (const view of VIEWS) {
        const file = join(OUT, `${view.name}-${size.name}-${scheme}.png`);
        try {
          await openView(page, stack.origin, view.path);
          await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
          process.stdout.write(`screenshots: ${file}\n`);
        } catch (error) {
          failed = true;
          process.stderr.write(`screenshots: ${view.name} (${size.name}, ${scheme}) failed: ${error instanceof Error ? error.message : String(error)}\n`);
        }
      }
    }
  }
  await context.close();
} finally {
  await browser.close();
  await stack.stop();
}
process.exit(failed ? 1 : 0);
