// The active view says what each key does; the shell listens once on the document.
import { useEffect, useRef } from 'preact/hooks';
import type { KeyCommand } from './keys.js';

export type KeyHandlers = Partial<Record<KeyCommand, () => void>>;

let active: { current: KeyHandlers } | null = null;

/** Registers the calling view's handlers while it is mounted (the latest render's handlers win). */
export function useKeyCommands(handlers: KeyHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    active = ref;
    return () => {
      if (active === ref) active = null;
    };
  }, []);
}

/** Runs the command on the active view; true when something handled it. */
export function runKeyCommand(command: KeyCommand): boolean {
  const handler = active?.current[command];
  if (!handler) return false;
  handler();
  return true;
}
