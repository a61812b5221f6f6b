// The "?" overlay: every key, what it does. Escape or the button closes it; focus returns to the page.
import { useEffect, useRef } from 'preact/hooks';
import { KEY_HELP } from '../keys.js';

export function KeyHelp({ onClose }: { onClose: () => void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    return () => before?.focus?.();
  }, []);
  return (
    <div class="overlay" onClick={(event) => event.target === event.currentTarget && onClose()}>
      <section class="dialog" role="dialog" aria-modal="true" aria-labelledby="key-help-title">
        <h2 id="key-help-title">Keyboard</h2>
        <dl class="keys">
          {KEY_HELP.map((entry) => (
            <div key={entry.keys}>
              <dt>
                <kbd>{entry.keys}</kbd>
              </dt>
              <dd>{entry.does}</dd>
            </div>
          ))}
        </dl>
        <button type="button" ref={closeButton} onClick={onClose}>
          Close
        </button>
      </section>
    </div>
  );
}
