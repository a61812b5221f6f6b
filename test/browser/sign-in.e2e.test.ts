import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeViolations, seriousViolations } from './support/axe.js';
import { DESKTOP, launchBrowser, sessionCookies, signIn, watchDialogs } from './support/browser.js';
import { startDemoStack, type DemoStack } from './support/stack.js';

let stack: DemoStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDemoStack(), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('signing in to the dashboard', () => {
  it('npm start prints a one-time URL that signs the browser in with an HttpOnly, SameSite=Strict cookie and leaves no token behind', async () => {
    expect(stack.printedSignInUrl, stack.supervisor.output).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/signin\?code=/);
    const { context, page } = await signIn(browser, stack, { url: stack.printedSignInUrl as string });
    const dialogs = watchDialogs(page);
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await page.getByRole('link', { name: 'Approvals' }).waitFor();

    const cookies = await sessionCookies(context, stack.origin);
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) {
      expect(cookie.httpOnly, cookie.name).toBe(true);
      expect(cookie.sameSite, cookie.name).toBe('Strict');
      expect(cookie.value).not.toContain(stack.apiToken);
    }
    const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage, ...sessionStorage })');
    expect(stored).not.toContain(stack.apiToken);
    for (const cookie of cookies) expect(stored).not.toContain(cookie.value);
    const code = new URL(stack.printedSignInUrl as string).searchParams.get('code') as string;
    expect(page.url()).not.toContain(code);
    expect(stored).not.toContain(code);

    // The cookie alone now reaches the user's data; the bearer token keeps working beside it.
    const viaCookie = await context.request.get(`${stack.origin}/api/users/${stack.userId}/approvals?status=pending`);
    expect(viaCookie.status()).toBe(200);
    const viaToken = await stack.request(`/api/users/${stack.userId}/approvals?status=pending`);
    expect(viaToken.status).toBe(200);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('the page keeps working across reloads and its CSP refuses inline script before and after', async () => {
    const { context, page } = await signIn(browser, stack);
    const inlineRuns = async () => {
      await page.addScriptTag({ content: 'window.__skytwinInline = true' }).catch(() => undefined);
      return page.evaluate('window.__skytwinInline === true');
    };
    await page.getByRole('link', { name: 'Approvals' }).waitFor();
    expect(await inlineRuns()).toBe(false);
    for (let i = 0; i < 2; i += 1) {
      await page.reload();
      await page.getByRole('link', { name: 'Approvals' }).waitFor({ timeout: 10_000 });
    }
    expect(await inlineRuns()).toBe(false);
    const response = await context.request.get(`${stack.origin}/`);
    expect(response.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    expect(response.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(response.headers()['content-security-policy']).not.toMatch(/unsafe-inline/);
    await context.close();
  });

  it('a state-changing request carrying the session cookie from another origin is refused', async () => {
    const { context } = await signIn(browser, stack);
    const cookieHeader = (await sessionCookies(context, stack.origin)).map((c) => `${c.name}=${c.value}`).join('; ');
    const response = await fetch(`${stack.origin}/api/users/${stack.userId}/settings`, {
      method: 'PUT',
      headers: { cookie: cookieHeader, origin: 'http://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ blockedDomains: ['evil.example'] }),
    });
    expect(response.status).toBe(403);
    const settings = await stack.api<{ blockedDomains: string[] }>(`/api/users/${stack.userId}/settings`);
    expect(settings.blockedDomains).not.toContain('evil.example');
    await context.close();
  });

  // Refused sign-ins and cookies count towards the API's throttle on bad credentials (10 a
  // minute from one client): the tests that make them come last, sign-out the very last.
  it('a sign-in code works once: opened again it signs nobody in and the page says how to sign in', async () => {
    const url = await stack.signInUrl();
    const first = await signIn(browser, stack, { url });
    await first.context.close();

    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const dialogs = watchDialogs(page);
    await page.goto(url);
    await expect.poll(async () => (await page.locator('body').innerText()).toLowerCase()).toMatch(/sign in|signed out|expired|no longer valid/);
    await page.getByText(/npm start|sign-in (link|url)/i).first().waitFor();
    const response = await context.request.get(`${stack.origin}/api/users/${stack.userId}/approvals?status=pending`);
    expect(response.status()).toBe(401);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('a browser with no session is told how to sign in, in the page', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, bypassCSP: true });
    const page = await context.newPage();
    const dialogs = watchDialogs(page);
    await page.goto(stack.origin + '/');
    await page.getByText(/npm start|sign-in (link|url)/i).first().waitFor();
    expect(dialogs).toEqual([]);
    const violations = await seriousViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await context.close();
  });

  it('Sign out ends the session: the cookie no longer reaches the API and the page says so', async () => {
    const { context, page } = await signIn(browser, stack);
    const dialogs = watchDialogs(page);
    await page.getByRole('button', { name: /^Sign out/ }).click();
    await page.getByText(/signed out/i).first().waitFor().catch(async (error: unknown) => {
      throw new Error(`${String(error)}\npage says: ${await page.locator('body').innerText()}\n${stack.supervisor.output.slice(-3000)}`);
    });
    const response = await context.request.get(`${stack.origin}/api/users/${stack.userId}/approvals?status=pending`);
    expect(response.status()).toBe(401);
    await page.reload();
    // A cookie that once named a session never counts as a guessed one, so however many requests
    // the page made around the sign-out, the throttle on bad credentials stays out of it.
    await page.getByText(/npm start|sign-in (link|url)|signed out/i).first().waitFor().catch(async (error: unknown) => {
      throw new Error(`${String(error)}\npage says after reload: ${await page.locator('body').innerText()}`);
    });
    expect(await page.getByRole('link', { name: 'Approvals' }).count()).toBe(0);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
