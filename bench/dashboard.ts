import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, signIn } from '../test/browser/support/browser.js';
import { timeToFirstRow, watchFirstRow } from '../test/browser/support/first-row.js';
import { startDemoStack, waitForApprovals } from '../test/browser/support/stack.js';
import type { BenchContext, Benchmark } from './benchmark.js';
import { ms, summarize, table, targetLine } from './stats.js';

/** The budgets: the dashboard's JavaScript gzipped, and its first screen on loopback. */
const JS_BUDGET_KB = 150;
const FIRST_LOAD_BUDGET_MS = 1000;
const RUNS = 9;
export const WEB_ASSETS = join(process.cwd(), 'dist', 'web', 'assets');

export interface AssetSize {
  name: string;
  bytes: number;
  gzipped: number;
}

/** Every built script and stylesheet, raw and through gzip at zlib's default level. */
export function assetSizes(dir = WEB_ASSETS): AssetSize[] {
  if (!existsSync(dir)) throw new Error(`${dir} is missing: npm run build builds the dashboard`);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.js') || name.endsWith('.css'))
    .sort()
    .map((name) => {
      const body = readFileSync(join(dir, name));
      return { name, bytes: body.length, gzipped: gzipSync(body).length };
    });
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/**
 * The dashboard's weight and speed: its JavaScript gzipped against the 150 KB budget, and the time
 * from navigation start to the first approval row in the page (a signed-in browser, the demo stack
 * warm, median of several loads) against 1 s.
 */
export const dashboardBenchmark: Benchmark = {
  name: 'dashboard',
  async run({ out }: BenchContext) {
    const sizes = assetSizes();
    const js = sizes.filter((asset) => asset.name.endsWith('.js'));
    const jsGzipped = js.reduce((sum, asset) => sum + asset.gzipped, 0);
    out('dashboard: built assets in dist/web/assets');
    for (const line of table([['file', 'KB', 'KB gzipped'], ...sizes.map((a) => [a.name, kb(a.bytes), kb(a.gzipped)])])) out(line);
    out(targetLine({ label: 'JS gzipped', measured: jsGzipped / 1024, target: JS_BUDGET_KB, kind: 'max', unit: 'KB' }));

    const [stack, browser] = await Promise.all([startDemoStack(), launchBrowser()]);
    try {
      await waitForApprovals(stack);
      const { context, page } = await signIn(browser, stack);
      await watchFirstRow(context);
      await timeToFirstRow(page, `${stack.origin}/`); // warm-up: server caches, the browser's parse cache
      const times: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        const fresh = await context.newPage();
        times.push(await timeToFirstRow(fresh, `${stack.origin}/`));
        await fresh.close();
      }
      const summary = summarize(times);
      out(`\ndashboard: navigation start → first approval row, ${RUNS} loads, signed in, warm server on loopback`);
      for (const line of table([['p50 ms', 'p90 ms', 'max ms'], [ms(summary.p50), ms(summary.p90), ms(summary.max)]])) out(line);
      out(targetLine({ label: 'first load p50', measured: summary.p50, target: FIRST_LOAD_BUDGET_MS, kind: 'max', unit: 'ms' }));
      await context.close();
    } finally {
      await browser.close();
      await stack.stop();
    }
  },
};
