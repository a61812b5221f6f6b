import type { Locator, Page } from 'playwright-core';
import { poll } from '../../support/processes.js';
import type { DemoStack } from './stack.js';

/** The fields of an approval row these tests pick by (a subset of the contract's ApprovalItem). */
export interface PendingItem {
  id: string;
  decisionId: string;
  status: string;
  subject: string | null;
  sender: { name: string | null; address: string | null };
  action: { type: string; parameters: Record<string, unknown> } | null;
  draft: { body: string } | null;
  group: { key: string; label: string } | null;
  response: unknown;
}

export async function pendingApprovals(stack: DemoStack): Promise<PendingItem[]> {
  const page = await stack.api<{ approvals: PendingItem[] }>(`/api/users/${stack.userId}/approvals?status=pending&limit=200`);
  return page.approvals;
}

export async function approvalStatus(stack: DemoStack, id: string): Promise<PendingItem> {
  const page = await stack.api<{ approvals: PendingItem[] }>(`/api/users/${stack.userId}/approvals?status=all&limit=200`);
  const found = page.approvals.find((item) => item.id === id);
  if (!found) throw new Error(`approval ${id} is not in the list`);
  return found;
}

/** Waits until the approval has left `pending`, and answers it. */
export async function answered(stack: DemoStack, id: string, timeoutMs = 15_000): Promise<PendingItem> {
  return poll(async () => {
    const item = await approvalStatus(stack, id);
    return item.status === 'pending' ? null : item;
  }, timeoutMs, 200);
}

/** A pending item with a subject matching `wanted` that no earlier test took; it is taken now. */
export async function freshItem(stack: DemoStack, wanted: (item: PendingItem) => boolean, taken: Set<string>): Promise<PendingItem> {
  const items = await pendingApprovals(stack);
  const found = items.find((item) => !taken.has(item.id) && item.subject !== null && wanted(item));
  if (!found) throw new Error(`no pending item left matches; pending: ${items.map((i) => `${i.action?.type} ${i.subject}`).join('; ')}`);
  taken.add(found.id);
  return found;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The rows (role article) whose accessible name carries the subject. */
export function rowsNamed(page: Page, subject: string): Locator {
  return page.getByRole('article', { name: new RegExp(escape(subject)) });
}

/**
 * One item's row: among the rows named with its subject (several items can share sender and
 * subject), the one the page marks with the item's id.
 */
export function rowOf(page: Page, item: { id: string; subject: string | null }): Locator {
  return rowsNamed(page, item.subject ?? '(no subject)').and(page.locator(`[data-id="${item.id}"]`));
}

/** A button in `scope` whose accessible name starts with `verb` (and is not a bulk "… all …"). */
export function verbButton(scope: Locator | Page, verb: string): Locator {
  return scope.getByRole('button', { name: new RegExp(`^${escape(verb)}(?! all)`) });
}

/** Where a decision stands now, as `GET /api/decisions/:id` says (life state, undoable). */
export async function decisionLife(stack: DemoStack, decisionId: string): Promise<{ state: string; undoable: boolean }> {
  const body = await stack.api<{ life: { state: string }; undoable: boolean }>(`/api/decisions/${decisionId}`);
  return { state: body.life.state, undoable: body.undoable };
}

/** Waits until the decision's life reaches one of `states`. */
export async function lifeReaches(stack: DemoStack, decisionId: string, states: string[], timeoutMs = 20_000): Promise<string> {
  return poll(async () => {
    const life = await decisionLife(stack, decisionId);
    return states.includes(life.state) ? life.state : null;
  }, timeoutMs, 250);
}

const SELECTED = 'article.selected, article[aria-current="true"], article[aria-selected="true"]';

/** The accessible name of the selected row (the one j/k moved to), or null. */
export async function selectedRowName(page: Page): Promise<string | null> {
  const selected = page.locator(SELECTED);
  return (await selected.count()) > 0 ? selected.first().getAttribute('aria-label') : null;
}

/** The id the page marks the selected row with, or null. */
export async function selectedRowId(page: Page): Promise<string | null> {
  const selected = page.locator(SELECTED);
  return (await selected.count()) > 0 ? selected.first().getAttribute('data-id') : null;
}

/** Presses j or k until the item's row is the selected one. */
export async function selectByKeyboard(page: Page, item: { id: string }): Promise<void> {
  const ids = () => page.getByRole('article').evaluateAll((rows) => rows.map((row) => String((row as unknown as { getAttribute(n: string): string | null }).getAttribute('data-id'))));
  const selectedId = async () => ((await page.locator(SELECTED).count()) > 0 ? page.locator(SELECTED).first().getAttribute('data-id') : null);
  if ((await selectedId()) === null) await page.keyboard.press('j');
  for (let guard = 0; guard < 200; guard += 1) {
    const at = await selectedId();
    if (at === item.id) return;
    const all = await ids();
    const target = all.indexOf(item.id);
    if (target < 0) throw new Error(`no row for ${item.id}`);
    await page.keyboard.press(target > all.indexOf(String(at)) ? 'j' : 'k');
  }
  throw new Error(`j/k never reached the row for ${item.id}`);
}
