import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { poll } from '../support/processes.js';
import { launchBrowser, signIn, watchDialogs } from './support/browser.js';
import { gmailDrafts } from './support/gmail.js';
import { answered, freshItem, lifeReaches, pendingApprovals, rowOf, rowsNamed, selectByKeyboard, selectedRowId, selectedRowName, verbButton, type PendingItem } from './support/rows.js';
import { DEMO_EMAIL, startDemoStack, waitForApprovals, type DemoStack } from './support/stack.js';
import { openView } from './support/views.js';

let stack: DemoStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let dialogs: string[];
const taken = new Set<string>();

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDemoStack(), launchBrowser()]);
  await waitForApprovals(stack, 10);
  ({ context, page } = await signIn(browser, stack));
  context.setDefaultTimeout(15_000);
  dialogs = watchDialogs(page);
}, 150_000);

afterAll(async () => {
  expect(dialogs ?? []).toEqual([]);
  await browser?.close();
  await stack?.stop();
});

const isFocused = (el: unknown) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement;
const isDraft = (item: PendingItem) => item.action?.type === 'draft_reply';
const notDraft = (item: PendingItem) => item.action !== null && item.action.type !== 'draft_reply';

/** The approvals view, freshly loaded, with the item's row on screen. */
async function showRow(item: PendingItem) {
  await openView(page, stack.origin, '/');
  const row = rowOf(page, item);
  await row.first().waitFor();
  return row.first();
}

describe('the Approvals view', () => {
  it('shows each pending item with its sender and subject, and counts them all', async () => {
    const items = await pendingApprovals(stack);
    await openView(page, stack.origin, '/');
    const withSubject = items.find((item) => item.subject !== null && item.sender.address !== null) as PendingItem;
    const row = rowOf(page, withSubject).first();
    await row.waitFor();
    expect(await row.innerText()).toContain(withSubject.sender.name ?? withSubject.sender.address);
    expect(await page.getByRole('article').count()).toBeGreaterThan(0);
  });

  it('Approve answers the item at once and offers Undo', async () => {
    const item = await freshItem(stack, notDraft, taken);
    const row = await showRow(item);
    await verbButton(row, 'Approve').first().click();
    expect((await answered(stack, item.id)).status).toBe('approved');
    await page.getByRole('status').getByRole('button', { name: /^Undo/ }).first().waitFor();
    await rowOf(page, item).first().waitFor({ state: 'detached' });
  });

  it('Undo in the notice takes an approval back', async () => {
    const item = await freshItem(stack, notDraft, taken);
    const row = await showRow(item);
    await verbButton(row, 'Approve').first().click();
    expect((await answered(stack, item.id)).status).toBe('approved');
    await page.getByRole('status').getByRole('button', { name: /^Undo/ }).first().click();
    await lifeReaches(stack, item.decisionId, ['undone', 'cancelled']);
    await page.getByRole('status').getByText(/^Undone/).first().waitFor();
  });

  it('after an undo, the Twin view lists the scope it concerns with the miss', async () => {
    const item = await freshItem(stack, (i) => notDraft(i) && i.sender.address !== null, taken);
    await stack.api(`/api/approvals/${item.id}/approve`, { method: 'POST', body: {} });
    // A running action cannot be undone (409): wait until it has run.
    await lifeReaches(stack, item.decisionId, ['executed']);
    await stack.api(`/api/decisions/${item.decisionId}/undo`, { method: 'POST', body: {} });
    await lifeReaches(stack, item.decisionId, ['undone']);
    await openView(page, stack.origin, '/twin');
    const table = page.getByRole('table', { name: /Trust per scope/ });
    const row = table.getByRole('row', { name: new RegExp(`from ${(item.sender.address ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first();
    await row.waitFor();
    expect(await row.innerText()).toMatch(/You undid it on \d{1,2} [A-Z][a-z]{2}/);
    // Most recent activity first: the scope just answered leads the table.
    expect(await table.getByRole('row').nth(1).innerText()).toBe(await row.innerText());
  });

  it('Reject takes an optional reason, and the reason is kept with the answer', async () => {
    const item = await freshItem(stack, notDraft, taken);
    const row = await showRow(item);
    await verbButton(row, 'Reject').first().click();
    const reason = 'Not this one: I keep these receipts by hand';
    await row.getByRole('textbox', { name: /reason/i }).fill(reason);
    await verbButton(row, 'Reject').click();
    const done = await answered(stack, item.id);
    expect(done.status).toBe('rejected');
    expect(JSON.stringify(done.response)).toContain(reason);
  });

  it('a reply draft shows its text, is edited in place and, approved, lands in Gmail as edited', async () => {
    const item = await freshItem(stack, isDraft, taken);
    const row = await showRow(item);
    await verbButton(row, 'Edit').first().click();
    const box = row.getByRole('textbox').first();
    await box.waitFor();
    expect(await box.inputValue()).toBe(item.draft?.body ?? (item.action?.parameters.body as string));
    const text = 'Thanks, I will look at it on Thursday morning.';
    await box.fill(`Hey,\n\n${text}\n\nCheers,\nAnn`);
    await row.getByRole('button', { name: /^Save and approve/ }).click();
    const done = await answered(stack, item.id);
    expect(done.status).toBe('approved');
    const threadId = String(item.action?.parameters.threadId);
    const drafts = await poll(async () => {
      const found = (await gmailDrafts(stack.emulator, DEMO_EMAIL)).filter((draft) => draft.threadId === threadId);
      return found.some((draft) => draft.text.includes(text)) ? found : null;
    }, 30_000, 300);
    expect(drafts.some((draft) => draft.text.includes('get back to you'))).toBe(false);
    // The edit taught the tone: the Twin page shows the sign-off the next drafts will use.
    await openView(page, stack.origin, '/twin');
    const tone = page.getByRole('region', { name: 'Your reply tone' });
    await poll(async () => ((await tone.innerText()).includes('Cheers') ? true : null), 10_000);
  });

  it('"Always …" approves and states the preference for that sender', async () => {
    const item = await freshItem(stack, (i) => notDraft(i) && i.sender.address !== null, taken);
    const row = await showRow(item);
    await row.getByRole('button', { expanded: false }).first().click();
    await verbButton(row, 'Always').first().click();
    expect((await answered(stack, item.id)).status).toBe('approved');
    const notice = page.getByRole('status');
    await poll(async () => ((await notice.innerText()).toLowerCase().includes(String(item.sender.address).toLowerCase()) ? true : null), 10_000);
  });

  it('bulk: "Approve all N …" approves every item of a similar group at once', async () => {
    const items = await pendingApprovals(stack);
    const groups = new Map<string, PendingItem[]>();
    for (const item of items) if (item.group && !taken.has(item.id)) groups.set(item.group.key, [...(groups.get(item.group.key) ?? []), item]);
    const [key, members] = [...groups.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
    expect(members?.length, 'the demo inbox has a group of similar items').toBeGreaterThan(1);
    for (const member of members ?? []) taken.add(member.id);
    await openView(page, stack.origin, '/');
    // First the list of exactly what will be approved, then one button for all of them.
    await page.getByRole('button', { name: new RegExp(`^Approve all ${members?.length}:`) }).click();
    for (const member of members ?? []) if (member.subject) await page.getByText(member.subject).first().waitFor();
    await page.getByRole('button', { name: new RegExp(`^Approve all ${members?.length} now`) }).click();
    for (const member of members ?? []) expect((await answered(stack, member.id)).status, key).toBe('approved');
  });

  it('a new item arrives live while the page is open, without a reload', async () => {
    await openView(page, stack.origin, '/');
    await page.evaluate('window.__skytwinSamePage = true');
    const subject = `Budget sign-off needed ${Date.now()}`;
    await stack.api('/api/events/ingest', {
      method: 'POST',
      body: {
        userId: stack.userId,
        source: 'gmail',
        externalId: `live-${Date.now()}`,
        type: 'email.received',
        occurredAt: new Date().toISOString(),
        data: {
          messageId: `live${Date.now().toString(16)}`,
          threadId: `live${Date.now().toString(16)}`,
          from: 'Bob Keller <bob.keller@skytwin.example>',
          to: [DEMO_EMAIL],
          cc: [],
          subject,
          snippet: 'Can you approve the budget by tomorrow?',
          labels: ['INBOX', 'UNREAD'],
          listUnsubscribe: null,
          bodyText: 'Hi, can you approve the budget by tomorrow? Thanks, Bob',
        },
      },
    });
    await rowsNamed(page, subject).first().waitFor({ timeout: 20_000 });
    expect(await page.evaluate('window.__skytwinSamePage === true')).toBe(true);
    // Its message exists nowhere in Gmail: keep it out of the flows that approve.
    for (const item of await pendingApprovals(stack)) if (item.subject === subject) taken.add(item.id);
  });

  it('the keyboard flow: j/k move, a approves, u undoes, r rejects with a reason, e edits a draft, ? lists the keys, / searches', async () => {
    await openView(page, stack.origin, '/');
    await page.getByRole('article').first().waitFor();
    await page.keyboard.press('j');
    const first = await selectedRowId(page);
    expect(first).not.toBeNull();
    expect(await selectedRowName(page)).toMatch(/\S+.*: .+/);
    await page.keyboard.press('j');
    expect(await selectedRowId(page)).not.toBe(first);
    await page.keyboard.press('k');
    expect(await selectedRowId(page)).toBe(first);

    const approveMe = await freshItem(stack, notDraft, taken);
    await selectByKeyboard(page, approveMe);
    await page.keyboard.press('a');
    expect((await answered(stack, approveMe.id)).status).toBe('approved');
    await page.getByRole('status').getByRole('button', { name: /^Undo/ }).first().waitFor();
    await page.keyboard.press('u');
    await lifeReaches(stack, approveMe.decisionId, ['undone', 'cancelled']);

    const rejectMe = await freshItem(stack, notDraft, taken);
    await selectByKeyboard(page, rejectMe);
    await page.keyboard.press('r');
    const reasonBox = rowOf(page, rejectMe).getByRole('textbox', { name: /reason/i });
    await reasonBox.waitFor();
    await poll(async () => ((await reasonBox.evaluate(isFocused)) ? true : null), 5_000, 50);
    await page.keyboard.type('Wrong label');
    await page.keyboard.press('Enter');
    const rejected = await answered(stack, rejectMe.id);
    expect(rejected.status).toBe('rejected');
    expect(JSON.stringify(rejected.response)).toContain('Wrong label');

    const editMe = await freshItem(stack, isDraft, taken);
    await selectByKeyboard(page, editMe);
    await page.keyboard.press('e');
    const box = rowOf(page, editMe).getByRole('textbox');
    await box.waitFor();
    expect(await box.evaluate(isFocused)).toBe(true);
    await box.fill('Typed without a mouse.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect((await answered(stack, editMe.id)).status).toBe('approved');

    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await page.keyboard.press('?');
    const help = page.getByRole('dialog');
    await help.getByText(/Approve the selected item/).waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    await page.keyboard.press('/');
    await page.waitForURL(/\/activity/, { waitUntil: 'commit', timeout: 20_000 });
    const search = page.getByRole('searchbox').or(page.getByRole('textbox', { name: /search/i })).first();
    await search.waitFor();
    expect(await search.evaluate(isFocused)).toBe(true);
  });
});
