import { absoluteTime, clockTime, relativeTime } from '../format.js';
import { useNow } from '../now.js';

/** A time as words, relative when recent, the exact time on hover and for assistive technology. */
export function Time({ iso, mode = 'relative' }: { iso: string; mode?: 'relative' | 'clock' }) {
  const now = useNow();
  return (
    <time dateTime={iso} title={absoluteTime(iso)}>
      {mode === 'clock' ? clockTime(iso, now) : relativeTime(iso, now)}
    </time>
  );
}
