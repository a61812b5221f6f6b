import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { invitation, newsletter } from '../support/signals.js';
import { addUser, ingest, setSettings } from '../support/users.js';
import { describeViolations, seriousViolations } from './support/axe.js';
import { DESKTOP, launchBrowser, watchDialogs } from './support/browser.js';

// The API from src on a real loopback port (the dashboard from dist/web), so the view is tested
// against the briefing route as it is in this tree.
let t: TestApp;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestApp(undefined, new ManualClock(new Date())), launchBrowser()]);
  origin = await t.listen();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the Briefing view', () => {
  it('is reachable from the navigation and shows a pending approval and today\'s meeting, each linked', async () => {
    const user = await addUser(t);
    await setSettings(t, user.id, { trustTiers: { email: 'suggest' } });
    const asked = await ingest(t, newsletter(user.id, 'Compiler Weekly <digest@compilerweekly.example>', { subject: 'Issue 212: faster builds' }));
    const now = t.clock.now().getTime();
    // Under way now, so it is today in every zone.
    await ingest(
      t,
      invitation(user.id, { eventId: 'briefing-standup', start: new Date(now - 10 * 60_000).toISOString(), end: new Date(now + 50 * 60_000).toISOString(), response: 'accepted' }),
    );

    const link = await t.call({ method: 'POST', url: '/api/sessions', token: user.token, payload: {} });
    expect(link.status, JSON.stringify(link.body)).toBe(201);
    // bypassCSP: axe-core is injected as a script file the page's own CSP would refuse.
    const context = await browser.newContext({ viewport: DESKTOP, bypassCSP: true });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const dialogs = watchDialogs(page);
    await page.goto(link.body.url);
    await page.waitForURL((current) => !current.searchParams.has('code'));

    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Briefing' }).click();
    await page.waitForURL(`${origin}/briefing`);
    await page.getByRole('heading', { name: 'Briefing', level: 1 }).waitFor();
    const waiting = page.getByRole('region', { name: /^Waiting for you/ });
    const approval = waiting.getByRole('link', { name: /Compiler Weekly · Issue 212: faster builds/ });
    await approval.waitFor();
    const today = page.getByRole('region', { name: 'Today' });
    await today.getByText('Design review').waitFor();
    expect(await page.locator('.briefing-summary').innerText()).toMatch(/1 request waits for your approval; the oldest is from Compiler Weekly/);
    await page.getByRole('region', { name: /^What SkyTwin did/ }).getByText('SkyTwin ran nothing in this period.').waitFor();
    const violations = await seriousViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    await approval.click();
    const decision = await t.call({ method: 'GET', url: `/api/decisions/${asked.decisionId}` });
    await page.waitForURL(`${origin}/approvals/${decision.body.approval.id}`);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('turns the briefing draft on from the Settings page', async () => {
    const user = await addUser(t);
    const link = await t.call({ method: 'POST', url: '/api/sessions', token: user.token, payload: {} });
    const context = await browser.newContext({ viewport: DESKTOP });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(link.body.url);
    await page.waitForURL((current) => !current.searchParams.has('code'));
    await page.goto(`${origin}/settings`);
    const box = page.getByRole('checkbox', { name: /briefing in my Gmail drafts/ });
    await box.waitFor();
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await page.getByRole('button', { name: /^Save settings/ }).click();
    await page.getByRole('status').filter({ hasText: /Saved/ }).first().waitFor();
    const saved = await t.call({ method: 'GET', url: `/api/users/${user.id}/settings` });
    expect(saved.body.briefingDraft).toBe(true);
    await context.close();
  });
});
