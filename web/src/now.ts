// One shared clock for relative times, ticking each minute: "2 min ago" stays true without refetching.
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<(now: Date) => void>();
let timer: ReturnType<typeof setInterval> | null = null;

export function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    listeners.add(setNow);
    timer ??= setInterval(() => {
      const at = new Date();
      for (const listener of listeners) listener(at);
    }, 60_000);
    return () => {
      listeners.delete(setNow);
      if (listeners.size === 0 && timer !== null) {
        clearInterval(timer);
        timer = null;
      }
    };
  }, []);
  return now;
}
