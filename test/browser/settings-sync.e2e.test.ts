import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { poll } from '../support/processes.js';
import { launchBrowser, signIn, watchDialogs } from './support/browser.js';
import { decisionLife, rowsNamed } from './support/rows.js';
import { DEMO_EMAIL, startDemoStack, waitForApprovals, type DemoStack } from './support/stack.js';
import { openView } from './support/views.js';

let stack: DemoStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let dialogs: string[];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDemoStack(), launchBrowser()]);
  await waitForApprovals(stack, 5);
  ({ context, page } = await signIn(browser, stack));
  context.setDefaultTimeout(15_000);
  dialogs = watchDialogs(page);
}, 150_000);

afterAll(async () => {
  expect(dialogs ?? []).toEqual([]);
  await browser?.close();
  await stack?.stop();
});

interface Listed {
  id: string;
  externalId: string;
  outcome: string;
  subject: string | null;
  undoable: boolean;
}

async function decisions(query = ''): Promise<Listed[]> {
  return (await stack.api<{ decisions: Listed[] }>(`/api/users/${stack.userId}/decisions?limit=200${query}`)).decisions;
}

/** A newsletter arrives in Gmail; the worker syncs it and SkyTwin decides. Answers that decision. */
async function newsletterDecided(): Promise<Listed> {
  const message = await stack.emulator.deliverArrival(DEMO_EMAIL, 'newsletter');
  return poll(async () => (await decisions()).find((d) => d.externalId === message.id) ?? null, 30_000, 300);
}

describe('Settings', () => {
  it('a trust tier changed in the page governs the next decision', async () => {
    const before = await newsletterDecided();
    expect(before.outcome, 'at the demo tier a newsletter is archived without asking').toBe('auto_execute');

    await openView(page, stack.origin, '/settings');
    await page.getByLabel('Email trust tier').selectOption('suggest');
    await page.getByRole('button', { name: /^Save settings/ }).click();
    await page.getByRole('status').filter({ hasText: /Saved/ }).first().waitFor();
    const settings = await stack.api<{ trustTiers: Record<string, string> }>(`/api/users/${stack.userId}/settings`);
    expect(settings.trustTiers.email).toBe('suggest');

    const after = await newsletterDecided();
    expect(after.outcome, 'at suggest SkyTwin asks first').toBe('needs_approval');
    await openView(page, stack.origin, '/');
    await rowsNamed(page, after.subject as string).first().waitFor();
  });

  it('a bad value is refused beside its field and nothing changes', async () => {
    const before = await stack.api<{ spendLimits: { perActionCents: number } }>(`/api/users/${stack.userId}/settings`);
    await openView(page, stack.origin, '/settings');
    const field = page.getByLabel(/spend on one action/i);
    await field.fill('-5');
    await page.getByRole('button', { name: /^Save settings/ }).click();
    await poll(async () => ((await field.getAttribute('aria-invalid')) === 'true' ? true : null), 10_000);
    // The settings the previous test saved reach this page by the live stream too; the typed value stays.
    expect(await field.inputValue()).toBe('-5');
    const describedBy = (await field.getAttribute('aria-describedby')) as string;
    expect((await page.locator(`[id="${describedBy}"]`).innerText()).trim()).not.toBe('');
    const after = await stack.api<{ spendLimits: { perActionCents: number } }>(`/api/users/${stack.userId}/settings`);
    expect(after.spendLimits.perActionCents).toBe(before.spendLimits.perActionCents);
  });
});

describe('Activity', () => {
  it('Undo reverts an action SkyTwin took on its own, and the row then says it was undone', async () => {
    const done = await poll(async () => (await decisions('&outcome=auto_execute')).find((d) => d.undoable && d.subject !== null) ?? null, 30_000, 300);
    await openView(page, stack.origin, '/activity');
    await page.keyboard.press('/');
    await page.getByRole('searchbox').fill(done.subject as string);
    const row = page.locator(`article[data-id="${done.id}"]`);
    await row.waitFor();
    await row.getByRole('button', { name: /^Undo/ }).click();
    await poll(async () => (['undone', 'cancelled'].includes((await decisionLife(stack, done.id)).state) ? true : null), 20_000, 250);
    await poll(async () => ((await row.getByRole('button', { name: /^Undo/ }).count()) === 0 ? true : null), 20_000, 250);
    await poll(async () => (/undone|cancelled/i.test(await row.innerText()) ? true : null), 20_000, 250);
  });

  it('a decision SkyTwin only watched (observer tier) is confirmed from its row', async () => {
    await stack.api(`/api/users/${stack.userId}/settings`, { method: 'PUT', body: { trustTiers: { email: 'observer' } } });
    const watched = await newsletterDecided();
    expect(watched.outcome).toBe('shadow');
    await openView(page, stack.origin, '/activity');
    const row = page.locator(`article[data-id="${watched.id}"]`);
    await row.waitFor();
    await row.getByRole('button', { name: /^Confirm/ }).click();
    await poll(async () => {
      const body = await stack.api<{ feedback: { given: string | null } | null }>(`/api/decisions/${watched.id}`);
      return body.feedback?.given === 'confirmed' ? true : null;
    }, 10_000, 200);
    await stack.api(`/api/users/${stack.userId}/settings`, { method: 'PUT', body: { trustTiers: { email: 'low' } } });
  });

  it('"Undo everything SkyTwin did today" shows what it will revert, then reverts it', async () => {
    await openView(page, stack.origin, '/activity');
    await page.getByRole('button', { name: /^Undo everything SkyTwin did today/ }).click();
    const panel = page.getByRole('region', { name: 'Undo everything SkyTwin did today' });
    const confirm = panel.getByRole('button', { name: /^Undo these \d+/ });
    await confirm.waitFor();
    const count = Number((await confirm.innerText()).match(/\d+/)?.[0]);
    expect(count).toBeGreaterThan(0);
    expect(await panel.getByRole('listitem').count()).toBeGreaterThanOrEqual(count);
    await confirm.click();
    await poll(async () => ((await decisions('&outcome=auto_execute')).some((d) => d.undoable) ? null : true), 30_000, 500);
  });
});

describe('Connections', () => {
  it('a revoked Google grant shows Reconnect, and Reconnect runs the consent flow and restores sync', async () => {
    await stack.emulator.revokeRefreshTokens(DEMO_EMAIL);
    await stack.emulator.expireAccessTokens(DEMO_EMAIL);
    await stack.emulator.deliverArrival(DEMO_EMAIL, 'personal');
    const status = async () => (await stack.api<{ status: string }>(`/api/users/${stack.userId}/connections/google`)).status;
    await poll(async () => ((await status()) === 'needs_reconnect' ? true : null), 30_000, 300);

    await openView(page, stack.origin, '/connections');
    await page.getByText(/reconnect/i).first().waitFor();
    const popup = context.waitForEvent('page');
    await page.getByRole('button', { name: /^Reconnect Google/ }).click();
    const consent = await popup;
    await consent.waitForLoadState();
    await poll(async () => ((await status()) !== 'needs_reconnect' ? true : null), 20_000, 300);
    await consent.close();
    await openView(page, stack.origin, '/connections');
    expect(await page.getByText(/stopped reading mail/i).count()).toBe(0);
    // Sync runs again: new mail turns into a decision.
    const arrived = await stack.emulator.deliverArrival(DEMO_EMAIL, 'newsletter');
    await poll(async () => ((await decisions()).some((d) => d.externalId === arrived.id) ? true : null), 30_000, 300);
  });
});

describe('Twin', () => {
  it('a stated preference shows on the Twin page, and Remove takes it back (with Undo)', async () => {
    const pending = await stack.api<{ approvals: { id: string; action: { type: string } | null; sender: { address: string | null } }[] }>(
      `/api/users/${stack.userId}/approvals?status=pending&limit=200`,
    );
    const item = pending.approvals.find((a) => a.action?.type === 'label' && a.sender.address !== null) ?? pending.approvals.find((a) => a.sender.address !== null);
    const answer = await stack.api<{ preference?: { key: string } | null }>(`/api/approvals/${item?.id}/approve`, { method: 'POST', body: { always: true } });
    const key = answer.preference?.key as string;
    expect(key, 'an "always" answer states a preference').toBeTruthy();
    const keys = async () => (await stack.api<{ preferences: { key: string }[] }>(`/api/users/${stack.userId}/twin`)).preferences.map((p) => p.key);
    expect(await keys()).toContain(key);

    await openView(page, stack.origin, '/twin');
    await page.getByRole('heading', { name: /Version history/ }).waitFor();
    const remove = page.getByRole('button', { name: `Remove ${key}` });
    await remove.click();
    await poll(async () => ((await keys()).includes(key) ? null : true), 10_000, 200);
    await page.getByRole('status').getByRole('button', { name: /^Undo/ }).first().click();
    await poll(async () => ((await keys()).includes(key) ? true : null), 10_000, 200);
  });
});

describe('Users', () => {
  it('the owner adds a user, the app shows them, and switches back', async () => {
    await openView(page, stack.origin, '/users');
    await page.getByLabel('Email address').fill('ann@example.com');
    await page.getByLabel(/^Name/).fill('Ann Example');
    await page.getByRole('button', { name: /^Add user/ }).click();
    await page.getByRole('status').filter({ hasText: /Added ann@example\.com/ }).first().waitFor();
    const users = await stack.api<{ users: { id: string; email: string }[] }>('/api/users');
    expect(users.users.map((u) => u.email)).toContain('ann@example.com');
    await page.getByRole('article', { name: /ann@example\.com/ }).getByText(/Showing now/).waitFor();

    await page.getByRole('button', { name: /^Switch to .*demo@skytwin\.example/ }).click();
    await page.getByRole('article', { name: /demo@skytwin\.example/ }).getByText(/Showing now/).waitFor();
  });
});
