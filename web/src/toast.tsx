// Short notices after an action, with Undo where the action can be taken back. One live region
// (role="status") so screen readers hear each notice once.
import { useEffect, useState } from 'preact/hooks';

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
  undo?: () => Promise<void> | void;
}

let nextId = 1;
let toasts: Toast[] = [];
const listeners = new Set<(list: Toast[]) => void>();
const TOAST_MS = 8_000;

function publish(): void {
  for (const listener of listeners) listener(toasts);
}

export function dismiss(id: number): void {
  toasts = toasts.filter((toast) => toast.id !== id);
  publish();
}

export function showToast(text: string, options: { undo?: Toast['undo']; tone?: Toast['tone'] } = {}): number {
  const toast: Toast = { id: nextId++, text, tone: options.tone ?? 'info', ...(options.undo ? { undo: options.undo } : {}) };
  toasts = [...toasts.slice(-2), toast];
  publish();
  setTimeout(() => dismiss(toast.id), TOAST_MS);
  return toast.id;
}

export function Toasts() {
  const [list, setList] = useState<Toast[]>(toasts);
  useEffect(() => {
    listeners.add(setList);
    return () => void listeners.delete(setList);
  }, []);
  // Notices are polite (role="status"); failures interrupt (role="alert").
  return (
    <div class="toasts">
      <div role="alert">
        {list.filter((toast) => toast.tone === 'error').map((toast) => (
          <ToastItem key={toast.id} toast={toast} />
        ))}
      </div>
      <div role="status" aria-live="polite">
        {list.filter((toast) => toast.tone !== 'error').map((toast) => (
          <ToastItem key={toast.id} toast={toast} />
        ))}
      </div>
    </div>
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  return (
    <div class={`toast ${toast.tone}`}>
      <span>{toast.text}</span>
      {toast.undo ? (
        <button
          type="button"
          onClick={() => {
            dismiss(toast.id);
            void toast.undo?.();
          }}
        >
          Undo
        </button>
      ) : null}
      <button type="button" class="quiet" aria-label="Dismiss notice" onClick={() => dismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}
