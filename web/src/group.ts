// Approvals grouped by urgency, newest first within each group. Pure: tested in node.

export const URGENCY_ORDER = ['critical', 'high', 'normal', 'low'] as const;
export type Urgency = (typeof URGENCY_ORDER)[number];

export const URGENCY_LABEL: Record<Urgency, string> = {
  critical: 'Urgent',
  high: 'Soon',
  normal: 'When you have a moment',
  low: 'Whenever',
};

export function urgencyOf(value: string): Urgency {
  return (URGENCY_ORDER as readonly string[]).includes(value) ? (value as Urgency) : 'normal';
}

export interface Section<T> {
  urgency: Urgency;
  label: string;
  items: T[];
}

/** Sections in urgency order, only those with items; within each, newest first (ties by id, stable). */
export function groupByUrgency<T extends { urgency: string; createdAt: string; id: string }>(items: readonly T[]): Section<T>[] {
  const sections = new Map<Urgency, T[]>();
  for (const item of items) {
    const urgency = urgencyOf(item.urgency);
    const list = sections.get(urgency) ?? [];
    list.push(item);
    sections.set(urgency, list);
  }
  return URGENCY_ORDER.filter((urgency) => sections.has(urgency)).map((urgency) => ({
    urgency,
    label: URGENCY_LABEL[urgency],
    items: (sections.get(urgency) ?? []).sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : b.createdAt.localeCompare(a.createdAt))),
  }));
}

/** The rows in display order: what j/k walk through. */
export function displayOrder<T>(sections: readonly Section<T>[]): T[] {
  return sections.flatMap((section) => section.items);
}

/** Merges a fresh page or a live update into the list by id, keeping the first-seen order of the rest. */
export function mergeById<T extends { id: string }>(current: readonly T[], incoming: readonly T[]): T[] {
  const fresh = new Map(incoming.map((item) => [item.id, item]));
  const merged = current.map((item) => fresh.get(item.id) ?? item);
  const known = new Set(current.map((item) => item.id));
  for (const item of incoming) if (!known.has(item.id)) merged.push(item);
  return merged;
}

/** After the selected row leaves the list, the row that takes its place (the next one, else the previous). */
export function nextSelection(order: readonly { id: string }[], removedId: string, selectedId: string | null): string | null {
  if (selectedId !== removedId) return selectedId;
  const at = order.findIndex((item) => item.id === removedId);
  if (at < 0) return null;
  return order[at + 1]?.id ?? order[at - 1]?.id ?? null;
}
