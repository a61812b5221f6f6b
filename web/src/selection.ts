/** The id j/k moves to: one step along the list, starting at the top when nothing is selected, never past either end. */
export function stepSelection(list: readonly { id: string }[], selectedId: string | null, step: 1 | -1): string | null {
  if (list.length === 0) return null;
  const at = list.findIndex((item) => item.id === selectedId);
  return list[Math.min(list.length - 1, Math.max(0, at < 0 ? 0 : at + step))]?.id ?? null;
}
