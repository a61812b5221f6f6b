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

/**
 * A pending item whose subject no other pending item shares (so its row can be told apart by
 * sender and subject alone), matching `wanted`; items in `taken` are skipped.
 */
export async function distinctItem(stack: DemoStack, wanted: (item: PendingItem) => boolean, taken: Set<string>): Promise<PendingItem> {
  const items = await pendingApprovals(stack);
  const count = new Map<string, number>();
  for (const item of items) count.set(item.subject ?? '', (count.get(item.subject ?? '') ?? 0) + 1);
  const found = items.find((item) => !taken.has(item.id) && item.subject !== null && count.get(item.subject) === 1 && wanted(item));
  if (!found) throw new Error(`no pending item with a subject of its own matches; pending: ${items.map((i) => `${i.action?.type} ${i.subject}`).join('; ')}`);
  taken.add(found.id);
  return found;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The row (role article) whose accessible name carries the item's subject. */
export function rowFor(page: Page, subject: string): Locator {
  return page.getByRole('article', { name: new RegExp(escape(subject)) });
}

/** A button in `scope` whose accessible name starts with `verb` (and is not a bulk "… all …"). */
export function verbButton(scope: Locator | Page, verb: string): Locator {
  return scope.getByRole('button', { name: new RegExp(`^${escape(verb)}(?! all)`) });
}
