// Live updates must not move what the person is looking at: before a list is patched, note where
// the selected row sits on screen; after the patch renders, scroll by however far it moved.
import { useLayoutEffect, useRef } from 'preact/hooks';

const rowTop = (id: string | null): number | null => {
  if (!id) return null;
  const row = document.querySelector(`article[data-id="${CSS.escape(id)}"]`);
  return row ? row.getBoundingClientRect().top : null;
};

/** Call `hold()` just before applying a live patch; the row `selectedId` stays where it was on screen. */
export function useAnchoredRow(selectedId: string | null, version: unknown): { hold: () => void } {
  const held = useRef<{ id: string; top: number } | null>(null);
  useLayoutEffect(() => {
    const anchor = held.current;
    held.current = null;
    if (!anchor) return;
    const top = rowTop(anchor.id);
    if (top !== null && top !== anchor.top) window.scrollBy(0, top - anchor.top);
  }, [version]);
  return {
    hold: () => {
      const top = rowTop(selectedId);
      held.current = top === null || selectedId === null ? null : { id: selectedId, top };
    },
  };
}
