import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { DemoStack } from './stack.js';

/** Debian's Chromium; playwright-core drives it and never downloads a browser of its own. */
export const CHROMIUM = process.env.SKYTWIN_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export interface SignedIn {
  context: BrowserContext;
  page: Page;
}

/**
 * A fresh browser context signed in the way a person does: it opens a one-time sign-in URL
 * (the printed one when given, else one minted with the owner's token) and lands on the dashboard.
 */
export async function signIn(browser: Browser, stack: DemoStack, options: BrowserContextOptions & { url?: string } = {}): Promise<SignedIn> {
  const { url, ...contextOptions } = options;
  const context = await browser.newContext({ viewport: DESKTOP, ...contextOptions });
  const page = await context.newPage();
  const signInUrl = url ?? (await stack.signInUrl());
  await page.goto(signInUrl);
  await page.waitForURL((current) => !current.searchParams.has('code'));
  return { context, page };
}

/** The session cookie(s) the API set for the dashboard's origin. */
export async function sessionCookies(context: BrowserContext, origin: string) {
  return (await context.cookies(origin)).filter((cookie) => cookie.name !== '');
}

/** Collects every alert/confirm/prompt the page opens (the dashboard should open none) and dismisses it. */
export function watchDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (dialog) => {
    seen.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return seen;
}
