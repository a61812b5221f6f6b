import { useEffect, useState } from 'preact/hooks';

/** The id j/k moves to: one step along the list, starting at the top when nothing is selected, never past either end. */
export function stepSelection(list: readonly { id: string }[], selectedId: string | null, step: 1 | -1): string | null {
  if (list.length === 0) return null;
  const at = list.findIndex((item) => item.id === selectedId);
  return list[Math.min(list.length - 1, Math.max(0, at < 0 ? 0 : at + step))]?.id ?? null;
}

/**
 * The selected and the opened row of a list view. A link to one item (its own address) selects
 * and opens it, also when the view is already shown.
 */
export function useListSelection(focusId: string | null | undefined) {
  const [selectedId, setSelectedId] = useState<string | null>(focusId ?? null);
  const [expandedId, setExpandedId] = useState<string | null>(focusId ?? null);
  useEffect(() => {
    if (!focusId) return;
    setSelectedId(focusId);
    setExpandedId(focusId);
  }, [focusId]);
  return { selectedId, setSelectedId, expandedId, setExpandedId };
}
